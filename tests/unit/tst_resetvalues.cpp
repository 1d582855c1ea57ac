// The arguments of `reset_offsets` (shared/values/offsetresetrequest.h): toArgs and fromArgs
// give each other back for every target, and what the command table lets through; every request
// that is not one is invalid_argument, naming what is wrong (no target or two, a target without
// its value, no scope or two, values out of range, partitions that are not "topic:N", a file's
// offsets that are not topic, partition and offset). The replies: tst_resetreplies.

#include "shared/commands.h"
#include "shared/values/offsetresetrequest.h"
#include "tests/support/qtestprinters.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace mtga;

namespace {

QJsonObject parse(const QByteArray& text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("not JSON: %s in %s", qPrintable(error.errorString()), text.constData());
    }
    return document.object();
}

OffsetResetRequest requestOf(ResetTarget target) {
    OffsetResetRequest request;
    request.target = target;
    return request;
}

}  // namespace

Q_DECLARE_METATYPE(mtga::OffsetResetRequest)

class TestResetValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestRoundTrip_data();
    void requestRoundTrip();
    void requestDefaults();
    void invalidRequests_data();
    void invalidRequests();
    void mistypedValues_data();
    void mistypedValues();
    void targetNames();
    void partitionRefs();
};

void TestResetValues::requestRoundTrip_data() {
    QTest::addColumn<OffsetResetRequest>("request");
    QTest::addColumn<QByteArray>("args");

    OffsetResetRequest earliest = requestOf(ResetTarget::Earliest);
    earliest.allTopics = true;
    QTest::newRow("earliest, all topics")
        << earliest << QByteArray(R"({"to":"earliest","dry_run":true,"all_topics":true})");

    OffsetResetRequest latest = requestOf(ResetTarget::Latest);
    latest.topics = {QStringLiteral("a"), QStringLiteral("b")};
    latest.dryRun = false;
    QTest::newRow("latest, two topics, applied")
        << latest << QByteArray(R"({"to":"latest","dry_run":false,"topics":["a","b"]})");

    OffsetResetRequest offset = requestOf(ResetTarget::Offset);
    offset.offset = 42;
    offset.partitions = {{QStringLiteral("a"), 0}, {QStringLiteral("a"), 3}};
    QTest::newRow("offset, partitions")
        << offset
        << QByteArray(R"({"to":"offset","offset":42,"dry_run":true,"partitions":["a:0","a:3"]})");
    offset.offset = 0;
    offset.partitions = {{QStringLiteral("a"), 0}};
    QTest::newRow("offset 0") << offset
                              << QByteArray(R"({"to":"offset","offset":0,"dry_run":true,)"
                                            R"("partitions":["a:0"]})");

    OffsetResetRequest datetime = requestOf(ResetTarget::Datetime);
    datetime.timestampMs = 1'764'576'000'000;
    datetime.allTopics = true;
    datetime.strict = true;
    QTest::newRow("datetime, strict")
        << datetime
        << QByteArray(R"({"to":"datetime","timestamp_ms":1764576000000,"dry_run":true,)"
                      R"("all_topics":true,"strict":true})");

    OffsetResetRequest duration = requestOf(ResetTarget::Duration);
    duration.durationMs = 3'600'000;
    duration.topics = {QStringLiteral("mulog_clean_24")};
    QTest::newRow("duration") << duration
                              << QByteArray(
                                     R"({"to":"duration","duration_ms":3600000,"dry_run":true,)"
                                     R"("topics":["mulog_clean_24"]})");

    OffsetResetRequest back = requestOf(ResetTarget::Shift);
    back.shift = -100;
    back.partitions = {{QStringLiteral("mulog_clean_24"), 0}};
    QTest::newRow("shift back") << back
                                << QByteArray(R"({"to":"shift","shift":-100,"dry_run":true,)"
                                              R"("partitions":["mulog_clean_24:0"]})");
    OffsetResetRequest forwards = back;
    forwards.shift = 5;
    forwards.dryRun = false;
    QTest::newRow("shift forwards, applied")
        << forwards
        << QByteArray(R"({"to":"shift","shift":5,"dry_run":false,)"
                      R"("partitions":["mulog_clean_24:0"]})");

    OffsetResetRequest file = requestOf(ResetTarget::Offsets);
    file.offsets = {{{QStringLiteral("t"), 1}, 300}, {{QStringLiteral("u"), 0}, 0}};
    QTest::newRow("offsets") << file
                             << QByteArray(R"({"to":"offsets","dry_run":true,"offsets":[)"
                                           R"({"topic":"t","partition":1,"offset":300},)"
                                           R"({"topic":"u","partition":0,"offset":0}]})");
}

