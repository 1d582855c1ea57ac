// The worker end to end: `mtga run` as a real process against the embedded Kafka in its own
// process (`mtga dev-kafka`), real RocksDB, real files. Every check is by event identity.

#include "shared/controlclient.h"
#include "tests/support/partitionreader.h"
#include "tests/support/processrunner.h"
#include "tests/support/qtestprinters.h"
#include "tests/support/workertest.h"
#include "worker/demo/trafficproducer.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/store/store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <map>
#include <set>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr uint64_t kSeed = kTrafficSeed;

Expected produce(const std::string& bootstrap, const std::string& topic, uint64_t count,
                 int invalidPerMille) {
    return mtga::test::produce(bootstrap, trafficOf(topic, count, invalidPerMille));
}

Expected expectedFor(uint64_t count, int invalidPerMille, int partitions) {
    return mtga::test::expectedFor(trafficOf({}, count, invalidPerMille), partitions);
}

QString writeConfig(const QTemporaryDir& dir, const std::string& bootstrap, const QString& topic,
                    const QString& extraKafka, const QString& extraSink = {}) {
    WorkerConfig config;
    config.bootstrap = bootstrap;
    config.topic = topic;
    config.kafka = extraKafka;
    config.sink = extraSink;
    return mtga::test::writeConfig(dir, config);
}

}  // namespace

class TestPipeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exactlyOnceWithFailuresAndFilters();
    void crashSafetyUnderKillNine();
    void brokerDownMidStream();
    void outputUnwritableMidStream();
    void twoWorkersShareAGroup();
    void failuresReplayAfterReload();
    void statusShowsCountsOffsetsAndSelfCheck();
    void kafkaSinkFromTheConfiguration();
    void configErrorsExitTwo_data();
    void configErrorsExitTwo();

private:
    // Produces `count` more events from index `first` at `rate` per second while the test waits.
    static std::unique_ptr<TrafficProducer> stream(const std::string& bootstrap,
                                                   const std::string& topic, uint64_t first,
                                                   uint64_t count, double rate);
};

std::unique_ptr<TrafficProducer> TestPipeline::stream(const std::string& bootstrap,
                                                      const std::string& topic, uint64_t first,
                                                      uint64_t count, double rate) {
    TrafficOptions options;
    options.bootstrapServers = bootstrap;
    options.topic = topic;
    options.seed = kSeed;
    options.firstIndex = first;
    auto producer = TrafficProducer::create(options);
    if (!producer) {
        return nullptr;
    }
    producer.value()->startPumping(rate, count);
    return std::move(producer).value();
}

void TestPipeline::exactlyOnceWithFailuresAndFilters() {
    KafkaProcess kafka(QStringLiteral("events:6"));
    QVERIFY(kafka.start());
    const Expected expected = produce(kafka.bootstrap(), "events", 200'000, 10);
    QVERIFY(!expected.pids.empty());
    QVERIFY(expected.invalid > 1000);
    QTemporaryDir dir;
    const QString config = writeConfig(dir, kafka.bootstrap(), QStringLiteral("events"), {});

    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                          QStringLiteral("--status-interval"), QStringLiteral("1")});
    QVERIFY(worker.start());
    const QString out = dir.filePath(QStringLiteral("out"));
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(), 240'000);
    QTest::qWait(1500);  // anything extra (a duplicate) would show now
    QVERIFY(stopCleanly(worker, 60'000));

    const OutputScan scan = scanOutput(out);
    QVERIFY(scan.allComplete);
    QVERIFY(writtenExactlyOnce(scan, expected.pids));
    QVERIFY2(
        worker.standardError().contains(
            QStringLiteral("filtered %1, failed %2").arg(expected.filtered).arg(expected.invalid)),
        qPrintable(worker.standardError().right(600)));

    auto store = Store::open(dir.filePath(QStringLiteral("store")), true);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->failureCount(), expected.invalid);
    const auto failures = store.value()->failures(5).value();
    QCOMPARE(failures.front().reason, FailureReason::InvalidJson);
    QVERIFY(!failures.front().payload.empty());
    const auto offsets = store.value()->nextOffsets().value();
    for (const auto& [partition, high] : expected.highWatermarks) {
        QCOMPARE(offsets.at({"events", partition}), high);
    }
}

