// Exactly once under the mixes that break it: filtered and failed events with a crash, a full
// output with full queues and a stop, a batch half written across apps, a rebalance while the
// output is away. The real `mtga run` against the embedded Kafka in its own process.

#include "shared/controlclient.h"
#include "tests/support/processrunner.h"
#include "tests/support/workertest.h"
#include "worker/store/store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <csignal>

using namespace mtga;
using namespace mtga::test;

namespace {

// The lines of a worker's log that say something about these words.
QString linesWith(const QString& log, const QStringList& words) {
    QStringList found;
    for (const QString& line : log.split(QLatin1Char('\n'))) {
        if (std::any_of(words.begin(), words.end(),
                        [&](const QString& word) { return line.contains(word); })) {
            found << line;
        }
    }
    return found.join(QLatin1Char('\n'));
}

QString stateOf(const QString& socket) {
    auto status = ControlClient::status(socket, std::chrono::milliseconds(2000));
    return status ? status->state : status.error().message;
}

}  // namespace

class TestIntegrity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void crashWithFiltersWritesEachEventOnce_data();
    void crashWithFiltersWritesEachEventOnce();
    void stopEndsWhileTheOutputIsBlocked();
    void batchHalfWrittenAcrossAppsAtStop();
    void revokeWhileTheOutputIsBlocked();
    void failedGroupCommitsAreMadeGood();
};

void TestIntegrity::crashWithFiltersWritesEachEventOnce_data() {
    QTest::addColumn<int>("partitions");
    QTest::addColumn<bool>("idlePartition");
    QTest::newRow("one partition") << 1 << false;
    QTest::newRow("four partitions and an idle one") << 4 << true;
}

