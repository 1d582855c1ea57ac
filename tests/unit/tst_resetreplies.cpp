// The results of the offset-reset commands (shared/values/offsetresetreply.h): OffsetResetReply's
// rows and ResetJournal's entries read back what they write, nulls included, a missing or
// mistyped key is named by its path, and the examples of docs/protocol.md are what they read.

#include "shared/values/offsetresetreply.h"
#include "shared/values/offsetresetrequest.h"
#include "tests/support/qtestprinters.h"

#include <QFile>
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

ResetRow sampleRow() {
    ResetRow row;
    row.topic = QStringLiteral("mulog_clean_24");
    row.partition = 3;
    row.low = 10;
    row.high = 1200;
    row.current = 1150;
    row.checkpointed = 1100;
    row.next = 10;
    row.lagAfter = 1190;
    row.replayed = 1140;
    row.clamped = QStringLiteral("low");
    return row;
}

ResetRow refusedRow() {
    ResetRow row;
    row.topic = QStringLiteral("mulog_clean_25");
    row.partition = 0;
    row.current = 7;
    row.refusedCode = QStringLiteral("not_owned");
    row.refusedMessage = QStringLiteral("mulog_clean_25:0 is not assigned to this worker");
    return row;
}

ResetJournalEntry sampleEntry() {
    ResetJournalEntry entry;
    entry.id = 4;
    entry.timeMs = 1'764'680'000'000;
    entry.uid = 1000;
    entry.pid = 4242;
    entry.target = QStringLiteral("offsets");
    entry.request = parse(R"({"to":"offsets","offsets":[{"topic":"t","partition":0,"offset":5}]})");
    entry.undoes = 3;
    entry.partitions = {{QStringLiteral("t"), 0, 9, 5}, {QStringLiteral("t"), 1, -1, 0}};
    return entry;
}

// The part of protocol.md from `heading` to the next heading.
QString docSection(const QString& heading) {
    QFile file(QStringLiteral(MTGA_SOURCE_DIR "/docs/protocol.md"));
    const QString doc =
        file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    const qsizetype start = doc.indexOf(heading);
    if (start < 0) {
        return {};
    }
    const qsizetype end = doc.indexOf(QLatin1String("\n#"), start + heading.size());
    return doc.mid(start, end < 0 ? -1 : end - start);
}

// The text of a section's first ``` block, from `marker` on.
QByteArray exampleAfter(const QString& section, const QString& marker) {
    const qsizetype fence = section.indexOf(QLatin1String("```"));
    const qsizetype start = section.indexOf(marker, fence);
    const qsizetype end = section.indexOf(QLatin1String("```"), fence + 3);
    if (fence < 0 || start < 0 || end < start) {
        return {};
    }
    return section.mid(start + marker.size(), end - start - marker.size()).toUtf8();
}

}  // namespace

class TestResetReplies : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replyRoundTrip();
    void replyNamesABadKey_data();
    void replyNamesABadKey();
    void journalRoundTrip();
    void protocolExamples();
};

