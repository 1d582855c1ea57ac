// A disk that fails under the real worker: fdatasync() reports an I/O error once and the bytes
// it had not made durable are gone (libmtga_syncfault, preloaded, does to the output files what
// Linux does after a writeback error). The worker must stop with a clear error, checkpoint
// nothing it cannot prove, and a restart must write every event exactly once.

#include "tests/support/processrunner.h"
#include "tests/support/workertest.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace mtga;
using namespace mtga::test;

class TestOutputFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void failedSyncStopsTheWorkerAndLosesNothing();
};

void TestOutputFaults::failedSyncStopsTheWorkerAndLosesNothing() {
    KafkaProcess kafka(QStringLiteral("disk:2"));
    QVERIFY(kafka.start());
    Traffic first = trafficOf("disk", 10'000);
    Expected expected = produce(kafka.bootstrap(), first);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    WorkerConfig config = staticWorker(kafka.bootstrap(), QStringLiteral("disk"), 2);
    config.checkpointInterval = QStringLiteral("200ms");
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    const QString trigger = dir.filePath(QStringLiteral("fail-next-sync"));
    {
        ProcessRunner worker(runArguments(path));
        worker.setEnvironmentVariable(QStringLiteral("LD_PRELOAD"), QStringLiteral(MTGA_SYNCFAULT));
        worker.setEnvironmentVariable(QStringLiteral("MTGA_SYNC_FAULT_DIR"), out);
        worker.setEnvironmentVariable(QStringLiteral("MTGA_SYNC_FAULT_TRIGGER"), trigger);
        // ASan wants its runtime first in the list of libraries; the shim comes before it.
        worker.setEnvironmentVariable(
            QStringLiteral("ASAN_OPTIONS"),
            qEnvironmentVariable("ASAN_OPTIONS") + QStringLiteral(":verify_asan_link_order=0"));
        QVERIFY(worker.start());
        QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                                  qPrintable(worker.standardError().right(1500)), 60'000);
        QTest::qWait(1000);  // checkpointed: these bytes are durable
        QFile marker(trigger);
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.close();
        // New events make a flush whose fdatasync fails; the next one would succeed (the
        // shim fails once, as Linux reports a writeback error once) although the bytes are gone.
        Traffic second = first;
        second.first = first.count;
        second.count = 5000;
        const Expected more = produce(kafka.bootstrap(), second);
        QVERIFY(!more.pids.empty());
        expected.add(more);
        QVERIFY2(worker.waitForExit(60'000), "a failed fdatasync did not stop the worker");
        const QString log = worker.standardError();
        QVERIFY2(log.contains(QLatin1String("syncfault: fdatasync(")), qPrintable(log.right(1500)));
        QCOMPARE(worker.exitCode(), 1);
        QVERIFY2(log.contains(QLatin1String("Stopped: Cannot sync ")), qPrintable(log.right(1500)));
    }
    // The lost bytes are consumed again; nothing checkpointed was lost.
    QVERIFY(runUntilWritten(path, out, expected.pids.size(), 120'000));
    const OutputScan scan = scanOutput(out);
    QVERIFY(scan.allComplete);
    QVERIFY(writtenExactlyOnce(scan, expected.pids));
}

QTEST_GUILESS_MAIN(TestOutputFaults)
#include "tst_outputfaults.moc"
