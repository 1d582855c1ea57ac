// Who may do what on the control socket of a real `mtga run` worker (docs/protocol.md, "Access
// control"): the test runs as root and the `mtga` CLI as uid 65534 (nobody). In the worker's
// group, nobody reads (status, offsets, the failure queue, the journal) but every mutating
// command is `forbidden` (exit 1, naming the uid and gid) and changes nothing; outside the group
// the socket's mode keeps it out (permission_denied). Not root: skipped, a process cannot change
// its uid.

#include "shared/controlclient.h"
#include "tests/support/workertest.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <grp.h>
#include <unistd.h>

#include <memory>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// `mtga ARGS` as uid and gid 65534, in the worker's group (gid 0) too when `inGroup`.
Run runAsNobody(const QStringList& arguments, bool inGroup) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.setChildProcessModifier([inGroup] {
        const gid_t groups[] = {0};
        if (::setgroups(inGroup ? 1 : 0, groups) != 0 || ::setgid(kNogroup) != 0 ||
            ::setuid(kNobody) != 0) {
            ::_exit(126);
        }
    });
    process.start(QStringLiteral(MTGA_BINARY), arguments);
    Run run;
    if (!process.waitForStarted(10'000) || !process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError())
                  .replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    return run;
}

}  // namespace

class TestControlAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void mutatingCommandsAreForbidden_data();
    void mutatingCommandsAreForbidden();
    void readCommandsWork_data();
    void readCommandsWork();
    void othersCannotConnect();

private:
    std::optional<WorkerStatus> status() const;

    std::unique_ptr<KafkaProcess> m_kafka;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProcessRunner> m_worker;
    qint64 m_pid = 0;
    QString m_socket;
};

void TestControlAccess::initTestCase() {
    if (::geteuid() != 0) {
        QSKIP("runs the CLI as uid 65534, which needs root (setuid); run the tests as root");
    }
    m_kafka = std::make_unique<KafkaProcess>(QStringLiteral("access:2"));
    QVERIFY(m_kafka->start());
    // Some broken events: a failure queue for clear_failure_queue to want to clear.
    QVERIFY(!produce(m_kafka->bootstrap(), trafficOf("access", 300, 100)).pids.empty());
    // Under /tmp and open to others, so that only the socket's own mode decides who connects.
    m_dir = std::make_unique<QTemporaryDir>(QStringLiteral("/tmp/mtga-access-XXXXXX"));
    QVERIFY(m_dir->isValid());
    QVERIFY(QFile::setPermissions(
        m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                           QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
    // The default admins: uid 0 only.
    const QString config =
        writeConfig(*m_dir, staticWorker(m_kafka->bootstrap(), QStringLiteral("access"), 2));
    m_socket = m_dir->filePath(QStringLiteral("data/mtga.sock"));
    m_worker = std::make_unique<ProcessRunner>(runArguments(config, 0));
    QVERIFY(m_worker->start());
    m_pid = m_worker->processId();
    // Every failure in the queue (checkpointed), so that the queue stays as it is from now on.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto now = status();
            return now && now->counts.messages == 300 && now->failureQueue > 0 &&
                   now->failureQueue == now->counts.failed;
        }(),
        60'000);
}

std::optional<WorkerStatus> TestControlAccess::status() const {
    auto reply = ControlClient::status(m_socket, std::chrono::seconds(5));
    return reply ? std::optional<WorkerStatus>(reply.value()) : std::nullopt;
}

void TestControlAccess::cleanupTestCase() {
    if (m_worker) {
        QVERIFY(stopCleanly(*m_worker, 60'000));
    }
}

void TestControlAccess::mutatingCommandsAreForbidden_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("request");
    // Every CLI command that sends a mutating command of shared/commands.cpp.
    const auto row = [](const char* name, const QStringList& arguments, const char* request) {
        QTest::newRow(name) << arguments << QString::fromLatin1(request);
    };
    row("clear_failure_queue",
        {QStringLiteral("clear_failure_queue"), QStringLiteral("--all"), QStringLiteral("--yes")},
        "clear_failure_queue");
    row("clear_failure_queue --reason",
        {QStringLiteral("clear_failure_queue"), QStringLiteral("--reason"),
         QStringLiteral("invalid_json"), QStringLiteral("--yes")},
        "clear_failure_queue");
    // A dry run changes nothing, but the command is a mutating one all the same.
    row("reset_offsets",
        {QStringLiteral("reset_offsets"), QStringLiteral("--to-earliest"),
         QStringLiteral("--all-topics")},
        "reset_offsets");
    row("reset_offsets --execute",
        {QStringLiteral("reset_offsets"), QStringLiteral("--to-latest"),
         QStringLiteral("--all-topics"), QStringLiteral("--execute")},
        "reset_offsets");
    row("undo_reset", {QStringLiteral("undo_reset")}, "undo_reset");
    row("undo_reset --execute", {QStringLiteral("undo_reset"), QStringLiteral("--execute")},
        "undo_reset");
    row("failures retry",
        {QStringLiteral("failures"), QStringLiteral("retry"), QStringLiteral("--all")},
        "retry_failures");
    row("failures export",
        {QStringLiteral("failures"), QStringLiteral("export"), QStringLiteral("--output"),
         QStringLiteral("/tmp/mtga-forbidden-export.jsonl")},
        "export_failures");
    row("reload", {QStringLiteral("reload")}, "reload");
    row("restart", {QStringLiteral("restart")}, "restart");
    row("stop", {QStringLiteral("stop")}, "stop");
    row("alerts test", {QStringLiteral("alerts"), QStringLiteral("test")}, "alerts_test");
}

void TestControlAccess::mutatingCommandsAreForbidden() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, request);
    const auto before = status();
    QVERIFY(before);
    const QString command = arguments.front();
    const Run run = runAsNobody(arguments + QStringList{QStringLiteral("--socket"), m_socket},
                                /*inGroup=*/true);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    const QString refusal =
        QStringLiteral(
            "mtga %1: \"%2\" changes the worker and is only for admins: uid 65534 (gid "
            "65534) is in neither control.admin_uids nor control.admin_gids "
            "[forbidden]\n")
            .arg(command, request);
    QVERIFY2(run.err.endsWith(refusal), qPrintable(run.err));
    // Nothing changed: the same process runs, with its failure queue.
    const auto after = status();
    QVERIFY(after);
    QCOMPARE(after->pid, m_pid);
    QCOMPARE(after->state, WorkerStatus::kRunning);
    QCOMPARE(after->failureQueue, before->failureQueue);
    QCOMPARE(after->counts.messages, before->counts.messages);  // a new pipeline counts from 0
}

