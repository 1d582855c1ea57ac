// `mtga start` as the real binary, with a real worker on the embedded Kafka: it starts the
// worker as a daemon (its own session, not this process's child, its pid in the locked pid
// file) and reports it once it answers; `mtga status` and `--ssh` (the stand-in ssh) reach it;
// a second start is refused with exit 5 while the first holds the pid file, and so is a start
// next to a foreground `mtga run`; `mtga stop` (local and through ssh) stops it and the pid file
// goes. A pid file its worker left (a dead pid, or a live process that holds no lock) is taken
// over, saying so. A configuration with errors is reported with its file:line:column and key
// before anything starts (exit 2); settings with errors make the daemon die while starting,
// and `mtga start` shows what it wrote, with the file, and exits 2.

#include "shared/version.h"
#include "tests/support/controltest.h"
#include "tests/support/processrunner.h"
#include "tests/support/sshtest.h"
#include "tests/support/workertest.h"
#include "worker/cli/pidfile.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <csignal>

using mtga::cli::PidFile;
using namespace mtga::test;

namespace {

// A daemon is no child of the test: one left by a failed check is ended here.
class DaemonGuard {
public:
    ~DaemonGuard() {
        if (m_pid > 0) {
            ::kill(static_cast<pid_t>(m_pid), SIGKILL);
        }
    }
    void watch(qint64 pid) { m_pid = pid; }
    void release() { m_pid = 0; }

private:
    qint64 m_pid = 0;
};

// "mtga (pid N) started: ..." -> N; 0 when the line is not that.
qint64 startedPid(const QString& out) {
    static const QRegularExpression kStarted(QStringLiteral(R"(^mtga \(pid (\d+)\) started: )"));
    const QRegularExpressionMatch match = kStarted.match(out);
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

bool processExists(qint64 pid) {
    return QFile::exists(QStringLiteral("/proc/%1").arg(pid));
}

QString withoutDir(QString text, const QString& dir) {
    text.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    text.replace(dir, QStringLiteral("<dir>"));
    return text;
}

}  // namespace

class TestDaemonCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startStatusSecondStartStop();
    void stalePidFileIsTakenOver_data();
    void stalePidFileIsTakenOver();
    void foregroundWorkerIsNotStartedTwice();
    void brokenConfigurationIsReported();
    void workerDyingWhileStartingIsReported();

private:
    // A configuration of a worker of `topic` (2 partitions) on the embedded Kafka, this uid an
    // admin of it.
    QString configFor(const QTemporaryDir& dir, const QString& topic);

    std::unique_ptr<KafkaProcess> m_kafka;
};

void TestDaemonCli::initTestCase() {
    m_kafka = std::make_unique<KafkaProcess>(QStringLiteral("daemon:2"));
    QVERIFY(m_kafka->start());
    QVERIFY(m_kafka->createTopic("stale:2"));
}

QString TestDaemonCli::configFor(const QTemporaryDir& dir, const QString& topic) {
    const QString config = writeConfig(dir, staticWorker(m_kafka->bootstrap(), topic, 2));
    QFile file(config);
    if (file.open(QIODevice::Append)) {
        file.write(QStringLiteral("  admin_uids: [%1]\n").arg(::getuid()).toUtf8());
    }
    return config;
}

