// `--ssh [USER@]HOST` on the CLI commands that talk to a worker, as the real binary, against a
// ControlServer in this process: through a stand-in ssh ($MTGA_SSH = tests/data/ssh/standin-
// ssh.sh, which runs the remote command here as sshd would) the output of status,
// offset_checker, kafka_lag, a worker's error and the mutating reload and restart is the same,
// byte for byte, as through the local socket, and the mutating calls reach the worker; ssh is
// called with -T, BatchMode and the remote `mtga control-stdio`, a path with a space survives
// the remote shell; ssh's failures (the real ssh against a closed port, no ssh program, no mtga
// on the host, its configuration missing, no worker there) give their messages and exit codes;
// a host that never answers and a worker that never answers give the timeout code within the
// timeout and a second. The console's WorkerConnection reaches a worker through ssh the same way
// (hello, a typed call, the worker going away). The same through a real sshd on 127.0.0.1 with a
// throwaway key: tst_sshd (skipped where openssh-server is not installed).

#include "shared/workerconnection.h"
#include "tests/support/controltest.h"
#include "tests/support/sshtest.h"
#include "tests/support/workertest.h"
#include "worker/control/controlserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <memory>

using mtga::ControlServer;
using mtga::Result;
using namespace mtga::test;

class TestSshCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void sameOutputAsLocal_data();
    void sameOutputAsLocal();
    void sshGetsBatchModeAndTheRemoteCommand();
    void remoteConfigurationFindsTheSocket();
    void sshFailures_data();
    void sshFailures();
    void killAfterNeedsALocalWorker();
    void nothingAnswers_data();
    void nothingAnswers();
    void workerConnectionOverSsh();

private:
    QString normalised(QString text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScopedEnvironment> m_environment;
    std::unique_ptr<ControlServer> m_server;
    std::unique_ptr<SampleWorker> m_worker;
};

void TestSshCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_environment = std::make_unique<ScopedEnvironment>();
    m_environment->set("MTGA_SSH", standinSsh());
    m_environment->set("MTGA_SSH_MTGA", QStringLiteral(MTGA_BINARY));
}

void TestSshCli::cleanup() {
    m_server.reset();
    m_worker.reset();
    m_environment.reset();
    m_dir.reset();
}

QString TestSshCli::normalised(QString text) const {
    text.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    text.replace(m_dir->path(), QStringLiteral("<dir>"));
    return text;
}

void TestSshCli::sameOutputAsLocal_data() {
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("socketDir");  // under the test's folder
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mutating");  // the command whose handler must run once per call

    const QString run = QStringLiteral("run");
    QTest::newRow("status") << QStringList{QStringLiteral("status")} << run << 0 << QString();
    QTest::newRow("status --json")
        << QStringList{QStringLiteral("status"), QStringLiteral("--json")} << run << 0 << QString();
    QTest::newRow("offset_checker")
        << QStringList{QStringLiteral("offset_checker")} << run << 0 << QString();
    QTest::newRow("offset_checker --json")
        << QStringList{QStringLiteral("offset_checker"), QStringLiteral("--json")} << run << 0
        << QString();
    QTest::newRow("kafka_lag") << QStringList{QStringLiteral("kafka_lag")} << run << 0 << QString();
    QTest::newRow("a worker's error")
        << QStringList{QStringLiteral("failure_queue_count")} << run << 1 << QString();
    QTest::newRow("reload") << QStringList{QStringLiteral("reload")} << run << 0
                            << QStringLiteral("reload");
    QTest::newRow("restart --json")
        << QStringList{QStringLiteral("restart"), QStringLiteral("--json")} << run << 0
        << QStringLiteral("restart");
    // The remote shell splits the command at spaces: the path must come through quoted.
    QTest::newRow("a socket path with a space and a quote")
        << QStringList{QStringLiteral("offset_checker")} << QStringLiteral("run dir's") << 0
        << QString();
}

void TestSshCli::sameOutputAsLocal() {
    QFETCH(QStringList, command);
    QFETCH(QString, socketDir);
    QFETCH(int, exitCode);
    QFETCH(QString, mutating);
    const QString socket = m_dir->filePath(socketDir + QStringLiteral("/mtga.sock"));
    m_worker = std::make_unique<SampleWorker>(socket);
    QVERIFY(m_worker->listening());

    const CliRun local = runMtga(command + QStringList{QStringLiteral("--socket"), socket});
    const CliRun remote =
        runMtga(command + QStringList{QStringLiteral("--ssh"), QStringLiteral("ops@testhost"),
                                      QStringLiteral("--socket"), socket});
    QCOMPARE(local.exitCode, exitCode);
    QVERIFY2(!local.out.isEmpty() || !local.err.isEmpty(), "the local call printed nothing");
    QCOMPARE(remote.exitCode, local.exitCode);
    QCOMPARE(remote.out, local.out);
    QCOMPARE(remote.err, local.err);
    if (!mutating.isEmpty()) {
        QCOMPARE(m_worker->calls(mutating), 2);  // once through the socket, once through ssh
    }
}