void TestResetValues::requestRoundTrip() {
    QFETCH(OffsetResetRequest, request);
    QFETCH(QByteArray, args);
    QCOMPARE(request.toArgs(), parse(args));
    const auto back = OffsetResetRequest::fromArgs(parse(args));
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QVERIFY(back.value() == request);
    // What the CLI sends the worker takes: the command table agrees with toArgs.
    const CommandSpec* spec = CommandTable::builtin().find(QLatin1String("reset_offsets"));
    QVERIFY(spec);
    const auto checked = spec->checkArguments(request.toArgs());
    QVERIFY2(checked, checked ? "" : qPrintable(checked.error().message));
}

void TestResetValues::requestDefaults() {
    // Applying must be asked for; so must refusing instead of clamping.
    const auto plain = OffsetResetRequest::fromArgs(parse(R"({"to":"latest","all_topics":true})"));
    QVERIFY(plain);
    QVERIFY(plain->dryRun);
    QVERIFY(!plain->strict);
    // null is absent, as the command table reads it.
    const auto nulls = OffsetResetRequest::fromArgs(
        parse(R"({"to":"earliest","offset":null,"shift":null,"all_topics":true,"dry_run":null,)"
              R"("strict":null,"topics":null})"));
    QVERIFY2(nulls, nulls ? "" : qPrintable(nulls.error().message));
    QVERIFY(nulls->dryRun);
    QVERIFY(!nulls->strict);
    // all_topics false is no scope, but does not spoil another one.
    const auto topics = OffsetResetRequest::fromArgs(
        parse(R"({"to":"earliest","all_topics":false,"topics":["a"],"dry_run":false})"));
    QVERIFY(topics);
    QCOMPARE(topics->topics, QStringList{QStringLiteral("a")});
    QVERIFY(!topics->dryRun);
}

void TestResetValues::invalidRequests_data() {
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QString>("mentions");

    const auto row = [](const char* name, const char* args, const char* mentions) {
        QTest::newRow(name) << QByteArray(args) << QString::fromUtf8(mentions);
    };
    // The target.
    row("no target", R"({"all_topics":true})", "to must be one of earliest, latest, offset");
    row("unknown target", R"({"to":"sideways","all_topics":true})", "not \"sideways\"");
    row("target not a string", R"({"to":1,"all_topics":true})", "to must be one of");
    row("offset without offset", R"({"to":"offset","all_topics":true})",
        "the target offset needs offset");
    row("offset null", R"({"to":"offset","offset":null,"all_topics":true})",
        "the target offset needs offset");
    row("datetime without time", R"({"to":"datetime","all_topics":true})", "needs timestamp_ms");
    row("duration without duration", R"({"to":"duration","all_topics":true})", "needs duration_ms");
    row("shift without shift", R"({"to":"shift","all_topics":true})", "needs shift");
    row("offsets without offsets", R"({"to":"offsets"})", "needs offsets");
    // Two targets: the value of another one would be ignored.
    row("offset and shift", R"({"to":"offset","offset":1,"shift":2,"all_topics":true})",
        "shift does not go with the target offset");
    row("earliest with an offset", R"({"to":"earliest","offset":5,"all_topics":true})",
        "offset does not go with the target earliest");
    row("latest with a time", R"({"to":"latest","timestamp_ms":5,"all_topics":true})",
        "timestamp_ms does not go with the target latest");
    row("shift with offsets",
        R"({"to":"shift","shift":1,"offsets":[{"topic":"t","partition":0,"offset":1}],)"
        R"("all_topics":true})",
        "offsets does not go with the target shift");
    // Values.
    row("negative offset", R"({"to":"offset","offset":-1,"all_topics":true})",
        "offset must not be negative");
    row("offset not a number", R"({"to":"offset","offset":"5","all_topics":true})", "offset");
    row("offset with a fraction", R"({"to":"offset","offset":1.5,"all_topics":true})", "offset");
    row("negative time", R"({"to":"datetime","timestamp_ms":-5,"all_topics":true})",
        "timestamp_ms must not be negative");
    row("negative duration", R"({"to":"duration","duration_ms":-1,"all_topics":true})",
        "duration_ms must not be negative");
    // The scope.
    row("no scope", R"({"to":"earliest"})", "exactly one of all_topics, topics or partitions");
    row("all_topics false only", R"({"to":"earliest","all_topics":false})", "exactly one of");
    row("empty topics", R"({"to":"earliest","topics":[]})", "exactly one of");
    row("all topics and topics", R"({"to":"earliest","all_topics":true,"topics":["a"]})",
        "exactly one of");
    row("topics and partitions", R"({"to":"earliest","topics":["a"],"partitions":["a:0"]})",
        "exactly one of");
    row("offsets with a scope",
        R"({"to":"offsets","offsets":[{"topic":"t","partition":0,"offset":1}],"topics":["t"]})",
        "the target offsets names its partitions");
    row("offsets with all topics",
        R"({"to":"offsets","offsets":[{"topic":"t","partition":0,"offset":1}],)"
        R"("all_topics":true})",
        "takes no all_topics");
    row("topic not a string", R"({"to":"earliest","topics":[1]})",
        "topics must be an array of topic names");
    row("empty topic name", R"({"to":"earliest","topics":[""]})", "topics must be an array");
    row("partition without number", R"({"to":"earliest","partitions":["a"]})",
        "partitions must be \"topic:N\" strings");
    row("negative partition", R"({"to":"earliest","partitions":["a:-1"]})", "\"topic:N\"");
    row("partition not a number", R"({"to":"earliest","partitions":["a:x"]})", "\"topic:N\"");
    row("partition without topic", R"({"to":"earliest","partitions":[":0"]})", "\"topic:N\"");
    row("partition as a number", R"({"to":"earliest","partitions":[0]})", "strings, not 0");
    // The offsets of a file.
    row("empty offsets", R"({"to":"offsets","offsets":[]})",
        "offsets must name at least one partition");
    row("offsets entry not an object", R"({"to":"offsets","offsets":["t,0,5"]})",
        "offsets[0] must be an object with topic, partition and offset");
    row("offsets entry without offset",
        R"({"to":"offsets","offsets":[{"topic":"t","partition":0,"offset":1},)"
        R"({"topic":"t","partition":1}]})",
        "offsets[1].offset is missing");
    row("offsets entry partition a string",
        R"({"to":"offsets","offsets":[{"topic":"t","partition":"0","offset":1}]})",
        "offsets[0].partition must be");
    row("offsets entry negative offset",
        R"({"to":"offsets","offsets":[{"topic":"t","partition":0,"offset":-1}]})",
        "offsets[0]: the topic must not be empty, and the partition and the offset must not be "
        "negative");
    row("offsets entry negative partition",
        R"({"to":"offsets","offsets":[{"topic":"t","partition":-2,"offset":1}]})",
        "offsets[0]: the topic");
    row("offsets entry empty topic",
        R"({"to":"offsets","offsets":[{"topic":"","partition":0,"offset":1}]})",
        "offsets[0]: the topic");
}