void TestDaemonCli::startStatusSecondStartStop() {
    const Expected expected = produce(m_kafka->bootstrap(), trafficOf("daemon", 100));
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    const QString config = configFor(dir, QStringLiteral("daemon"));
    const QString pidFile = dir.filePath(QStringLiteral("data/mtga.pid"));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    const QString log = dir.filePath(QStringLiteral("data/mtga.log"));

    DaemonGuard guard;
    const CliRun start = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    const qint64 pid = startedPid(start.out);
    guard.watch(pid);
    QVERIFY2(start.exitCode == 0, qPrintable(start.err));
    QVERIFY2(pid > 0, qPrintable(start.out));
    QCOMPARE(withoutDir(start.out, dir.path()),
             QStringLiteral("mtga (pid %1) started: version %2, socket <dir>/data/mtga.sock, "
                            "pid file <dir>/data/mtga.pid, log <dir>/data/mtga.log\n")
                 .arg(pid)
                 .arg(QLatin1String(mtga::kVersion)));
    QCOMPARE(start.err, QString());
    // A daemon: alive after `mtga start` ended, in a session of its own, holding its pid file.
    QVERIFY(processExists(pid));
    QCOMPARE(::getsid(static_cast<pid_t>(pid)), static_cast<pid_t>(pid));
    QCOMPARE(PidFile::readPid(pidFile), pid);
    QVERIFY(PidFile::isHeld(pidFile));

    const CliRun status = runMtga({QStringLiteral("status"), QStringLiteral("-c"), config});
    QVERIFY2(status.exitCode == 0, qPrintable(status.err));
    QVERIFY2(
        QRegularExpression(QStringLiteral("\\npid +%1\\n").arg(pid)).match(status.out).hasMatch(),
        qPrintable(status.out));
    QTRY_VERIFY_WITH_TIMEOUT(
        runMtga({QStringLiteral("status"), QStringLiteral("-c"), config})
            .out.contains(QRegularExpression(QStringLiteral("messages +100\\n"))),
        60'000);

    const CliRun second = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    QCOMPARE(second.exitCode, 5);
    QCOMPARE(second.out, QString());
    QCOMPARE(withoutDir(second.err, dir.path()),
             QStringLiteral("mtga start: mtga is already running (pid %1; pid file "
                            "<dir>/data/mtga.pid) [already_running]\n")
                 .arg(pid));
    QVERIFY(processExists(pid));

    // Through ssh (the stand-in, which runs the remote command here) it is the same worker.
    ScopedEnvironment environment;
    environment.set("MTGA_SSH", standinSsh());
    environment.set("MTGA_SSH_MTGA", QStringLiteral(MTGA_BINARY));
    const QStringList overSsh{QStringLiteral("--ssh"), QStringLiteral("testhost"),
                              QStringLiteral("-c"), config};
    QTRY_COMPARE_WITH_TIMEOUT(
        runMtga(QStringList{QStringLiteral("offset_checker"), QStringLiteral("--json")} + overSsh)
            .out,
        runMtga({QStringLiteral("offset_checker"), QStringLiteral("--json"), QStringLiteral("-c"),
                 config})
            .out,
        20'000);
    const CliRun reload = runMtga(QStringList{QStringLiteral("reload")} + overSsh);
    QVERIFY2(reload.exitCode == 0, qPrintable(reload.err));
    QCOMPARE(reload.out, QStringLiteral("settings reloaded: apps 24\n"));

    const CliRun stop = runMtga({QStringLiteral("stop"), QStringLiteral("-c"), config});
    QVERIFY2(stop.exitCode == 0, qPrintable(stop.err));
    QCOMPARE(stop.out, QStringLiteral("mtga (pid %1) stopped\n").arg(pid));
    guard.release();
    QVERIFY(!QFile::exists(pidFile));
    QVERIFY(!QFile::exists(socket));
    QFile logFile(log);
    QVERIFY(logFile.open(QIODevice::ReadOnly));
    const QString written = QString::fromUtf8(logFile.readAll());
    QVERIFY2(written.contains(QLatin1String("Stopped cleanly.")), qPrintable(written.right(2000)));

    // Started again, and stopped through ssh: it waits until the remote socket is gone.
    const CliRun again = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    const qint64 secondPid = startedPid(again.out);
    guard.watch(secondPid);
    QVERIFY2(again.exitCode == 0 && secondPid > 0, qPrintable(again.err));
    const CliRun remoteStop = runMtga(QStringList{QStringLiteral("stop")} + overSsh);
    QVERIFY2(remoteStop.exitCode == 0, qPrintable(remoteStop.err));
    QCOMPARE(remoteStop.out, QStringLiteral("mtga (pid %1) on testhost stopped\n").arg(secondPid));
    QVERIFY(!QFile::exists(socket));
    QTRY_VERIFY_WITH_TIMEOUT(!PidFile::isHeld(pidFile) && !QFile::exists(pidFile), 10'000);
    guard.release();
}

void TestDaemonCli::stalePidFileIsTakenOver_data() {
    QTest::addColumn<bool>("liveProcess");  // the pid in the file is a process that is alive
    QTest::newRow("a dead pid") << false;
    // The lock decides, not the pid: a reused pid is no worker.
    QTest::newRow("a live process that holds no lock") << true;
}

void TestDaemonCli::stalePidFileIsTakenOver() {
    QFETCH(bool, liveProcess);
    QTemporaryDir dir;
    const QString config = configFor(dir, QStringLiteral("stale"));
    const QString pidFile = dir.filePath(QStringLiteral("data/mtga.pid"));
    qint64 stalePid = ::getpid();
    if (!liveProcess) {
        QProcess gone;
        gone.start(QStringLiteral("true"), QStringList());
        QVERIFY(gone.waitForStarted());
        stalePid = gone.processId();
        QVERIFY(gone.waitForFinished());
    }
    QDir().mkpath(dir.filePath(QStringLiteral("data")));
    {
        QFile file(pidFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::number(stalePid) + '\n');
    }

    DaemonGuard guard;
    const CliRun start = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    const qint64 pid = startedPid(start.out);
    guard.watch(pid);
    QVERIFY2(start.exitCode == 0, qPrintable(start.err));
    QCOMPARE(withoutDir(start.err, dir.path()),
             QStringLiteral("mtga start: the pid file <dir>/data/mtga.pid was left by pid %1, "
                            "which is not running: taking it over\n")
                 .arg(stalePid));
    QCOMPARE(PidFile::readPid(pidFile), pid);
    QVERIFY(PidFile::isHeld(pidFile));

    const CliRun stop = runMtga({QStringLiteral("stop"), QStringLiteral("-c"), config});
    QVERIFY2(stop.exitCode == 0, qPrintable(stop.err));
    guard.release();
    QVERIFY(!QFile::exists(pidFile));
}

void TestDaemonCli::foregroundWorkerIsNotStartedTwice() {
    QTemporaryDir dir;
    const QString config = configFor(dir, QStringLiteral("daemon"));
    ProcessRunner foreground(runArguments(config, 0));
    QVERIFY(foreground.start());
    QTRY_VERIFY_WITH_TIMEOUT(
        runMtga({QStringLiteral("status"), QStringLiteral("-c"), config}).exitCode == 0, 30'000);

    const CliRun start = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    QCOMPARE(start.exitCode, 5);
    QCOMPARE(withoutDir(start.err, dir.path()),
             QStringLiteral("mtga start: mtga is already running (pid %1, not started by `mtga "
                            "start`): it answers on <dir>/data/mtga.sock; nothing was started "
                            "[already_running]\n")
                 .arg(foreground.processId()));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/mtga.pid"))));
    QVERIFY(stopCleanly(foreground, 30'000));
}

void TestDaemonCli::brokenConfigurationIsReported() {
    QTemporaryDir dir;
    const QString config = configFor(dir, QStringLiteral("daemon"));
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::Append));
        file.write("log:\n  level: loud\n");
    }
    const qsizetype line =
        QString::fromUtf8([&] {
            QFile file(config);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }())
            .count(QLatin1Char('\n'));
    const CliRun start = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    QCOMPARE(start.exitCode, 2);
    QCOMPARE(start.out, QString());
    const QString err = withoutDir(start.err, dir.path());
    QVERIFY2(QRegularExpression(QStringLiteral("^<dir>/mtga.yml:%1:\\d+: log.level: ").arg(line))
                 .match(err)
                 .hasMatch(),
             qPrintable(err));
    QVERIFY2(err.endsWith(QLatin1String("\nmtga start: nothing was started\n")), qPrintable(err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/mtga.pid"))));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/mtga.log"))));
}

void TestDaemonCli::workerDyingWhileStartingIsReported() {
    QTemporaryDir dir;
    const QString config = configFor(dir, QStringLiteral("daemon"));
    // Only the worker reads the settings: it dies while starting.
    {
        QFile file(dir.filePath(QStringLiteral("settings/metadata.24.json")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{\"identity\":\n  {\"account_id\": }\n}\n");
    }
    DaemonGuard guard;
    const CliRun start = runMtga({QStringLiteral("start"), QStringLiteral("-c"), config});
    guard.watch(startedPid(start.out));
    QCOMPARE(start.exitCode, 2);
    QCOMPARE(start.out, QString());
    const QString err = withoutDir(start.err, dir.path());
    static const QRegularExpression kDied(QStringLiteral(
        R"(^mtga start: the worker \(pid \d+\) exited with status 2 while starting; it wrote )"
        R"(\(<dir>/data/mtga\.log\):\n)"));
    QVERIFY2(kDied.match(err).hasMatch(), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("  <dir>/settings/metadata.24.json:2:")), qPrintable(err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/mtga.pid"))));
}

QTEST_GUILESS_MAIN(TestDaemonCli)
#include "tst_daemoncli.moc"
