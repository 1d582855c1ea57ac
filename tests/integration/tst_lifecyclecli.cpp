// `mtga stop`, `mtga restart` and `mtga reload` as the real binary: against a real `mtga run`
// worker on the embedded Kafka (reload prints the apps, restart answers and the worker still
// does, stop returns once the worker's process has exited 0 after its final checkpoint), and the
// waiting of `mtga stop` against a stand-in server whose "worker" is a process that ignores the
// request (--wait gives up, --kill-after ends it). No worker at all (exit 3) and one that does
// not answer (exit 4): tst_controlcli, with the other commands.

#include "shared/controlclient.h"
#include "tests/support/controltest.h"
#include "tests/support/processrunner.h"
#include "tests/support/workertest.h"
#include "worker/control/controlserver.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <chrono>

using mtga::Result;
using namespace mtga::test;

class TestLifecycleCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lifecycleOfRealWorker();
    void stopGivesUpAfterWait();
    void stopKillsAfter();
};

void TestLifecycleCli::lifecycleOfRealWorker() {
    KafkaProcess kafka(QStringLiteral("lifecycle:2"));
    QVERIFY(kafka.start());
    const Expected expected = produce(kafka.bootstrap(), trafficOf("lifecycle", 200));
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    const QString config =
        writeConfig(dir, staticWorker(kafka.bootstrap(), QStringLiteral("lifecycle"), 2));
    {
        // Mutating commands are for admins: whoever runs the tests is one.
        QFile file(config);
        QVERIFY(file.open(QIODevice::Append));
        file.write(QStringLiteral("  admin_uids: [%1]\n").arg(::getuid()).toUtf8());
    }
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    ProcessRunner worker(runArguments(config, 0));
    QVERIFY(worker.start());
    // Taken now: QProcess forgets it once the process has ended.
    const qint64 pid = worker.processId();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto status = mtga::ControlClient::status(socket, std::chrono::seconds(2));
            return status && status->counts.messages == 200;
        }(),
        60'000);

    const CliRun reload = runMtga({QStringLiteral("reload"), QStringLiteral("-c"), config});
    QVERIFY2(reload.exitCode == 0, qPrintable(reload.err));
    QCOMPARE(reload.out, QStringLiteral("settings reloaded: apps 24\n"));
    const CliRun reloadJson =
        runMtga({QStringLiteral("reload"), QStringLiteral("-c"), config, QStringLiteral("--json")});
    QVERIFY2(reloadJson.exitCode == 0, qPrintable(reloadJson.err));
    QVERIFY2(reloadJson.out.startsWith(QLatin1String(R"({"after":)")), qPrintable(reloadJson.out));
    QVERIFY2(reloadJson.out.contains(QLatin1String(R"("apps":[24])")), qPrintable(reloadJson.out));

    const CliRun restart = runMtga({QStringLiteral("restart"), QStringLiteral("-c"), config,
                                    QStringLiteral("--timeout"), QStringLiteral("50")});
    QVERIFY2(restart.exitCode == 0, qPrintable(restart.err));
    QCOMPARE(restart.out, QStringLiteral("restarted: apps 24\n"));
    const CliRun status = runMtga({QStringLiteral("status"), QStringLiteral("-c"), config});
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    QVERIFY2(status.out.contains(QLatin1String("running")), qPrintable(status.out));

    const CliRun stop = runMtga({QStringLiteral("stop"), QStringLiteral("-c"), config});
    QVERIFY2(stop.exitCode == 0, qPrintable(stop.err));
    QCOMPARE(stop.out, QStringLiteral("mtga (pid %1) stopped\n").arg(pid));
    // The process was gone when `mtga stop` returned (this process reaped it meanwhile).
    QTRY_COMPARE_WITH_TIMEOUT(worker.processId(), qint64(0), 5'000);
    QCOMPARE(worker.exitStatus(), QProcess::NormalExit);
    QCOMPARE(worker.exitCode(), 0);
    QVERIFY2(worker.standardError().contains(QLatin1String("Stopped cleanly.")),
             qPrintable(worker.standardError().right(1000)));
    QVERIFY(!QFile::exists(socket));
}

namespace {

// A ControlServer that answers `stop` as a worker does, naming `pid` as its process.
std::unique_ptr<mtga::ControlServer> fakeWorker(const QString& socket, qint64 pid) {
    return startTestServer(
        controlConfig(socket, {::getuid()}),
        {{QStringLiteral("stop"), resultHandler(QJsonObject{{QStringLiteral("stopping"), true},
                                                            {QStringLiteral("pid"), pid}})}});
}

}  // namespace

void TestLifecycleCli::stopGivesUpAfterWait() {
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("mtga.sock"));
    QProcess stubborn;
    stubborn.start(QStringLiteral("sleep"), {QStringLiteral("60")});
    QVERIFY(stubborn.waitForStarted());
    const auto server = fakeWorker(socket, stubborn.processId());
    QVERIFY(server);

    const CliRun run = runMtga({QStringLiteral("stop"), QStringLiteral("--socket"), socket,
                                QStringLiteral("--wait"), QStringLiteral("1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(
                 QStringLiteral("(pid %1) is still running after 1 s").arg(stubborn.processId())),
             qPrintable(run.err));
    QCOMPARE(stubborn.state(), QProcess::Running);
    stubborn.kill();
    QVERIFY(stubborn.waitForFinished());
}

void TestLifecycleCli::stopKillsAfter() {
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("mtga.sock"));
    QProcess stubborn;
    stubborn.start(QStringLiteral("sleep"), {QStringLiteral("60")});
    QVERIFY(stubborn.waitForStarted());
    const auto server = fakeWorker(socket, stubborn.processId());
    QVERIFY(server);

    const CliRun run = runMtga({QStringLiteral("stop"), QStringLiteral("--socket"), socket,
                                QStringLiteral("--kill-after"), QStringLiteral("1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("was killed (SIGKILL)")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("nothing is lost")), qPrintable(run.err));
    // Gone when `mtga stop` returned: reaped by this process while it waited for the CLI.
    QTRY_COMPARE_WITH_TIMEOUT(stubborn.state(), QProcess::NotRunning, 5'000);
    QCOMPARE(stubborn.exitStatus(), QProcess::CrashExit);
}

QTEST_GUILESS_MAIN(TestLifecycleCli)
#include "tst_lifecyclecli.moc"
