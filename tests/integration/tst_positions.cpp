// Stored positions out of the log's range are decided and reported, never silent: retention
// deleted events while the worker was down (the position is below Low), or the cluster was
// replaced and the topic is new (the position is above High). The same for start_from earliest
// and latest, which only place partitions without a position.

#include "shared/controlclient.h"
#include "tests/support/processrunner.h"
#include "tests/support/workertest.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/source/watermarkmonitor.h"
#include "worker/store/store.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace mtga;
using namespace mtga::test;

namespace {

// The check of that name; none (an empty name, ok) while the worker has not made it.
SelfCheckRow findingOf(const QString& socket, const QString& check) {
    auto status = ControlClient::status(socket);
    if (status) {
        for (const SelfCheckRow& finding : status->selfCheck) {
            if (finding.check == check) {
                return finding;
            }
        }
    }
    return {QString(), true, QString()};
}

Watermarks watermarksOf(const std::string& bootstrap, const std::string& topic) {
    auto conf = makeKafkaConf({{"bootstrap.servers", bootstrap}});
    auto client = makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value());
    auto marks = queryWatermarks(client->get(), {{topic, 0}}, std::chrono::seconds(10));
    return marks && marks->contains({topic, 0}) ? marks->at({topic, 0}) : Watermarks{};
}

// Low and High once Low is past `position` and has stopped moving (the embedded cluster drops old
// data as it comes; a real broker's retention runs every second).
Watermarks settledWatermarks(const std::string& bootstrap, const std::string& topic,
                             int64_t position) {
    Watermarks marks = watermarksOf(bootstrap, topic);
    for (int i = 0; i < 120 && marks.low <= position; ++i) {
        QTest::qWait(500);
        marks = watermarksOf(bootstrap, topic);
    }
    for (Watermarks before{}; before.low != marks.low;) {
        before = marks;
        QTest::qWait(2500);
        marks = watermarksOf(bootstrap, topic);
    }
    return marks;
}