void TestIntegrity::crashWithFiltersWritesEachEventOnce() {
    // 40% of the events denied, 1% invalid, multi-event payloads: they all use offsets and leave
    // no line. The worker writes everything with no checkpoint in between, is killed, and comes
    // back with frequent checkpoints: every kept event must be in the files once.
    QFETCH(int, partitions);
    QFETCH(bool, idlePartition);
    KafkaProcess kafka(QStringLiteral("crash:%1").arg(partitions));
    QVERIFY(kafka.start());
    Traffic traffic;
    traffic.topic = "crash";
    // 20,000 events per partition: the embedded cluster keeps at most 5 MiB of each.
    traffic.count = 20'000 * static_cast<uint64_t>(partitions);
    traffic.invalidPerMille = 10;
    traffic.denied = {"log_logout", "log_money"};
    Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    Traffic multi = traffic;
    multi.first = 1'000'000;
    const Expected multiExpected = produceMultiEvent(kafka.bootstrap(), multi, 0, 500, 3);
    QVERIFY(!multiExpected.pids.empty());
    expected.add(multiExpected);
    QVERIFY(expected.filtered > traffic.count / 3);
    QString assignment = staticPartitions(QStringLiteral("crash"), partitions);
    if (idlePartition) {
        QVERIFY(kafka.createTopic("idle:1"));
        assignment.replace(QLatin1String("]\n"), QLatin1String(", \"idle:0\"]\n"));
    }

    QTemporaryDir dir;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = idlePartition ? QStringLiteral("crash, idle") : QStringLiteral("crash");
    config.kafka = assignment;
    config.denied = traffic.denied;
    config.checkpointInterval = QStringLiteral("1h");
    config.pipeline = QStringLiteral("  checkpoint_bytes: 1TiB\n");
    config.sink = QStringLiteral("  mode: stream\n");  // every line in the files at once
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    {
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                                  qPrintable(worker.standardError().right(1000)), 120'000);
        worker.sendSignal(SIGKILL);
        QVERIFY(worker.waitForExit(10'000));
    }
    config.checkpointInterval = QStringLiteral("100ms");
    config.pipeline.clear();
    writeConfig(dir, config);
    {
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        // The remembered events are dropped once every partition is past its horizon, the idle
        // one included.
        QTRY_VERIFY2_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("recovery done")),
                                  qPrintable(worker.standardError().right(1500)), 60'000);
        QTest::qWait(1500);  // a duplicate would show now
        QVERIFY(stopCleanly(worker, 60'000));
        const OutputScan scan = scanOutput(out);
        QVERIFY(scan.allComplete);
        QVERIFY(writtenExactlyOnce(scan, expected.pids));
    }
    {
        // Nothing is remembered any more: no recovery set, no replay of the failure queue.
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("mtga is running")),
                                 30'000);
        QTest::qWait(1000);
        QVERIFY(stopCleanly(worker, 30'000));
        QVERIFY2(!worker.standardError().contains(QLatin1String("will be skipped")),
                 qPrintable(worker.standardError()));
    }
    auto store = Store::open(dir.filePath(QStringLiteral("store")), true);
    QVERIFY(store.ok());
    QCOMPARE(store.value()->failureCount(), expected.invalid);
}

void TestIntegrity::stopEndsWhileTheOutputIsBlocked() {
    // The output cannot take a byte, the queues are tiny and full, 200,000 events wait. `status`
    // and a reload answer at once, and SIGTERM ends the worker within the drain bound, having
    // checkpointed nothing the files did not take: a restart writes every event once.
    KafkaProcess kafka(QStringLiteral("blocked:8"));  // at most 5 MiB per partition
    QVERIFY(kafka.start());
    Traffic traffic;
    traffic.topic = "blocked";
    traffic.count = 200'000;
    const Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    WorkerConfig config = staticWorker(kafka.bootstrap(), QStringLiteral("blocked"), 8);
    config.pipeline = QStringLiteral("  queue_max_messages: 100\n");
    const QString path = writeConfig(dir, config);
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    const QString out = dir.filePath(QStringLiteral("out"));
    {
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(worker.standardError().contains(QLatin1String("mtga is running")),
                                 30'000);
        QVERIFY(limitFileSize(worker.processId(), QStringLiteral("2000000")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(socket), QStringLiteral("blocked"), 60'000);
        QVERIFY(scanOutput(out).lines < expected.pids.size());
        worker.sendSignal(SIGHUP);
        QTest::qWait(500);
        QCOMPARE(stateOf(socket), QStringLiteral("blocked"));  // answered within 2 s
        worker.sendSignal(SIGTERM);
        QVERIFY2(worker.waitForExit(35'000), "SIGTERM did not end a worker with blocked output");
        QVERIFY2(worker.standardError().contains(QLatin1String("Settings reloaded.")),
                 qPrintable(worker.standardError().right(1500)));
    }
    QVERIFY(runUntilWritten(path, out, expected.pids.size(), 180'000));
    const OutputScan scan = scanOutput(out);
    QVERIFY(scan.allComplete);
    QVERIFY(writtenExactlyOnce(scan, expected.pids));
}

void TestIntegrity::batchHalfWrittenAcrossAppsAtStop() {
    // Apps 24 and 25 share a partition; app 25's folder cannot be made (a regular file is in its
    // place), so every batch is written for app 24 and not for app 25. SIGTERM, the file goes,
    // a restart: every event once, app 24's included.
    KafkaProcess kafka(QStringLiteral("apps:1"));
    QVERIFY(kafka.start());
    Traffic traffic = trafficOf("apps", 20'000);
    traffic.appIds = {24, 25};
    const Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    WorkerConfig config = staticWorker(kafka.bootstrap(), QStringLiteral("apps"), 1);
    config.sink = QStringLiteral("  mode: stream\n");  // app 24's lines reach its file at once
    config.appIds = {24, 25};
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    QVERIFY(QDir().mkpath(out));
    QFile blocker(dir.filePath(QStringLiteral("out/25")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    {
        ProcessRunner worker(runArguments(path));
        QVERIFY(worker.start());
        QTRY_VERIFY_WITH_TIMEOUT(scanOutput(dir.filePath(QStringLiteral("out/24"))).lines > 0,
                                 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            worker.standardError().contains(QLatin1String("cannot write events of app 25")),
            30'000);
        worker.sendSignal(SIGTERM);
        QVERIFY(worker.waitForExit(60'000));
    }
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("out/25"))));
    QVERIFY(runUntilWritten(path, out, expected.pids.size(), 120'000));
    QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
}

void TestIntegrity::revokeWhileTheOutputIsBlocked() {
    // Worker A cannot write; worker B joins the group. A's revoke must end within the group's
    // limits, and from then on A writes nothing of what it had taken: the events in both
    // workers' files are at most those A had written before B took over.
    KafkaProcess kafka(QStringLiteral("group:6"));
    QVERIFY(kafka.start());
    Traffic traffic = trafficOf("group", 60'000);
    const Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    // The group waits max.poll.interval.ms for a revoking member (the embedded cluster: its
    // session timeout); the worker's revoke must end well before, at half of it.
    const QString group = QStringLiteral(
        "  properties:\n"
        "    session.timeout.ms: \"30000\"\n"
        "    heartbeat.interval.ms: \"1000\"\n"
        "    max.poll.interval.ms: \"30000\"\n");
    QTemporaryDir first;
    QTemporaryDir second;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("group");
    config.kafka = group;
    config.pipeline = QStringLiteral("  queue_max_messages: 1000\n");
    const QString configA = writeConfig(first, config);
    const QString configB = writeConfig(second, config);
    const QString outA = first.filePath(QStringLiteral("out"));
    const QString outB = second.filePath(QStringLiteral("out"));
    ProcessRunner a(runArguments(configA));
    QVERIFY(a.start());
    QTRY_VERIFY_WITH_TIMEOUT(a.standardError().contains(QLatin1String("partition(s) assigned")),
                             30'000);
    QVERIFY(limitFileSize(a.processId(), QStringLiteral("2000000")));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(first.filePath(QStringLiteral("data/mtga.sock"))),
                              QStringLiteral("blocked"), 60'000);
    ProcessRunner b(runArguments(configB));
    QVERIFY(b.start());
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(outB).lines > 0, qPrintable(a.standardError().right(1500)),
                              120'000);
    QVERIFY2(a.standardError().contains(QLatin1String("revoked")),
             qPrintable(
                 linesWith(a.standardError(), {QStringLiteral("revok"), QStringLiteral("assigned"),
                                               QStringLiteral("stopping")})));
    const OutputScan beforeHandOver = scanOutput(outA);
    QVERIFY(limitFileSize(a.processId(), QStringLiteral("unlimited")));
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const OutputScan scanA = scanOutput(outA);
            const OutputScan scanB = scanOutput(outB);
            for (const std::string& pid : expected.pids) {
                if (!scanA.pids.contains(pid) && !scanB.pids.contains(pid)) {
                    return false;
                }
            }
            return true;
        }(),
        180'000);
    QTest::qWait(1500);
    QVERIFY(stopCleanly(a, 60'000));
    QVERIFY(stopCleanly(b, 60'000));
    std::map<std::string, int> seen;
    for (const QString& out : {outA, outB}) {
        for (const auto& [pid, times] : scanOutput(out).pids) {
            seen[pid] += times;
        }
    }
    size_t again = 0;
    for (const auto& [pid, times] : seen) {
        QVERIFY2(expected.pids.contains(pid), pid.c_str());
        if (times > 1) {
            ++again;
            QVERIFY2(beforeHandOver.pids.contains(pid),
                     qPrintable(QStringLiteral("event %1 written %2 times, not before the "
                                               "hand-over")
                                    .arg(QString::fromStdString(pid))
                                    .arg(times)));
        }
    }
    qInfo("%zu event(s) written before the hand-over and again after it", again);
    QCOMPARE(seen.size(), expected.pids.size());
}

void TestIntegrity::failedGroupCommitsAreMadeGood() {
    // The group refuses worker A's first commits; A writes everything and then has nothing new
    // to commit. A dies; B takes the partitions from the group's commits: it must find them
    // current, and write nothing A wrote.
    KafkaProcess kafka(QStringLiteral("commits:4"));
    QVERIFY(kafka.start());
    Traffic traffic = trafficOf("commits", 20'000);
    const Expected expected = produce(kafka.bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    QVERIFY(kafka.command("fail-commits 20"));
    QTemporaryDir first;
    QTemporaryDir second;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("commits");
    config.kafka = QStringLiteral(
        "  properties:\n"
        "    session.timeout.ms: \"6000\"\n"
        "    heartbeat.interval.ms: \"500\"\n");
    const QString outA = first.filePath(QStringLiteral("out"));
    const QString outB = second.filePath(QStringLiteral("out"));
    QString logA;
    {
        ProcessRunner a(runArguments(writeConfig(first, config)));
        QVERIFY(a.start());
        QTRY_VERIFY_WITH_TIMEOUT(scanOutput(outA).lines >= expected.pids.size(), 60'000);
        QTest::qWait(15'000);  // the 20 refusals are used up by now
        a.sendSignal(SIGKILL);
        QVERIFY(a.waitForExit(10'000));
        logA = a.standardError();
    }
    QVERIFY(writtenExactlyOnce(scanOutput(outA), expected.pids));
    ProcessRunner b(runArguments(writeConfig(second, config)));
    QVERIFY(b.start());
    QTRY_VERIFY_WITH_TIMEOUT(b.standardError().contains(QLatin1String("4 partition(s) assigned")),
                             60'000);
    QTest::qWait(5000);
    QVERIFY(stopCleanly(b, 30'000));
    QVERIFY2(scanOutput(outB).lines == 0, qPrintable(b.standardError().right(2000)));
    QVERIFY2(logA.contains(QLatin1String("group commit failed")), qPrintable(logA.right(1500)));
}

QTEST_GUILESS_MAIN(TestIntegrity)
#include "tst_integrity.moc"