void TestResetValues::invalidRequests() {
    QFETCH(QByteArray, args);
    QFETCH(QString, mentions);
    const auto request = OffsetResetRequest::fromArgs(parse(args));
    QVERIFY2(!request, args.constData());
    QCOMPARE(request.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(request.error().message.contains(mentions), qPrintable(request.error().message));
}

void TestResetValues::mistypedValues_data() {
    QTest::addColumn<QByteArray>("args");
    QTest::newRow("shift a string")
        << QByteArray(R"({"to":"shift","shift":"-100","all_topics":true})");
    QTest::newRow("shift a fraction")
        << QByteArray(R"({"to":"shift","shift":-0.5,"all_topics":true})");
    QTest::newRow("strict a string")
        << QByteArray(R"({"to":"earliest","strict":"yes","all_topics":true})");
    QTest::newRow("dry_run a string")
        << QByteArray(R"({"to":"earliest","dry_run":"no","all_topics":true})");
}

// Values of the wrong type: the command table refuses them (bad_request) before a worker reads
// them, and fromArgs on its own refuses them too (invalid_argument), never a silent default.
void TestResetValues::mistypedValues() {
    QFETCH(QByteArray, args);
    const CommandSpec* spec = CommandTable::builtin().find(QLatin1String("reset_offsets"));
    QVERIFY(spec);
    const auto checked = spec->checkArguments(parse(args));
    QVERIFY(!checked);
    QCOMPARE(checked.error().code, ErrorCode::BadRequest);

    const auto request = OffsetResetRequest::fromArgs(parse(args));
    QVERIFY(!request);
    QCOMPARE(request.error().code, ErrorCode::InvalidArgument);
}

void TestResetValues::targetNames() {
    const QStringList names{QStringLiteral("earliest"), QStringLiteral("latest"),
                            QStringLiteral("offset"),   QStringLiteral("datetime"),
                            QStringLiteral("duration"), QStringLiteral("shift"),
                            QStringLiteral("offsets")};
    for (const QString& name : names) {
        const auto target = resetTargetFromName(name);
        QVERIFY2(target, qPrintable(name));
        QCOMPARE(resetTargetName(*target), name);
    }
    QVERIFY(!resetTargetFromName(QStringLiteral("Earliest")));
    QVERIFY(!resetTargetFromName(QString()));
}

void TestResetValues::partitionRefs() {
    QCOMPARE(parsePartitionRef(QStringLiteral("mulog_clean_24:10")),
             (std::optional<PartitionRef>(PartitionRef{QStringLiteral("mulog_clean_24"), 10})));
    QCOMPARE(partitionRefText({QStringLiteral("t"), 0}), QStringLiteral("t:0"));
    for (const char* bad : {"t", "t:", ":1", "t:-1", "t:1x", "t:x", ""}) {
        QVERIFY2(!parsePartitionRef(QString::fromLatin1(bad)), bad);
    }
}

QTEST_GUILESS_MAIN(TestResetValues)
#include "tst_resetvalues.moc"