void TestControlAccess::readCommandsWork_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("shows");  // a pattern its output matches
    QTest::newRow("status") << QStringList{QStringLiteral("status")}
                            << QStringLiteral("state +running");
    QTest::newRow("offset_checker")
        << QStringList{QStringLiteral("offset_checker")} << QStringLiteral("access");
    QTest::newRow("kafka_lag") << QStringList{QStringLiteral("kafka_lag")}
                               << QStringLiteral("^\\d+\n$");
    QTest::newRow("failure_queue_count")
        << QStringList{QStringLiteral("failure_queue_count")} << QStringLiteral("^[1-9]\\d*\n$");
    QTest::newRow("failures list")
        << QStringList{QStringLiteral("failures"), QStringLiteral("list")}
        << QStringLiteral("invalid_json");
    QTest::newRow("reset_journal")
        << QStringList{QStringLiteral("reset_journal")} << QStringLiteral("TARGET");
    QTest::newRow("sample") << QStringList{QStringLiteral("sample"), QStringLiteral("--topic"),
                                           QStringLiteral("access:0")}
                            << QStringLiteral("offset");
    QTest::newRow("alerts") << QStringList{QStringLiteral("alerts")}
                            << QStringLiteral("the failure queue passed|no alerts");
}

void TestControlAccess::readCommandsWork() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, shows);
    const Run run = runAsNobody(arguments + QStringList{QStringLiteral("--socket"), m_socket},
                                /*inGroup=*/true);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(QRegularExpression(shows).match(run.out).hasMatch(), qPrintable(run.out));
}

void TestControlAccess::othersCannotConnect() {
    // Neither the socket's owner nor in its group: mode 0770 keeps it out before any command.
    const Run run = runAsNobody({QStringLiteral("status"), QStringLiteral("--socket"), m_socket},
                                /*inGroup=*/false);
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    QVERIFY2(
        run.err.startsWith(QStringLiteral("mtga status: permission denied on %1").arg(m_socket)),
        qPrintable(run.err));
    QVERIFY2(run.err.endsWith(QLatin1String("[permission_denied]\n")), qPrintable(run.err));
    QCOMPARE(status()->pid, m_pid);
}

QTEST_GUILESS_MAIN(TestControlAccess)
#include "tst_controlaccess.moc"