void TestSshCli::sshGetsBatchModeAndTheRemoteCommand() {
    const QString socket = m_dir->filePath(QStringLiteral("run/mtga.sock"));
    m_worker = std::make_unique<SampleWorker>(socket);
    QVERIFY(m_worker->listening());
    const QString log = m_dir->filePath(QStringLiteral("ssh-arguments.txt"));
    m_environment->set("STANDIN_SSH_LOG", log);
    const CliRun run = runMtga({QStringLiteral("kafka_lag"), QStringLiteral("--ssh"),
                                QStringLiteral("ops@testhost"), QStringLiteral("--socket"), socket,
                                QStringLiteral("--timeout"), QStringLiteral("7")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out, QStringLiteral("263\n"));
    QFile file(log);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(normalised(QString::fromUtf8(file.readAll())),
             QStringLiteral("-T\n-o\nBatchMode=yes\n-o\nConnectTimeout=7\nops@testhost\n"
                            "mtga control-stdio --socket <dir>/run/mtga.sock --timeout 7\n"));
}

void TestSshCli::remoteConfigurationFindsTheSocket() {
    // -c names the configuration on the remote host, which finds the socket in it.
    const QString config = writeConfig(*m_dir, staticWorker("127.0.0.1:1", QStringLiteral("t"), 1));
    m_worker = std::make_unique<SampleWorker>(m_dir->filePath(QStringLiteral("data/mtga.sock")));
    QVERIFY(m_worker->listening());
    const CliRun local = runMtga({QStringLiteral("status"), QStringLiteral("-c"), config});
    const CliRun remote = runMtga({QStringLiteral("status"), QStringLiteral("--ssh"),
                                   QStringLiteral("testhost"), QStringLiteral("-c"), config});
    QVERIFY2(local.exitCode == 0, qPrintable(local.err));
    QVERIFY2(remote.exitCode == 0, qPrintable(remote.err));
    QCOMPARE(remote.out, local.out);
}

void TestSshCli::sshFailures_data() {
    QTest::addColumn<QString>("ssh");    // $MTGA_SSH; <standin> for the stand-in
    QTest::addColumn<QString>("mtga");   // $MTGA_SSH_MTGA; empty: this build's mtga
    QTest::addColumn<QString>("where");  // --socket PATH or -c FILE, <dir> for the folder
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("says");  // parts of standard error, normalised

    const QString standin = QStringLiteral("<standin>");
    const QString socket = QStringLiteral("--socket <dir>/run/mtga.sock");
    if (!QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty()) {
        // The real ssh, to a port where nothing listens: ssh's own failure, exit 255.
        QTest::newRow("ssh cannot connect")
            << QStringLiteral(
                   "ssh -p 1 -o StrictHostKeyChecking=no -o "
                   "UserKnownHostsFile=/dev/null")
            << QString() << socket << 6
            << QStringList{QStringLiteral("mtga status: ssh could not reach 127.0.0.1 or log in "
                                          "there: "),
                           QStringLiteral("Connection refused"), QStringLiteral("[ssh_failed]\n")};
    }
    QTest::newRow("no ssh program")
        << QStringLiteral("<dir>/no-such-ssh") << QString() << socket << 6
        << QStringList{QStringLiteral("mtga status: cannot run the ssh program "
                                      "\"<dir>/no-such-ssh\" to reach 127.0.0.1: "),
                       QStringLiteral("($MTGA_SSH names it) [ssh_failed]\n")};
    QTest::newRow("no mtga on the host")
        << standin << QStringLiteral("<dir>/bin/mtga") << socket << 6
        << QStringList{QStringLiteral("mtga status: \"<dir>/bin/mtga\" could not be run on "
                                      "127.0.0.1 (exit 127: "),
                       QStringLiteral("is mtga installed there? $MTGA_SSH_MTGA names the command "
                                      "that runs it [ssh_failed]\n")};
    QTest::newRow("its configuration missing")
        << standin << QString() << QStringLiteral("-c <dir>/none.yml") << 6
        << QStringList{QStringLiteral("mtga status: mtga control-stdio on 127.0.0.1 failed (exit "
                                      "2): <dir>/none.yml: the configuration file does not exist"),
                       QStringLiteral("[ssh_failed]\n")};
    QTest::newRow("no worker there")
        << standin << QString() << socket << 3
        << QStringList{QStringLiteral("mtga status: on 127.0.0.1: no worker is listening on "
                                      "<dir>/run/mtga.sock (is mtga running?) [not_running]\n")};
}

void TestSshCli::sshFailures() {
    QFETCH(QString, ssh);
    QFETCH(QString, mtga);
    QFETCH(QString, where);
    QFETCH(int, exitCode);
    QFETCH(QStringList, says);
    const auto inDir = [&](QString text) {
        return text.replace(QStringLiteral("<dir>"), m_dir->path());
    };
    m_environment->set("MTGA_SSH", ssh == QLatin1String("<standin>") ? standinSsh() : inDir(ssh));
    if (!mtga.isEmpty()) {
        m_environment->set("MTGA_SSH_MTGA", inDir(mtga));
    }
    const CliRun run = runMtga(QStringList{QStringLiteral("status"), QStringLiteral("--ssh"),
                                           QStringLiteral("127.0.0.1")} +
                               inDir(where).split(QLatin1Char(' ')));
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.out, QString());
    const QString err = normalised(run.err);
    for (const QString& part : says) {
        QVERIFY2(err.contains(part), qPrintable(err));
    }
    QVERIFY2(err.startsWith(says.constFirst()), qPrintable(err));
}