bool audited(const QString& storePath, const std::string& kind, const std::string& text) {
    auto store = Store::open(storePath, true);
    if (!store) {
        return false;
    }
    const std::vector<AuditEntry> auditEntries = store.value()->auditLog(100).value();
    for (const AuditEntry& entry : auditEntries) {
        if (entry.kind == kind && entry.details.find(text) != std::string::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace

class TestPositions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void retentionPastThePosition_data();
    void retentionPastThePosition();
    void positionAboveHigh_data();
    void positionAboveHigh();
    void retentionWhileTheWorkerLags();
    void logGoesBackWhileRunning();
};

void TestPositions::retentionPastThePosition_data() {
    QTest::addColumn<QString>("startFrom");
    QTest::newRow("start_from earliest") << QStringLiteral("earliest");
    QTest::newRow("start_from latest") << QStringLiteral("latest");
}

void TestPositions::retentionPastThePosition() {
    // The worker reads 5,000 events and stops; 60,000 more make the embedded cluster drop the
    // oldest (it keeps 5 MiB per partition), past the worker's position. The restart goes on at
    // Low and says how many events were lost, and which.
    QFETCH(QString, startFrom);
    // A real broker deletes whole segments past retention.bytes, checking every second.
    KafkaProcess kafka(QStringLiteral("ret:1"), 1,
                       {{"segment.bytes", "1048576"}, {"retention.bytes", "2097152"}});
    QVERIFY(kafka.start());
    QTemporaryDir dir;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("ret");
    config.kafka = staticPartitions(QStringLiteral("ret"), 1) +
                   QStringLiteral("  start_from: %1\n").arg(startFrom);
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    Traffic first;
    first.topic = "ret";
    first.count = 5000;
    Expected expected;
    {
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        // Assigned (with latest, at High) before the events come; librdkafka resolves High
        // after the assignment, in a round trip of its own.
        QTRY_VERIFY_WITH_TIMEOUT(!findingOf(socket, QStringLiteral("log_position")).check.isEmpty(),
                                 30'000);
        QTest::qWait(3000);
        expected = produce(kafka.bootstrap(), first);
        QVERIFY(!expected.pids.empty());
        QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(), 60'000);
        QTest::qWait(1000);  // a checkpoint
        QVERIFY(stopCleanly(worker, 30'000));
        QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
    }
    const auto position = static_cast<int64_t>(first.count);
    Traffic later = first;
    later.first = static_cast<uint64_t>(position);
    later.count = 60'000;
    QVERIFY(!produce(kafka.bootstrap(), later).pids.empty());
    const Watermarks marks = settledWatermarks(kafka.bootstrap(), "ret", position);
    QVERIFY2(marks.low > position, "the cluster kept the old events: nothing to test");
    Traffic kept = later;
    kept.first = static_cast<uint64_t>(marks.low);
    kept.count = static_cast<uint64_t>(marks.high - marks.low);
    expected.add(expectedFor(kept, 1));

    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                              qPrintable(worker.standardError().right(1500)), 120'000);
    const SelfCheckRow finding = findingOf(socket, QStringLiteral("log_position"));
    QCOMPARE(finding.ok, false);
    const QString lost = QStringLiteral(
                             "%1 event(s) were deleted by retention before they were "
                             "read (offsets %2 to %3)")
                             .arg(marks.low - position)
                             .arg(position)
                             .arg(marks.low - 1);
    QVERIFY2(finding.detail.contains(lost), qPrintable(finding.detail));
    QVERIFY(worker.standardError().contains(lost));
    QTest::qWait(1000);
    QVERIFY(stopCleanly(worker, 30'000));
    QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
    QVERIFY(audited(dir.filePath(QStringLiteral("store")), "retention_gap",
                    "\"lost\":" + std::to_string(marks.low - position)));
}

void TestPositions::positionAboveHigh_data() {
    QTest::addColumn<QString>("startFrom");
    QTest::newRow("start_from earliest") << QStringLiteral("earliest");
    QTest::newRow("start_from latest") << QStringLiteral("latest");
}

void TestPositions::positionAboveHigh() {
    // The store is kept while the topic is deleted and created again with only 100 events (the
    // embedded cluster cannot delete topics: a fresh cluster replaces it): the position is past
    // its end. That partition is stopped and reported; nothing is
    // written again, nothing is skipped.
    QFETCH(QString, startFrom);
    QTemporaryDir dir;
    WorkerConfig config;
    config.topic = QStringLiteral("gone");
    config.kafka = staticPartitions(QStringLiteral("gone"), 1) +
                   QStringLiteral("  start_from: %1\n").arg(startFrom);
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    Traffic traffic;
    traffic.topic = "gone";
    traffic.count = 3000;
    uint64_t written = 0;
    KafkaProcess kafka(QStringLiteral("gone:1"));
    QVERIFY(kafka.start());
    {
        config.bootstrap = kafka.bootstrap();
        const QString path = writeConfig(dir, config);
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        // With latest, the first start places the partition at High; then the events come.
        QTRY_VERIFY_WITH_TIMEOUT(!findingOf(socket, QStringLiteral("log_position")).check.isEmpty(),
                                 30'000);
        QTest::qWait(3000);  // librdkafka resolves High after the assignment
        const Expected expected = produce(kafka.bootstrap(), traffic);
        QVERIFY(!expected.pids.empty());
        QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(), 60'000);
        QVERIFY(stopCleanly(worker, 30'000));
        written = scanOutput(out).lines;
        QCOMPARE(written, uint64_t(expected.pids.size()));
    }
    // The topic deleted and created again (the embedded cluster: a fresh cluster).
    QVERIFY(kafka.recreateTopic());
    traffic.count = 100;
    QVERIFY(!produce(kafka.bootstrap(), traffic).pids.empty());
    config.bootstrap = kafka.bootstrap();
    const QString path = writeConfig(dir, config);
    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    SelfCheckRow finding;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            finding = findingOf(socket, QStringLiteral("log_position"));
            return !finding.check.isEmpty() && !finding.ok;
        }(),
        30'000);
    const QString detail = finding.detail;
    QVERIFY2(detail.contains(QLatin1String("gone[0]: the stored position 3000 is past the end of "
                                           "the log (High 100)")),
             qPrintable(detail));
    QTest::qWait(3000);  // whatever it would write, it would have written now
    QCOMPARE(scanOutput(out).lines, written);
    QVERIFY(worker.standardError().contains(QLatin1String("past the end of the log")));
    QVERIFY(stopCleanly(worker, 30'000));
    QVERIFY(audited(dir.filePath(QStringLiteral("store")), "position_above_high",
                    "\"position\":3000,\"high\":100"));
}

void TestPositions::retentionWhileTheWorkerLags() {
    // The output is full, so the worker stops reading (its partition paused); meanwhile so much
    // comes that the cluster drops events the worker has not fetched yet. When the output is
    // back, the worker goes on at Low and says which events it never saw; every other event is
    // in the files once.
    KafkaProcess kafka(QStringLiteral("lag:1"));
    QVERIFY(kafka.start());
    Traffic first = trafficOf("lag", 20'000);
    const Expected early = produce(kafka.bootstrap(), first);
    QVERIFY(!early.pids.empty());
    QTemporaryDir dir;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("lag");
    // A small prefetch, so what the worker has fetched is well behind High when it pauses.
    config.kafka = staticPartitions(QStringLiteral("lag"), 1) +
                   QStringLiteral(
                       "  properties:\n    queued.max.messages.kbytes: \"256\"\n"
                       "    max.partition.fetch.bytes: \"65536\"\n");
    config.pipeline = QStringLiteral("  queue_max_messages: 1000\n");
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    QTRY_VERIFY2_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("mtga is running")),
                              qPrintable(worker.standardError()), 30'000);
    QVERIFY(limitFileSize(worker.processId(), QStringLiteral("2000000")));
    QTRY_VERIFY2_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("partitions paused")),
                              qPrintable(worker.standardError().right(1500)), 60'000);
    Traffic later = first;
    later.first = first.count;
    later.count = 60'000;
    QVERIFY(!produce(kafka.bootstrap(), later).pids.empty());
    const Watermarks marks = watermarksOf(kafka.bootstrap(), "lag");
    QVERIFY(limitFileSize(worker.processId(), QStringLiteral("unlimited")));
    SelfCheckRow finding;
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            finding = findingOf(socket, QStringLiteral("log_position"));
            return !finding.ok;
        }(),
        qPrintable(worker.standardError().right(1500)), 120'000);
    // "N event(s) were deleted by retention before they were read (offsets A to B)"
    const QString detail = finding.detail;
    const QRegularExpressionMatch gap =
        QRegularExpression(QStringLiteral("lag\\[0\\]: (\\d+) event\\(s\\) were deleted by "
                                          "retention before they were read \\(offsets (\\d+) "
                                          "to (\\d+)\\)"))
            .match(detail);
    QVERIFY2(gap.hasMatch(), qPrintable(detail));
    const qint64 from = gap.captured(2).toLongLong();
    const qint64 to = gap.captured(3).toLongLong() + 1;
    QCOMPARE(gap.captured(1).toLongLong(), to - from);
    QVERIFY2(from >= 0 && to <= marks.low && from < to, qPrintable(detail));
    // Everything but the gap, once.
    Traffic all = first;
    all.count = static_cast<uint64_t>(marks.high);
    Expected expected;
    const Expected everything = expectedFor(all, 1);
    Traffic lost = first;
    lost.first = static_cast<uint64_t>(from);
    lost.count = static_cast<uint64_t>(to - from);
    const Expected missing = expectedFor(lost, 1);
    for (const std::string& pid : everything.pids) {
        if (!missing.pids.contains(pid)) {
            expected.pids.insert(pid);
        }
    }
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                              qPrintable(worker.standardError().right(1500)), 120'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(worker, 60'000));
    QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
    QVERIFY(audited(dir.filePath(QStringLiteral("store")), "retention_gap",
                    "\"lost\":" + std::to_string(to - from)));
}

void TestPositions::logGoesBackWhileRunning() {
    // The worker has written 3,000 events when the broker answers its fetch that the position
    // is out of range, as one whose log went back would; librdkafka resets the position to Low.
    // The partition stops there and says so: nothing is written twice, and what comes next is
    // not read until an operator decides.
    KafkaProcess kafka(QStringLiteral("back:1"));
    QVERIFY(kafka.start());
    Traffic traffic = trafficOf("back", 3000);
    const Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    WorkerConfig config = staticWorker(kafka.bootstrap(), QStringLiteral("back"), 1);
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                              qPrintable(worker.standardError().right(1500)), 60'000);
    QVERIFY(kafka.command("fail-fetches 3"));
    SelfCheckRow finding;
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            finding = findingOf(socket, QStringLiteral("log_position"));
            return !finding.ok;
        }(),
        qPrintable(worker.standardError().right(1500)), 60'000);
    const QString detail = finding.detail;
    QVERIFY2(detail.contains(QLatin1String("back[0]: the log went back from offset 3000 to 0")),
             qPrintable(detail));
    Traffic later = traffic;
    later.first = traffic.count;
    later.count = 100;
    QVERIFY(!produce(kafka.bootstrap(), later).pids.empty());
    QTest::qWait(3000);  // what it would read, it would have written now
    QVERIFY(stopCleanly(worker, 30'000));
    QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
    QVERIFY(audited(dir.filePath(QStringLiteral("store")), "log_rewound",
                    "\"position\":3000,\"offset\":0"));
}

QTEST_GUILESS_MAIN(TestPositions)
#include "tst_positions.moc"