void TestResetReplies::replyRoundTrip() {
    OffsetResetReply dry;
    dry.target = QStringLiteral("earliest");
    dry.partitions = {sampleRow(), refusedRow()};
    const QJsonObject json = dry.toJson();
    QCOMPARE(OffsetResetReply::fromJson(json).value(), dry);
    // A dry run: no journal entry, nothing undone, no commit error: null, not absent.
    for (const char* key : {"journal_id", "undoes", "group_commit_error"}) {
        QVERIFY2(json.contains(QLatin1String(key)) && json.value(QLatin1String(key)).isNull(), key);
    }
    const QJsonArray rows = json.value(QLatin1String("partitions")).toArray();
    QCOMPARE(rows.at(0).toObject(),
             parse(R"({"topic":"mulog_clean_24","partition":3,"low":10,"high":1200,"current":1150,)"
                   R"("checkpointed":1100,"next":10,"lag_after":1190,"skipped":0,"replayed":1140,)"
                   R"("clamped":"low","refused":null})"));
    QCOMPARE(rows.at(1).toObject(),
             parse(R"({"topic":"mulog_clean_25","partition":0,"low":-1,"high":-1,"current":7,)"
                   R"("checkpointed":-1,"next":-1,"lag_after":null,"skipped":0,"replayed":0,)"
                   R"("clamped":null,"refused":{"code":"not_owned",)"
                   R"("message":"mulog_clean_25:0 is not assigned to this worker"}})"));

    OffsetResetReply applied;
    applied.dryRun = false;
    applied.target = QStringLiteral("offsets");
    applied.partitions = {sampleRow()};
    applied.journalId = 4;
    applied.undoes = 3;
    applied.groupCommitError = QStringLiteral("Broker: Unknown member");
    const QJsonObject appliedJson = applied.toJson();
    QCOMPARE(appliedJson.value(QLatin1String("journal_id")), QJsonValue(4));
    QCOMPARE(OffsetResetReply::fromJson(appliedJson).value(), applied);
    // What the worker adds for the audit log (before, after) a client may ignore.
    QJsonObject withAudit = appliedJson;
    withAudit.insert(QStringLiteral("before"), QJsonObject{{QStringLiteral("t:0"), 5}});
    QCOMPARE(OffsetResetReply::fromJson(withAudit).value(), applied);

    OffsetResetReply empty;
    empty.target = QStringLiteral("latest");
    QCOMPARE(OffsetResetReply::fromJson(empty.toJson()).value(), empty);
}

void TestResetReplies::replyNamesABadKey_data() {
    QTest::addColumn<QString>("remove");    // a key of the first row, or of the reply
    QTest::addColumn<QJsonValue>("value");  // undefined: removed
    QTest::addColumn<QString>("path");

    QTest::newRow("row without next") << QStringLiteral("next") << QJsonValue(QJsonValue::Undefined)
                                      << QStringLiteral("reset_offsets.partitions[0].next");
    QTest::newRow("row without lag_after")
        << QStringLiteral("lag_after") << QJsonValue(QJsonValue::Undefined)
        << QStringLiteral("reset_offsets.partitions[0].lag_after");
    QTest::newRow("skipped a string")
        << QStringLiteral("skipped") << QJsonValue(QStringLiteral("1"))
        << QStringLiteral("reset_offsets.partitions[0].skipped");
    QTest::newRow("partition a fraction")
        << QStringLiteral("partition") << QJsonValue(1.5)
        << QStringLiteral("reset_offsets.partitions[0].partition");
    QTest::newRow("refused without code")
        << QStringLiteral("refused") << QJsonValue(QJsonObject{{QStringLiteral("message"), 1}})
        << QStringLiteral("reset_offsets.partitions[0].refused.code");
    QTest::newRow("reply without dry_run")
        << QStringLiteral("/dry_run") << QJsonValue(QJsonValue::Undefined)
        << QStringLiteral("reset_offsets.dry_run");
    QTest::newRow("reply journal_id a string")
        << QStringLiteral("/journal_id") << QJsonValue(QStringLiteral("4"))
        << QStringLiteral("reset_offsets.journal_id");
}

void TestResetReplies::replyNamesABadKey() {
    QFETCH(QString, remove);
    QFETCH(QJsonValue, value);
    QFETCH(QString, path);
    OffsetResetReply reply;
    reply.partitions = {sampleRow()};
    QJsonObject json = reply.toJson();
    const auto edit = [&](QJsonObject& object, const QString& key) {
        if (value.isUndefined()) {
            object.remove(key);
        } else {
            object.insert(key, value);
        }
    };
    if (remove.startsWith(QLatin1Char('/'))) {
        edit(json, remove.mid(1));
    } else {
        QJsonArray rows = json.value(QLatin1String("partitions")).toArray();
        QJsonObject row = rows.at(0).toObject();
        edit(row, remove);
        rows.replace(0, row);
        json.insert(QStringLiteral("partitions"), rows);
    }
    const auto read = OffsetResetReply::fromJson(json);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::BadReply);
    QVERIFY2(read.error().message.startsWith(path), qPrintable(read.error().message));
}

