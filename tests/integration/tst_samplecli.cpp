// `mtga sample`: its output against golden files (a server with a fixed answer), its usage
// errors, and against a real `mtga run`: every message it shows is the one at that offset, next
// to what became of each of its records (the line in the files, the filter, the failure).

#include "shared/controlclient.h"
#include "shared/values/samplereply.h"
#include "tests/support/controltest.h"
#include "tests/support/goldenfile.h"
#include "tests/support/workertest.h"
#include "worker/demo/sampleevents.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace mtga;
using namespace mtga::test;

namespace {

SampleReply fixedSample() {
    SampleReply reply;
    reply.topic = QStringLiteral("mulog_clean_24");
    reply.partition = 3;
    SampleMessage text;
    text.offset = 1207;
    text.timeMs = 1'764'748'800'250;  // 2025-12-03 08:00:00.250 UTC
    text.payload = R"({"headers":{"app_id":24,"log_name":"log_item"},"logs":{"role_id":6001}})";
    text.payloadBytes = text.payload.size();
    SampleRecord written;
    written.outcome = QStringLiteral("written");
    written.appId = 24;
    written.logName = QStringLiteral("log_item");
    written.line =
        QStringLiteral(R"({"#account_id":"6001","#event_name":"t_log_item","#type":"track"})");
    text.records.push_back(written);
    SampleMessage packed;
    packed.offset = 1206;
    packed.timeMs = 1'764'748'799'900;
    packed.payload = QByteArray("\xff\x06\x00\x00sNaPpY\x01", 11);
    packed.payloadBytes = 842;
    SampleRecord filtered;
    filtered.outcome = QStringLiteral("filtered");
    filtered.appId = 24;
    filtered.logName = QStringLiteral("log_logout");
    filtered.rule = QStringLiteral("log_names.deny");
    SampleRecord failed;
    failed.index = 1;
    failed.outcome = QStringLiteral("failed");
    failed.appId = 24;
    failed.logName = QStringLiteral("log_money");
    failed.stage = QStringLiteral("transform");
    failed.reason = QStringLiteral("bad_time");
    failed.message = QStringLiteral("mtime is not a time");
    failed.field = QStringLiteral("mtime");
    packed.records = {filtered, failed};
    reply.messages = {text, packed};
    return reply;
}

}  // namespace

class TestSampleCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesGolden_data();
    void matchesGolden();
    void usageErrors_data();
    void usageErrors();
    void showsWhatBecameOfEachRecord();
};

void TestSampleCli::initTestCase() {
    qputenv("TZ", "UTC");
    qputenv("COLUMNS", "100");
}

void TestSampleCli::matchesGolden_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("golden");
    QTest::newRow("text") << QStringList() << QStringLiteral("sample.txt");
    QTest::newRow("json") << QStringList{QStringLiteral("--json")} << QStringLiteral("sample.json");
}

void TestSampleCli::matchesGolden() {
    QFETCH(QStringList, options);
    QFETCH(QString, golden);
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("mtga.sock"));
    QJsonObject asked;
    const auto server = startTestServer(controlConfig(socket),
                                        {{QStringLiteral("sample"), [&](const QJsonObject& args) {
                                              asked = args;
                                              return Result<QJsonObject>(fixedSample().toJson());
                                          }}});
    QVERIFY(server);
    const CliRun run =
        runMtga(QStringList{QStringLiteral("sample"), QStringLiteral("--socket"), socket,
                            QStringLiteral("--topic"), QStringLiteral("mulog_clean_24:3"),
                            QStringLiteral("--limit"), QStringLiteral("2")} +
                options);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/") + golden, run.out);
    QCOMPARE(asked, (QJsonObject{{QStringLiteral("topic"), QStringLiteral("mulog_clean_24")},
                                 {QStringLiteral("partition"), 3},
                                 {QStringLiteral("limit"), 2}}));
    if (options.contains(QStringLiteral("--json"))) {
        const auto read = SampleReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
        QVERIFY(read);
        QCOMPARE(read.value(), fixedSample());  // the binary payload survives as base64
    }
}

void TestSampleCli::usageErrors_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("no partition") << QStringList() << QStringLiteral("--topic TOPIC:PARTITION");
    QTest::newRow("a topic only") << QStringList{QStringLiteral("--topic"), QStringLiteral("t")}
                                  << QStringLiteral("not \"t\"");
    QTest::newRow("limit too high") << QStringList{QStringLiteral("--topic"), QStringLiteral("t:0"),
                                                   QStringLiteral("--limit"), QStringLiteral("51")}
                                    << QStringLiteral("limit");
}

