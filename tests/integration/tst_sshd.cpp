// `--ssh` through the real ssh and a real sshd on 127.0.0.1 (a port of its own, a throwaway host
// key and user key in a temporary folder): status, offset_checker --json and the mutating reload
// give the same output as through the local socket, the call reaches the worker, and a key the
// server does not accept is ssh's failure, exit 6. Skipped, saying so, where /usr/sbin/sshd or
// ssh-keygen is not installed (openssh-server is not part of installer/setup.sh); the stand-in
// ssh of tst_sshcli covers the rest everywhere.

#include "tests/support/controltest.h"
#include "tests/support/processrunner.h"
#include "tests/support/sshtest.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <pwd.h>
#include <unistd.h>

#include <memory>

using namespace mtga::test;

namespace {

const QString kSshd = QStringLiteral("/usr/sbin/sshd");

bool writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

bool makeKey(const QString& path) {
    int exitCode = -1;
    runToCompletion(QStringLiteral("ssh-keygen"),
                    {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                     QStringLiteral("-N"), QString(), QStringLiteral("-f"), path},
                    30'000, &exitCode);
    return exitCode == 0 && QFile::exists(path + QStringLiteral(".pub"));
}

quint16 freePort() {
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

bool accepts(quint16 port) {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(200);
}

}  // namespace

class TestSshd : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sameOutputAsLocal_data();
    void sameOutputAsLocal();
    void keyNotAccepted();

private:
    QString sshCommand(const QString& key) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_sshd;
    quint16 m_port = 0;
    QString m_target;  // user@127.0.0.1
};

void TestSshd::initTestCase() {
    if (!QFileInfo(kSshd).isExecutable()) {
        QSKIP(
            "no /usr/sbin/sshd: install openssh-server to run --ssh against a real sshd "
            "(tst_sshcli's stand-in ssh covers --ssh without it)");
    }
    if (QStandardPaths::findExecutable(QStringLiteral("ssh-keygen")).isEmpty() ||
        QStandardPaths::findExecutable(QStringLiteral("ssh")).isEmpty()) {
        QSKIP("no ssh or ssh-keygen: install openssh-client to run --ssh against a real sshd");
    }
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString hostKey = m_dir->filePath(QStringLiteral("host_key"));
    const QString userKey = m_dir->filePath(QStringLiteral("user_key"));
    QVERIFY(makeKey(hostKey));
    QVERIFY(makeKey(userKey));
    QVERIFY(makeKey(m_dir->filePath(QStringLiteral("other_key"))));
    QFile::copy(userKey + QStringLiteral(".pub"), m_dir->filePath(QStringLiteral("authorized")));
    if (::getuid() == 0) {
        // sshd's privilege separation needs it; a root-run sshd refuses to start without it.
        QDir().mkpath(QStringLiteral("/run/sshd"));
    }
    m_port = freePort();
    QVERIFY(m_port != 0);
    const QByteArray config = QStringLiteral(
                                  "Port %1\n"
                                  "ListenAddress 127.0.0.1\n"
                                  "HostKey %2\n"
                                  "AuthorizedKeysFile %3\n"
                                  "PidFile %4\n"
                                  "StrictModes no\n"
                                  "UsePAM no\n"
                                  "PasswordAuthentication no\n"
                                  "KbdInteractiveAuthentication no\n"
                                  "PermitRootLogin prohibit-password\n")
                                  .arg(m_port)
                                  .arg(hostKey, m_dir->filePath(QStringLiteral("authorized")),
                                       m_dir->filePath(QStringLiteral("sshd.pid")))
                                  .toUtf8();
    const QString configPath = m_dir->filePath(QStringLiteral("sshd_config"));
    QVERIFY(writeFile(configPath, config));
    m_sshd = std::make_unique<QProcess>();
    m_sshd->setProcessChannelMode(QProcess::MergedChannels);
    m_sshd->start(kSshd,
                  {QStringLiteral("-D"), QStringLiteral("-e"), QStringLiteral("-f"), configPath});
    QVERIFY(m_sshd->waitForStarted());
    QTRY_VERIFY2_WITH_TIMEOUT(accepts(m_port) || m_sshd->state() == QProcess::NotRunning,
                              "sshd does not listen", 10'000);
    QVERIFY2(m_sshd->state() == QProcess::Running, m_sshd->readAll().constData());
    const passwd* user = ::getpwuid(::getuid());
    QVERIFY(user != nullptr);
    m_target = QString::fromLocal8Bit(user->pw_name) + QStringLiteral("@127.0.0.1");
}

void TestSshd::cleanupTestCase() {
    if (m_sshd) {
        m_sshd->terminate();
        if (!m_sshd->waitForFinished(5'000)) {
            m_sshd->kill();
            m_sshd->waitForFinished(5'000);
        }
    }
}

QString TestSshd::sshCommand(const QString& key) const {
    return QStringLiteral(
               "ssh -p %1 -i %2 -o IdentitiesOnly=yes -o StrictHostKeyChecking=no "
               "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")
        .arg(m_port)
        .arg(m_dir->filePath(key));
}

void TestSshd::sameOutputAsLocal_data() {
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<bool>("mutating");
    QTest::newRow("status") << QStringList{QStringLiteral("status")} << false;
    QTest::newRow("offset_checker --json")
        << QStringList{QStringLiteral("offset_checker"), QStringLiteral("--json")} << false;
    QTest::newRow("reload") << QStringList{QStringLiteral("reload")} << true;
}

void TestSshd::sameOutputAsLocal() {
    QFETCH(QStringList, command);
    QFETCH(bool, mutating);
    const QString socket = m_dir->filePath(QStringLiteral("run/mtga.sock"));
    SampleWorker worker(socket);
    QVERIFY(worker.listening());
    ScopedEnvironment environment;
    environment.set("MTGA_SSH", sshCommand(QStringLiteral("user_key")));
    // sshd's session has a PATH of its own, without this build's mtga.
    environment.set("MTGA_SSH_MTGA", QStringLiteral(MTGA_BINARY));

    const CliRun local = runMtga(command + QStringList{QStringLiteral("--socket"), socket});
    const CliRun remote =
        runMtga(command + QStringList{QStringLiteral("--ssh"), m_target, QStringLiteral("--socket"),
                                      socket, QStringLiteral("--timeout"), QStringLiteral("20")});
    QVERIFY2(local.exitCode == 0, qPrintable(local.err));
    QVERIFY2(remote.exitCode == 0, qPrintable(remote.err));
    QCOMPARE(remote.out, local.out);
    QCOMPARE(remote.err, local.err);
    if (mutating) {
        QCOMPARE(worker.calls(QStringLiteral("reload")), 2);
    }
}

void TestSshd::keyNotAccepted() {
    ScopedEnvironment environment;
    environment.set("MTGA_SSH", sshCommand(QStringLiteral("other_key")));
    environment.set("MTGA_SSH_MTGA", QStringLiteral(MTGA_BINARY));
    const CliRun run =
        runMtga({QStringLiteral("status"), QStringLiteral("--ssh"), m_target,
                 QStringLiteral("--socket"), m_dir->filePath(QStringLiteral("run/mtga.sock"))});
    QCOMPARE(run.exitCode, 6);
    QCOMPARE(run.out, QString());
    QVERIFY2(
        run.err.contains(QStringLiteral("ssh could not reach %1 or log in there: ").arg(m_target)),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(QLatin1String("Permission denied")), qPrintable(run.err));
    QVERIFY2(run.err.endsWith(QLatin1String(" [ssh_failed]\n")), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestSshd)
#include "tst_sshd.moc"