void TestPipeline::crashSafetyUnderKillNine() {
    // The mix that breaks recovery: 40% of the events denied and 1% invalid (they use offsets
    // and leave no line), multi-event payloads, 16 partitions, 20 kills at random moments.
    KafkaProcess kafka(QStringLiteral("crash:16"));
    QVERIFY(kafka.start());
    Traffic traffic = trafficOf("crash", 400'000, 10);  // 25,000 per partition: under 5 MiB
    traffic.denied = {"log_logout", "log_money"};
    Expected expected = mtga::test::produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    Traffic multi = traffic;
    multi.first = 10'000'000;
    const Expected multiExpected = produceMultiEvent(kafka.bootstrap(), multi, 3, 500, 3);
    QVERIFY(!multiExpected.pids.empty());
    expected.add(multiExpected);
    QTemporaryDir dir;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("crash");
    // Static assignment: a killed worker leaves no group member behind to wait for.
    config.kafka = staticPartitions(QStringLiteral("crash"), 16);
    config.denied = traffic.denied;
    const QString path = mtga::test::writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));

    // Snapshot of each file at each kill: the complete part's length and hash. No byte of it may
    // change afterwards.
    std::vector<std::tuple<QString, qint64, QByteArray>> snapshots;
    QRandomGenerator random(4242);
    for (int kill = 0; kill < 20; ++kill) {
        ProcessRunner worker(runArguments(path, 0));
        QVERIFY(worker.start());
        QTest::qWait(300 + random.bounded(2500));
        worker.sendSignal(SIGKILL);
        QVERIFY(worker.waitForExit(10'000));
        QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray data = file.readAll();
            const qint64 complete = data.lastIndexOf('\n') + 1;
            snapshots.emplace_back(
                file.fileName(), complete,
                QCryptographicHash::hash(data.left(complete), QCryptographicHash::Sha1));
        }
    }
    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                              qPrintable(worker.standardError().right(1000)), 300'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(worker, 60'000));

    const OutputScan scan = scanOutput(out);
    QVERIFY(scan.allComplete);
    QVERIFY(writtenExactlyOnce(scan, expected.pids));
    for (const auto& [file, length, hash] : snapshots) {
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(QCryptographicHash::hash(written.read(length), QCryptographicHash::Sha1), hash);
    }
    auto store = Store::open(dir.filePath(QStringLiteral("store")), true);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->failureCount(), expected.invalid);
    QVERIFY(worker.standardError().contains(QLatin1String("Stopped cleanly.")));
}

