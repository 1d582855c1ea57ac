// The failure queue's values over the socket (shared/values/failurequeue.h): round trips, the
// payload as text or base64, and the arguments a worker refuses as invalid_argument.

#include "shared/values/failurequeue.h"
#include "tests/support/qtestprinters.h"

#include <QJsonDocument>
#include <QtTest>

using namespace mtga;

namespace {

QJsonObject parse(const QByteArray& json) {
    return QJsonDocument::fromJson(json).object();
}

FailureRecord record(QByteArray payload) {
    FailureRecord r;
    r.topic = QStringLiteral("mulog_clean_24");
    r.partition = 3;
    r.offset = 17;
    r.index = 1;
    r.appId = 24;
    r.logName = QStringLiteral("log_item");
    r.stage = QStringLiteral("parse");
    r.reason = QStringLiteral("invalid_json");
    r.message = QStringLiteral("not JSON");
    r.attempts = 2;
    r.firstTimeMs = 1000;
    r.lastTimeMs = 2000;
    r.payload = std::move(payload);
    return r;
}

}  // namespace

class TestFailureValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recordPayload_data();
    void recordPayload();
    void pageAndCountsRoundTrip();
    void queryArguments_data();
    void queryArguments();
    void cursors();
};

void TestFailureValues::recordPayload_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<bool>("base64");
    QTest::newRow("json text") << QByteArray(R"({"a":"é"})") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("snappy bytes") << QByteArray("\x00\xff\xfe", 3) << true;
    QTest::newRow("cut utf-8") << QByteArray("ab\xc3") << true;
}

void TestFailureValues::recordPayload() {
    QFETCH(QByteArray, payload);
    QFETCH(bool, base64);
    const FailureRecord original = record(payload);
    const QJsonObject json = original.toJson();
    QCOMPARE(json.value(QLatin1String("payload_encoding")).toString(),
             base64 ? QStringLiteral("base64") : QString());
    if (!base64) {
        QCOMPARE(json.value(QLatin1String("payload")).toString(), QString::fromUtf8(payload));
    }
    const auto back = FailureRecord::fromJson(json, QStringLiteral("entry"));
    QVERIFY(back);
    QCOMPARE(back.value(), original);
}

void TestFailureValues::pageAndCountsRoundTrip() {
    FailurePage page;
    page.entries = {record("x"), record(QByteArray("\xff", 1))};
    page.nextCursor = QStringLiteral("abc");
    QCOMPARE(FailurePage::fromJson(page.toJson()).value(), page);
    page.nextCursor.reset();
    QVERIFY(page.toJson().value(QLatin1String("next_cursor")).isNull());
    QCOMPARE(FailurePage::fromJson(page.toJson()).value(), page);

    FailureClearReply reply;
    reply.removed = 5;
    reply.before.total = 7;
    reply.before.byReason = {{QStringLiteral("invalid_json"), 5}, {QStringLiteral("bad_time"), 2}};
    reply.after.total = 2;
    reply.after.byReason = {{QStringLiteral("bad_time"), 2}};
    QCOMPARE(FailureClearReply::fromJson(reply.toJson()).value(), reply);
    FailureCounts counts = reply.before;
    counts.matching = 5;
    QCOMPARE(FailureCounts::fromJson(counts.toJson(), QStringLiteral("c")).value(), counts);

    const auto bad = FailureCounts::fromJson(parse(R"({"total":1,"by_reason":{"x":"1"}})"),
                                             QStringLiteral("failure_queue_count"));
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, ErrorCode::BadReply);
    QVERIFY(bad.error().message.contains(QLatin1String("failure_queue_count.by_reason.x")));
}

void TestFailureValues::queryArguments_data() {
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QString>("error");  // empty: accepted, and toArgs gives the same
    QTest::newRow("none") << QByteArray("{}") << QString();
    QTest::newRow("all filters")
        << QByteArray(R"({"reason":"bad_time","stage":"transform","topic":"t","partitions":[0,2],)"
                      R"("since_ms":1,"until_ms":5})")
        << QString();
    QTest::newRow("unknown reason") << QByteArray(R"({"reason":"bad_tiem"})")
                                    << QStringLiteral("\"bad_tiem\" is not a failure reason");
    QTest::newRow("unknown stage")
        << QByteArray(R"({"stage":"nowhere"})") << QStringLiteral("not a failure stage");
    QTest::newRow("partitions without topic")
        << QByteArray(R"({"partitions":[0]})") << QStringLiteral("partitions need a topic");
    QTest::newRow("negative partition")
        << QByteArray(R"({"topic":"t","partitions":[-1]})") << QStringLiteral("not -1");
    QTest::newRow("string partition")
        << QByteArray(R"({"topic":"t","partitions":["0"]})") << QStringLiteral("not string");
    QTest::newRow("empty topic") << QByteArray(R"({"topic":""})") << QStringLiteral("empty");
    QTest::newRow("range backwards")
        << QByteArray(R"({"since_ms":5,"until_ms":1})") << QStringLiteral("before since_ms");
}

void TestFailureValues::queryArguments() {
    QFETCH(QByteArray, args);
    QFETCH(QString, error);
    const auto query = FailureQuery::fromArgs(parse(args));
    if (error.isEmpty()) {
        QVERIFY(query);
        QCOMPARE(query->toArgs(), parse(args));
        return;
    }
    QVERIFY(!query);
    QCOMPARE(query.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(query.error().message.contains(error), qPrintable(query.error().message));
}

void TestFailureValues::cursors() {
    const QByteArray key("topic\0\0\0\0\1\0\0\0\0\0\0\0\x11\0\0\0\0", 22);
    const QString cursor = encodeFailureCursor(key);
    QCOMPARE(decodeFailureCursor(cursor).value(), key);
    for (const QString& bad : {QStringLiteral("not base64!"), QString(), QStringLiteral("YWJj")}) {
        const auto decoded = decodeFailureCursor(bad);
        QVERIFY2(!decoded, qPrintable(bad));
        QCOMPARE(decoded.error().code, ErrorCode::InvalidArgument);
    }
}

QTEST_GUILESS_MAIN(TestFailureValues)
#include "tst_failurevalues.moc"