void TestResetReplies::journalRoundTrip() {
    ResetJournalEntry undo = sampleEntry();
    ResetJournalEntry shift;
    shift.id = 3;
    shift.timeMs = 1'764'679'000'000;
    shift.target = QStringLiteral("shift");
    shift.request = parse(R"({"to":"shift","shift":-100,"partitions":["t:0"]})");
    shift.partitions = {{QStringLiteral("t"), 0, 5, 9}};  // uid and pid unknown: -1
    ResetJournal journal;
    journal.entries = {undo, shift};
    const QJsonObject json = journal.toJson();
    QCOMPARE(ResetJournal::fromJson(json).value(), journal);
    const QJsonObject second = json.value(QLatin1String("entries")).toArray().at(1).toObject();
    QCOMPARE(second,
             parse(R"({"id":3,"time_ms":1764679000000,"uid":-1,"pid":-1,"target":"shift",)"
                   R"("request":{"to":"shift","shift":-100,"partitions":["t:0"]},"undoes":null,)"
                   R"("partitions":[{"topic":"t","partition":0,"before":5,"after":9}]})"));
    QCOMPARE(ResetJournal::fromJson(ResetJournal{}.toJson()).value(), ResetJournal{});

    QJsonObject broken = json;
    QJsonArray entries = broken.value(QLatin1String("entries")).toArray();
    QJsonObject first = entries.at(0).toObject();
    first.insert(QStringLiteral("request"), QStringLiteral("to=shift"));
    entries.replace(0, first);
    broken.insert(QStringLiteral("entries"), entries);
    const auto read = ResetJournal::fromJson(broken);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::BadReply);
    QVERIFY2(read.error().message.startsWith(QLatin1String("reset_journal.entries[0].request")),
             qPrintable(read.error().message));
}

void TestResetReplies::protocolExamples() {
    // reset_offsets: the request is one, and the reply reads back as it is written.
    const QString reset = docSection(QStringLiteral("### Offset resets: `reset_offsets`"));
    QVERIFY(!reset.isEmpty());
    const QJsonObject request =
        parse(exampleAfter(reset, QStringLiteral("> ")).split('\n').first());
    const auto args = OffsetResetRequest::fromArgs(request.value(QLatin1String("args")).toObject());
    QVERIFY2(args, args ? "" : qPrintable(args.error().message));
    QCOMPARE(args->target, ResetTarget::Shift);
    QCOMPARE(args->shift, -100);
    const QJsonObject reply = parse(exampleAfter(reset, QStringLiteral("< ")));
    const QJsonObject result = reply.value(QLatin1String("result")).toObject();
    const auto read = OffsetResetReply::fromJson(result);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QCOMPARE(read->toJson(), result);
    // The example's numbers are what the planner makes of them (tst_offsetresetplanner).
    const ResetRow& row = read->partitions.at(0);
    QCOMPARE(row.next, row.current - 100);
    QCOMPARE(row.lagAfter, std::optional<qint64>(row.high - row.next));
    QCOMPARE(row.replayed, 100);

    const QString journal = docSection(QStringLiteral("### `reset_journal`"));
    const QJsonObject entries = parse(exampleAfter(journal, QStringLiteral("```json\n")));
    const auto entriesRead = ResetJournal::fromJson(entries);
    QVERIFY2(entriesRead, entriesRead ? "" : qPrintable(entriesRead.error().message));
    QCOMPARE(entriesRead->toJson(), entries);
    QVERIFY(OffsetResetRequest::fromArgs(entriesRead->entries.at(0).request));
}

QTEST_GUILESS_MAIN(TestResetReplies)
#include "tst_resetreplies.moc"