void TestPipeline::brokerDownMidStream() {
    KafkaProcess kafka(QStringLiteral("outage:4"));
    QVERIFY(kafka.start());
    // 20,000 events first, 30,000 more streamed at 1,500/s through a 15 s outage.
    QVERIFY(!produce(kafka.bootstrap(), "outage", 20'000, 0).pids.empty());
    const Expected expected = expectedFor(50'000, 0, 4);
    QTemporaryDir dir;
    const QString config = writeConfig(dir, kafka.bootstrap(), QStringLiteral("outage"), {});
    const QString out = dir.filePath(QStringLiteral("out"));
    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                          QStringLiteral("--status-interval"), QStringLiteral("1")});
    QVERIFY(worker.start());
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines > 0, 60'000);
    const auto streamer = stream(kafka.bootstrap(), "outage", 20'000, 30'000, 1500);
    QVERIFY(streamer);
    QTest::qWait(2000);
    QVERIFY(kafka.stopBroker(1));
    QTest::qWait(15'000);
    const uint64_t duringOutage = scanOutput(out).lines;
    QVERIFY(kafka.startBroker(1));
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(), 180'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(worker, 60'000));
    QCOMPARE(streamer->delivered(), uint64_t(30'000));
    QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
    QVERIFY2(duringOutage < expected.pids.size(), "the outage came too late to test anything");
}

void TestPipeline::outputUnwritableMidStream() {
    // A file-size limit on the worker (prlimit) makes every write past it fail with EFBIG, as a
    // full disk does, for root too; lifting it is the disk coming back. Only the soft limit moves:
    // raising a hard limit needs CAP_SYS_RESOURCE, which a container's root may lack.
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    QVERIFY2(!prlimit.isEmpty(), "prlimit (util-linux) is needed");
    KafkaProcess kafka(QStringLiteral("full:4"));
    QVERIFY(kafka.start());
    const Expected expected = produce(kafka.bootstrap(), "full", 40'000, 0);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    const QString config = writeConfig(dir, kafka.bootstrap(), QStringLiteral("full"), {});
    const QString out = dir.filePath(QStringLiteral("out"));
    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                          QStringLiteral("--status-interval"), QStringLiteral("1")});
    QVERIFY(worker.start());
    // Limit the worker before its group join ends: its file then fills up at 4 MB.
    QTRY_VERIFY_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("mtga is running")),
                             30'000);
    const QString pid = QString::number(worker.processId());
    int exitCode = -1;
    mtga::test::runToCompletion(prlimit,
                                {QStringLiteral("--pid"), pid, QStringLiteral("--fsize=4000000:")},
                                10'000, &exitCode);
    QCOMPARE(exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("cannot write")) ||
                                 worker.standardError().contains(QLatin1String("postponed")),
                             90'000);
    QTest::qWait(3000);
    const uint64_t whileFull = scanOutput(out).lines;
    mtga::test::runToCompletion(
        prlimit, {QStringLiteral("--pid"), pid, QStringLiteral("--fsize=unlimited:")}, 10'000,
        &exitCode);
    QCOMPARE(exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(), 180'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(worker, 60'000));
    const OutputScan scan = scanOutput(out);
    QVERIFY(scan.allComplete);
    QVERIFY(writtenExactlyOnce(scan, expected.pids));
    QVERIFY2(whileFull < expected.pids.size(), "the limit came too late to test anything");
}