void TestSshCli::killAfterNeedsALocalWorker() {
    const CliRun run =
        runMtga({QStringLiteral("stop"), QStringLiteral("--ssh"), QStringLiteral("testhost"),
                 QStringLiteral("--socket"), QStringLiteral("/run/mtga.sock"),
                 QStringLiteral("--kill-after"), QStringLiteral("5")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("%1 stop: --kill-after needs the worker on this machine: run "
                                     "`ssh testhost mtga stop --kill-after 5` instead\n")
                          .arg(QStringLiteral(MTGA_BINARY)));
}

void TestSshCli::nothingAnswers_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("request");   // the command it sends
    QTest::addColumn<bool>("hostAnswers");  // false: ssh itself never gets through
    for (const bool hostAnswers : {false, true}) {
        const char* kind = hostAnswers ? "worker never answers" : "host never answers";
        for (const auto& [command, request] :
             {std::pair{"status", "status"}, std::pair{"offset_checker", "offsets"},
              std::pair{"kafka_lag", "kafka_lag"}, std::pair{"reload", "reload"},
              std::pair{"stop", "stop"}}) {
            QTest::addRow("%s, %s", command, kind)
                << QString::fromLatin1(command) << QString::fromLatin1(request) << hostAnswers;
        }
    }
}

void TestSshCli::nothingAnswers() {
    QFETCH(QString, command);
    QFETCH(QString, request);
    QFETCH(bool, hostAnswers);
    const QString socket = m_dir->filePath(QStringLiteral("run/mtga.sock"));
    QDir().mkpath(QFileInfo(socket).absolutePath());
    QLocalServer silent;  // accepts, never reads, never writes: a wedged worker
    QVERIFY(silent.listen(socket));
    int accepted = 0;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (silent.nextPendingConnection()) {
            ++accepted;
        }
    });
    if (!hostAnswers) {
        m_environment->set("MTGA_SSH",
                           QStringLiteral(MTGA_SOURCE_DIR "/tests/data/ssh/hung-ssh.sh"));
    }
    QElapsedTimer clock;
    clock.start();
    const CliRun run = runMtga({command, QStringLiteral("--ssh"), QStringLiteral("testhost"),
                                QStringLiteral("--socket"), socket, QStringLiteral("--timeout"),
                                QStringLiteral("2")});
    const qint64 elapsedMs = clock.elapsed();
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.out, QString());
    QCOMPARE(normalised(run.err),
             QStringLiteral("mtga %1: the worker did not answer \"%2\" within 2 s (socket "
                            "testhost:<dir>/run/mtga.sock) [timeout]\n")
                 .arg(command, request));
    QVERIFY2(elapsedMs < 3000, qPrintable(QStringLiteral("exited after %1 ms").arg(elapsedMs)));
    QCOMPARE(accepted, hostAnswers ? 1 : 0);
}

void TestSshCli::workerConnectionOverSsh() {
    using State = mtga::WorkerConnection::State;
    const QString socket = m_dir->filePath(QStringLiteral("run/mtga.sock"));
    m_worker = std::make_unique<SampleWorker>(socket);
    QVERIFY(m_worker->listening());
    mtga::WorkerConnection connection(
        mtga::ControlEndpoint::overSsh(QStringLiteral("testhost"), socket, QString()));
    QCOMPARE(connection.socketPath(), QStringLiteral("testhost:") + socket);
    connection.open();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Connected, 10'000);
    QVERIFY(connection.isAdmin());
    std::optional<Result<mtga::WorkerStatus>> status;
    connection.requestStatus([&](const Result<mtga::WorkerStatus>& reply) { status = reply; });
    QTRY_VERIFY_WITH_TIMEOUT(status.has_value(), 10'000);
    QVERIFY2(status->ok(), qPrintable(status->ok() ? QString() : status->error().message));
    QCOMPARE(status->value(), sampleStatus());

    // The worker goes: the remote relay ends, and with it ssh; the connection says so.
    m_worker.reset();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Unreachable, 10'000);
    QCOMPARE(connection.lastError().code, mtga::ErrorCode::ConnectionClosed);
    // And the next attempt finds nobody there: the remote relay's not_running, passed on.
    QTRY_COMPARE_WITH_TIMEOUT(connection.lastError().code, mtga::ErrorCode::NotRunning, 10'000);
    QVERIFY2(connection.lastError().message.startsWith(QLatin1String("on testhost: ")),
             qPrintable(connection.lastError().message));
    connection.close();
}

QTEST_GUILESS_MAIN(TestSshCli)
#include "tst_sshcli.moc"