void TestSampleCli::usageErrors() {
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const CliRun run = runMtga(QStringList{QStringLiteral("sample"), QStringLiteral("--socket"),
                                           dir.filePath(QStringLiteral("none.sock"))} +
                               options);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

void TestSampleCli::showsWhatBecameOfEachRecord() {
    // 5% invalid and log_logout denied: every kind of outcome. Each message the sample shows
    // must be the event produced at its offset, and each written line must be in the files.
    constexpr int kPartitions = 2;
    KafkaProcess kafka(QStringLiteral("sampled:%1").arg(kPartitions));
    QVERIFY(kafka.start());
    const Traffic traffic = trafficOf("sampled", 400, 50);
    const Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty() && expected.invalid > 0 && expected.filtered > 0);
    QTemporaryDir dir;
    const QString config =
        writeConfig(dir, staticWorker(kafka.bootstrap(), QStringLiteral("sampled"), kPartitions));
    ProcessRunner worker(runArguments(config));
    QVERIFY(worker.start());
    const QString out = dir.filePath(QStringLiteral("out"));
    QTRY_COMPARE_WITH_TIMEOUT(scanOutput(out).lines, static_cast<uint64_t>(expected.pids.size()),
                              60'000);
    const OutputScan scan = scanOutput(out);

    const CliRun run =
        runMtga({QStringLiteral("sample"), QStringLiteral("-c"), config, QStringLiteral("--topic"),
                 QStringLiteral("sampled:1"), QStringLiteral("--limit"), QStringLiteral("50"),
                 QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto sample = SampleReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
    QVERIFY2(sample, qPrintable(run.out));
    QCOMPARE(sample->messages.size(), size_t(50));  // the first ring-full came at once
    SampleEventGenerator generator(kTrafficSeed, traffic.appIds);
    generator.setInvalidPerMille(traffic.invalidPerMille);
    QSet<QString> outcomes;
    qint64 previous = INT64_MAX;
    for (const SampleMessage& message : sample->messages) {
        QVERIFY(message.offset < previous);  // newest first
        previous = message.offset;
        const SampleEvent event =
            generator.event(static_cast<uint64_t>(message.offset) * kPartitions + 1);
        QCOMPARE(message.payload, QByteArray::fromStdString(event.value));
        QCOMPARE(message.records.size(), size_t(1));
        const SampleRecord& record = message.records[0];
        outcomes.insert(record.outcome);
        if (event.invalid) {
            QCOMPARE(record.outcome, QStringLiteral("failed"));
            QVERIFY(!record.reason.isEmpty() && !record.message.isEmpty());
        } else if (event.logName == "log_logout") {
            QCOMPARE(record.outcome, QStringLiteral("filtered"));
            QVERIFY(!record.rule.isEmpty());
        } else {
            QCOMPARE(record.outcome, QStringLiteral("written"));
            const std::string pid = pidOf(record.line.toStdString());
            QCOMPARE(pid, pidOf(event.value));
            QCOMPARE(scan.pids.count(pid), size_t(1));
        }
    }
    QVERIFY2(outcomes.contains(QStringLiteral("written")) &&
                 outcomes.contains(QStringLiteral("filtered")),
             qPrintable(QStringList(outcomes.values()).join(QLatin1Char(','))));

    const CliRun text =
        runMtga({QStringLiteral("sample"), QStringLiteral("-c"), config, QStringLiteral("--topic"),
                 QStringLiteral("sampled:1"), QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.startsWith(
                 QStringLiteral("sampled:1 offset %1 at ").arg(sample->messages[0].offset)),
             qPrintable(text.out));
    const CliRun notOwned = runMtga({QStringLiteral("sample"), QStringLiteral("-c"), config,
                                     QStringLiteral("--topic"), QStringLiteral("sampled:7")});
    QCOMPARE(notOwned.exitCode, 1);
    QVERIFY2(notOwned.err.contains(QLatin1String("[not_owned]")), qPrintable(notOwned.err));
    QVERIFY(stopCleanly(worker, 30'000));
}

QTEST_MAIN(TestSampleCli)
#include "tst_samplecli.moc"