void TestPipeline::twoWorkersShareAGroup() {
    KafkaProcess kafka(QStringLiteral("shared:12"));
    QVERIFY(kafka.start());
    QVERIFY(!produce(kafka.bootstrap(), "shared", 30'000, 0).pids.empty());
    const Expected expected = expectedFor(90'000, 0, 12);
    QTemporaryDir first;
    QTemporaryDir second;
    const QString fastGroup = QStringLiteral(
        "  properties:\n"
        "    session.timeout.ms: \"6000\"\n"
        "    heartbeat.interval.ms: \"500\"\n");
    const QString configA =
        writeConfig(first, kafka.bootstrap(), QStringLiteral("shared"), fastGroup);
    const QString configB =
        writeConfig(second, kafka.bootstrap(), QStringLiteral("shared"), fastGroup);
    ProcessRunner a({QStringLiteral("run"), QStringLiteral("-c"), configA,
                     QStringLiteral("--status-interval"), QStringLiteral("1")});
    ProcessRunner b({QStringLiteral("run"), QStringLiteral("-c"), configB,
                     QStringLiteral("--status-interval"), QStringLiteral("1")});
    QVERIFY(a.start());
    QVERIFY(b.start());
    const QString outA = first.filePath(QStringLiteral("out"));
    const QString outB = second.filePath(QStringLiteral("out"));
    // Both write while events keep coming; then one stops cleanly and the other takes over.
    const auto streamer = stream(kafka.bootstrap(), "shared", 30'000, 60'000, 3000);
    QVERIFY(streamer);
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(outA).lines > 0 && scanOutput(outB).lines > 0, 90'000);
    QVERIFY(stopCleanly(a, 60'000));
    QTRY_VERIFY_WITH_TIMEOUT(
        scanOutput(outA).lines + scanOutput(outB).lines >= expected.pids.size(), 180'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(b, 60'000));
    QCOMPARE(streamer->delivered(), uint64_t(60'000));

    std::map<std::string, int> seen;
    for (const QString& out : {outA, outB}) {
        for (const auto& [pid, times] : scanOutput(out).pids) {
            seen[pid] += times;
        }
    }
    QCOMPARE(seen.size(), expected.pids.size());
    for (const auto& [pid, times] : seen) {
        QVERIFY2(times == 1 && expected.pids.count(pid) == 1, pid.c_str());
    }
}

void TestPipeline::failuresReplayAfterReload() {
    // App 25 has no settings at first: its events fail with unknown_app. Once its metadata file
    // exists, SIGHUP reloads the settings and replays the failure queue into app 25's files.
    KafkaProcess kafka(QStringLiteral("replay:4"));
    QVERIFY(kafka.start());
    TrafficOptions options;
    options.bootstrapServers = kafka.bootstrap();
    options.topic = "replay";
    options.seed = kSeed;
    options.appIds = {24, 25};
    auto producer = TrafficProducer::create(options);
    QVERIFY(producer.ok());
    QVERIFY(producer.value()->produce(20'000).ok());
    QVERIFY(producer.value()->flush(60'000).ok());
    std::set<std::string> expected24;
    std::set<std::string> expected25;
    const SampleEventGenerator generator(kSeed, {24, 25});
    for (uint64_t i = 0; i < 20'000; ++i) {
        const SampleEvent event = generator.event(i);
        if (event.appId == 25) {
            expected25.insert(pidOf(event.value));
        } else if (event.logName != "log_logout") {
            expected24.insert(pidOf(event.value));
        }
    }
    QTemporaryDir dir;
    const QString config = writeConfig(dir, kafka.bootstrap(), QStringLiteral("replay"), {});
    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                          QStringLiteral("--status-interval"), QStringLiteral("1")});
    QVERIFY(worker.start());
    const QString out24 = dir.filePath(QStringLiteral("out/24"));
    const QString out25 = dir.filePath(QStringLiteral("out/25"));
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out24).lines >= expected24.size(),
                              qPrintable(worker.standardError().right(1500)), 120'000);
    QTRY_VERIFY2_WITH_TIMEOUT(
        worker.standardError().contains(QStringLiteral("failed %1,").arg(expected25.size())),
        qPrintable(worker.standardError().right(1500)), 30'000);
    QCOMPARE(scanOutput(out25).lines, uint64_t(0));

    QFile metadata(dir.filePath(QStringLiteral("settings/metadata.25.json")));
    QVERIFY(metadata.open(QIODevice::WriteOnly));
    metadata.write(R"({"identity":{"account_id":"role_id"},"time":{"field":"mtime"}})");
    metadata.close();
    worker.sendSignal(SIGHUP);
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out25).lines >= expected25.size(),
                              qPrintable(worker.standardError().right(1500)), 60'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(worker, 60'000));
    QVERIFY(worker.standardError().contains(QLatin1String("Settings reloaded.")));

    for (const auto& [out, expected] :
         {std::pair{out24, &expected24}, std::pair{out25, &expected25}}) {
        QVERIFY(writtenExactlyOnce(scanOutput(out), *expected));
    }
    auto store = Store::open(dir.filePath(QStringLiteral("store")), true);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->failureCount(), uint64_t(0));
    bool audited = false;
    const std::vector<AuditEntry> auditEntries = store.value()->auditLog(50).value();
    for (const AuditEntry& entry : auditEntries) {
        audited =
            audited || (entry.kind == "replay_failures" &&
                        entry.details.find("\"written\":" + std::to_string(expected25.size())) !=
                            std::string::npos);
    }
    QVERIFY(audited);
}

void TestPipeline::configErrorsExitTwo_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << QByteArray("kafka:\n  brokerz: x\n")
                                 << QStringLiteral("mtga.yml:2:3: kafka.brokerz: unknown key");
    QTest::newRow("wrong type") << QByteArray("pipeline:\n  workers: many\n")
                                << QStringLiteral(
                                       "mtga.yml:2:3: pipeline.workers: expected an integer");
    QTest::newRow("missing file") << QByteArray() << QStringLiteral("missing.yml");
}

void TestPipeline::configErrorsExitTwo() {
    QFETCH(QByteArray, yaml);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("missing.yml"));
    if (!yaml.isEmpty()) {
        path = dir.filePath(QStringLiteral("mtga.yml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(yaml);
    }
    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), path});
    QVERIFY(worker.start());
    QVERIFY(worker.waitForExit(20'000));
    QCOMPARE(worker.exitCode(), 2);
    QVERIFY2(worker.standardError().contains(expected), qPrintable(worker.standardError()));
}

namespace {

// Commits `offset` for `topic`[`partition`] in `group`, as another member of the group would.
bool commitToGroup(const std::string& bootstrap, const std::string& group, const std::string& topic,
                   int32_t partition, int64_t offset) {
    auto conf = makeKafkaConf({{"bootstrap.servers", bootstrap}, {"group.id", group}});
    if (!conf) {
        return false;
    }
    auto client = makeKafkaClient(RD_KAFKA_CONSUMER, std::move(conf).value());
    if (!client) {
        return false;
    }
    KafkaPartitionList offsets(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(offsets.get(), topic.c_str(), partition)->offset = offset;
    const bool committed = rd_kafka_commit(client->get(), offsets.get(), 0) == 0;
    rd_kafka_consumer_close(client->get());
    return committed;
}

// The check of that name; none (an empty name, ok) while the worker has not made it.
SelfCheckRow findingOf(const WorkerStatus& status, const QString& check) {
    for (const SelfCheckRow& finding : status.selfCheck) {
        if (finding.check == check) {
            return finding;
        }
    }
    return {QString(), true, QString()};
}

}  // namespace

void TestPipeline::statusShowsCountsOffsetsAndSelfCheck() {
    KafkaProcess kafka(QStringLiteral("status:2"));
    QVERIFY(kafka.start());
    const Expected expected = produce(kafka.bootstrap(), "status", 1000, 0);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    const QString config =
        writeConfig(dir, kafka.bootstrap(), QStringLiteral("status"),
                    QStringLiteral("  assignment: static\n  partitions: [\"status:0\", "
                                   "\"status:1\"]\n  watermark_refresh: 1s\n"));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    const QString out = dir.filePath(QStringLiteral("out"));
    {
        ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                              QStringLiteral("--status-interval"), QStringLiteral("0")});
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(), 60'000);

        // Offsets: High as the cluster has it, everything processed, no lag.
        std::vector<PartitionRow> rows;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto offsets = ControlClient::offsets(socket);
                rows = offsets ? offsets->partitions : std::vector<PartitionRow>();
                return rows.size() == 2 && rows[0].lag == 0 && rows[1].lag == 0;
            }(),
            20'000);
        for (const PartitionRow& row : rows) {
            const auto partition = static_cast<int32_t>(row.partition);
            QCOMPARE(row.high, expected.highWatermarks.at(partition));
            QCOMPARE(row.current, expected.highWatermarks.at(partition));
            QCOMPARE(row.low, qint64(0));
        }

        int exitCode = -1;
        const QString text = runToCompletion(
            QStringLiteral(MTGA_BINARY), {QStringLiteral("status"), QStringLiteral("-c"), config},
            20'000, &exitCode);
        QCOMPARE(exitCode, 0);
        QVERIFY2(text.contains(QLatin1String("librdkafka_snappy")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("checkpoint_vs_group")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("FAIL")), qPrintable(text));
        auto status = ControlClient::status(socket);
        QVERIFY(status.ok());
        QCOMPARE(status->counts.written, qint64(expected.pids.size()));
        QCOMPARE(status->counts.filtered, qint64(expected.filtered));
        QCOMPARE(status->partitions, 2);
        const SelfCheckRow store = findingOf(status.value(), QStringLiteral("store"));
        QVERIFY(!store.check.isEmpty() && store.ok);
        QVERIFY(stopCleanly(worker, 30'000));
    }
    // The socket is gone with the worker: a clear error, exit 3 (no worker listens).
    int exitCode = -1;
    runToCompletion(QStringLiteral(MTGA_BINARY),
                    {QStringLiteral("status"), QStringLiteral("-c"), config}, 20'000, &exitCode);
    QCOMPARE(exitCode, 3);

    // Someone moves the group's offset of partition 0 back: the next start reports both values.
    QVERIFY(commitToGroup(kafka.bootstrap(), "tests", "status", 0, 5));
    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                          QStringLiteral("--status-interval"), QStringLiteral("0")});
    QVERIFY(worker.start());
    SelfCheckRow finding;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            auto status = ControlClient::status(socket);
            finding = status ? findingOf(status.value(), QStringLiteral("checkpoint_vs_group"))
                             : SelfCheckRow{};
            return !finding.check.isEmpty();
        }(),
        30'000);
    QCOMPARE(finding.ok, false);
    const QString detail = finding.detail;
    const qint64 high0 = expected.highWatermarks.at(0);
    QVERIFY2(detail.contains(
                 QStringLiteral("status[0]: local checkpoint %1, group commit 5").arg(high0)),
             qPrintable(detail));
    int statusExit = -1;
    const QString text = runToCompletion(
        QStringLiteral(MTGA_BINARY), {QStringLiteral("status"), QStringLiteral("--socket"), socket},
        20'000, &statusExit);
    QCOMPARE(statusExit, 0);
    QVERIFY2(text.contains(QLatin1String("FAIL")), qPrintable(text));
    QVERIFY(stopCleanly(worker, 30'000));
    QCOMPARE(scanOutput(out).lines, uint64_t(expected.pids.size()));  // nothing written twice
}

void TestPipeline::kafkaSinkFromTheConfiguration() {
    KafkaProcess kafka(QStringLiteral("kin:3"));
    QVERIFY(kafka.start());
    QVERIFY(kafka.createTopic("kout:2"));
    const Expected expected = produce(kafka.bootstrap(), "kin", 3000, 10);
    QVERIFY(!expected.pids.empty());
    QVERIFY(expected.invalid > 0);
    QTemporaryDir dir;
    const QString config = writeConfig(
        dir, kafka.bootstrap(), QStringLiteral("kin"),
        QStringLiteral("  assignment: static\n  partitions: [\"kin:0\", \"kin:1\", \"kin:2\"]\n"),
        QStringLiteral("  type: kafka\n  kafka_brokers: \"%1\"\n  kafka_topic: kout\n"
                       "  kafka_properties: {linger.ms: 5}\n")
            .arg(QString::fromStdString(kafka.bootstrap())));
    ProcessRunner worker({QStringLiteral("run"), QStringLiteral("-c"), config,
                          QStringLiteral("--status-interval"), QStringLiteral("0")});
    QVERIFY(worker.start());
    const auto delivered = [&] {
        auto read =
            test::PartitionReader::readAll(kafka.bootstrap(), "kout", expected.pids.size(), 2000);
        return read.ok() ? read->size() : size_t(0);
    };
    QTRY_VERIFY_WITH_TIMEOUT(delivered() >= expected.pids.size(), 60'000);
    QVERIFY(stopCleanly(worker, 30'000));

    // Every valid event once in the output topic, nothing in files, failures in the queue.
    auto records =
        test::PartitionReader::readAll(kafka.bootstrap(), "kout", expected.pids.size() + 1, 5000);
    QVERIFY(records.ok());
    std::set<std::string> pids;
    for (const test::KafkaRecord& record : records.value()) {
        QVERIFY2(!record.value.ends_with('\n'), record.value.c_str());
        QVERIFY2(pids.insert(pidOf(record.value)).second, record.value.c_str());
    }
    QCOMPARE(records->size(), expected.pids.size());
    QVERIFY(pids == expected.pids);
    QCOMPARE(scanOutput(dir.filePath(QStringLiteral("out"))).lines, uint64_t(0));
    auto store = Store::open(dir.filePath(QStringLiteral("store")), true);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->failureCount(), expected.invalid);
    const auto offsets = store.value()->nextOffsets().value();
    for (const auto& [partition, high] : expected.highWatermarks) {
        QCOMPARE(offsets.at({"kin", partition}), high);
    }
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
