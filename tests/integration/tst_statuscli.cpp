// `mtga status` as the real binary: against a ControlServer in this process that answers fixed
// statuses (the report field by field, and byte for byte against the golden files in
// tests/data/cli/), against a real `mtga run` worker (golden after normalising what changes
// from run to run: pid, uptime, version, paths, timing), and its errors and usage.

#include "shared/controlclient.h"
#include "shared/version.h"
#include "tests/support/controltest.h"
#include "tests/support/goldenfile.h"
#include "tests/support/processrunner.h"
#include "tests/support/workertest.h"
#include "worker/control/controlserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <memory>

using mtga::ControlServer;
using mtga::Error;
using mtga::Result;
using mtga::WorkerStatus;
using namespace mtga::test;

namespace {

CliRun runStatus(const QStringList& arguments) {
    return runMtga(QStringList{QStringLiteral("status")} + arguments);
}

// What changes from one run of a real worker to the next, replaced by placeholders, in the test
// and not in the product: the report stays what an operator sees.
QString normalisedReport(QString text, const QString& dir) {
    text.replace(dir, QStringLiteral("<dir>"));
    static const QRegularExpression kVaries(
        QStringLiteral(R"(^((?:pid|uptime|version|  checkpoints)\s+)\S.*$)"),
        QRegularExpression::MultilineOption);
    text.replace(kVaries, QStringLiteral("\\1<varies>"));
    static const QRegularExpression kLibrdkafka(QStringLiteral(R"(librdkafka \d+\.\d+\.\d+)"));
    text.replace(kLibrdkafka, QStringLiteral("librdkafka <version>"));
    return text;
}

QString normalisedJson(const QString& line, const QString& dir) {
    QJsonObject status = QJsonDocument::fromJson(line.toUtf8()).object();
    const QString varies = QStringLiteral("<varies>");
    for (const char* key : {"pid", "uptime_s", "version"}) {
        if (status.contains(QLatin1String(key))) {
            status.insert(QLatin1String(key), varies);
        }
    }
    QJsonObject counts = status.value(QLatin1String("counts")).toObject();
    counts.insert(QStringLiteral("checkpoints"), varies);
    status.insert(QStringLiteral("counts"), counts);
    QString text = QString::fromUtf8(QJsonDocument(status).toJson(QJsonDocument::Indented));
    text.replace(dir, QStringLiteral("<dir>"));
    static const QRegularExpression kLibrdkafka(QStringLiteral(R"(librdkafka \d+\.\d+\.\d+)"));
    text.replace(kLibrdkafka, QStringLiteral("librdkafka <version>"));
    return text;
}

}  // namespace

class TestStatusCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void statusCliPrintsReport();
    void statusCliJson();
    void statusCliWorkerError();
    void statusCliMissingSocket();
    void statusCliUsageErrors_data();
    void statusCliUsageErrors();

    void reportMatchesGolden_data();
    void reportMatchesGolden();
    void errorsMatchGolden_data();
    void errorsMatchGolden();
    void realWorkerMatchesGolden();

private:
    // A listening server of testCommands() with no command registered yet.
    std::unique_ptr<ControlServer> startServer();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
};

void TestStatusCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("run/mtga.sock"));
}

void TestStatusCli::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestStatusCli::startServer() {
    return startTestServer(controlConfig(m_socketPath));
}

void TestStatusCli::statusCliPrintsReport() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> { return sampleStatus().toJson(); });

    const CliRun run = runStatus({QStringLiteral("--socket"), m_socketPath});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QStringList lines = run.out.split(QLatin1Char('\n'));
    const auto lineWith = [&](const QString& text) {
        for (const QString& line : lines) {
            if (line.contains(text)) {
                return line.simplified();
            }
        }
        return QString();
    };
    QCOMPARE(lineWith(QStringLiteral("state")), QStringLiteral("state running"));
    QCOMPARE(lineWith(QStringLiteral("version")), QStringLiteral("version 0.9.1"));
    QCOMPARE(lineWith(QStringLiteral("pid")), QStringLiteral("pid 4242"));
    QCOMPARE(lineWith(QStringLiteral("uptime")), QStringLiteral("uptime 1 d 02:03:04"));
    QCOMPARE(lineWith(QStringLiteral("config")), QStringLiteral("config /etc/mtga/mtga.yml"));
    QCOMPARE(lineWith(QStringLiteral("partitions")), QStringLiteral("partitions 6"));
    QCOMPARE(lineWith(QStringLiteral("failure queue")), QStringLiteral("failure queue 3"));
    QCOMPARE(lineWith(QStringLiteral("retried on a timer")),
             QStringLiteral("retried on a timer 2"));
    QCOMPARE(lineWith(QStringLiteral("last error")),
             QStringLiteral("last error broker 127.0.0.1:9092 went away"));
    QCOMPARE(lineWith(QStringLiteral("messages")), QStringLiteral("messages 1001"));
    QCOMPARE(lineWith(QStringLiteral("written")), QStringLiteral("written 990"));
    QCOMPARE(lineWith(QStringLiteral("filtered")), QStringLiteral("filtered 7"));
    QCOMPARE(lineWith(QStringLiteral("failed")), QStringLiteral("failed 4"));
    QCOMPARE(lineWith(QStringLiteral("skipped on recovery")),
             QStringLiteral("skipped on recovery 13"));
    QCOMPARE(lineWith(QStringLiteral("checkpoints")), QStringLiteral("checkpoints 17"));
    QCOMPARE(lineWith(QStringLiteral("bytes written")),
             QStringLiteral("bytes written 5.0 MiB (5242880 bytes)"));
    QCOMPARE(lineWith(QStringLiteral("self-check")), QStringLiteral("self-check: 1 of 2 FAILED"));
    QCOMPARE(lineWith(QStringLiteral("librdkafka_snappy")),
             QStringLiteral("ok librdkafka_snappy librdkafka 2.0.2 with snappy"));
    QCOMPARE(lineWith(QStringLiteral("checkpoint_vs_group")),
             QStringLiteral("FAIL checkpoint_vs_group mulog_clean_24[3]: local checkpoint 120, "
                            "group commit 100"));
    QVERIFY2(lineWith(QStringLiteral("checkpoint_vs_group")).startsWith(QLatin1String("FAIL")),
             "the failed check must stand out");
}

void TestStatusCli::statusCliJson() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> { return sampleStatus().toJson(); });
    const CliRun run =
        runStatus({QStringLiteral("--socket"), m_socketPath, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.count(QLatin1Char('\n')), 1);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object(), sampleStatus().toJson());
}

void TestStatusCli::statusCliWorkerError() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("status"), [](const QJsonObject&) -> Result<QJsonObject> {
            return Error::received(u"shutting_down", QStringLiteral("the worker is stopping"));
        });
    const CliRun run = runStatus({QStringLiteral("--socket"), m_socketPath});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(QLatin1String("the worker is stopping [shutting_down]")),
             qPrintable(run.err));
}

void TestStatusCli::statusCliMissingSocket() {
    const QString path = m_dir->filePath(QStringLiteral("nobody.sock"));
    const CliRun run = runStatus({QStringLiteral("--socket"), path});
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(
                 QStringLiteral("no worker is listening on %1 (is mtga running?)").arg(path)),
             qPrintable(run.err));
}

void TestStatusCli::statusCliUsageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("timeout 0") << QStringList{QStringLiteral("--socket"),
                                              QStringLiteral("/nonexistent/x.sock"),
                                              QStringLiteral("--timeout"), QStringLiteral("0")}
                               << QStringLiteral("--timeout");
    QTest::newRow("no config, no socket")
        << QStringList{QStringLiteral("-c"), QStringLiteral("/nonexistent/mtga.yml")}
        << QStringLiteral("--socket PATH");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--frob")} << QStringLiteral("frob");
    QTest::newRow("stray argument")
        << QStringList{QStringLiteral("now")} << QStringLiteral("\"now\"");
}

void TestStatusCli::statusCliUsageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CliRun run = runStatus(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
}

void TestStatusCli::reportMatchesGolden_data() {
    QTest::addColumn<QJsonObject>("status");
    QTest::addColumn<QString>("golden");  // under tests/data/cli/, the report and the --json line

    QTest::newRow("sample: a failed check, a day up")
        << sampleStatus().toJson() << QStringLiteral("status-sample");

    WorkerStatus quiet;
    quiet.state = WorkerStatus::kRunning;
    quiet.version = QStringLiteral("0.1.0");
    quiet.pid = 7;
    quiet.uptimeSeconds = 59;
    quiet.config = QStringLiteral("config/mtga.yml");
    quiet.counts.bytesWritten = 1023;
    quiet.selfCheck = {{QStringLiteral("librdkafka_snappy"), true, QStringLiteral("ok")},
                       {QStringLiteral("store"), true, QStringLiteral("opened")}};
    QTest::newRow("all checks passed, under 1 KiB")
        << quiet.toJson() << QStringLiteral("status-quiet");

    WorkerStatus blocked = quiet;
    blocked.state = WorkerStatus::kBlocked;
    blocked.uptimeSeconds = 3600;
    blocked.counts.bytesWritten = 1024;
    blocked.lastError = QStringLiteral("cannot write out/24/log.2024-05-01_0.test: No space left");
    blocked.selfCheck.clear();
    QTest::newRow("blocked, no self-check") << blocked.toJson() << QStringLiteral("status-blocked");

    // A newer worker: keys this CLI does not know are shown, not dropped.
    QJsonObject newer = quiet.toJson();
    newer.insert(QStringLiteral("lag_health"), QStringLiteral("ok"));
    newer.insert(QStringLiteral("alerts"), QJsonArray{QStringLiteral("disk")});
    QJsonObject counts = newer.value(QLatin1String("counts")).toObject();
    counts.insert(QStringLiteral("replayed"), 12);
    newer.insert(QStringLiteral("counts"), counts);
    QTest::newRow("newer worker") << newer << QStringLiteral("status-newer-worker");
}

void TestStatusCli::reportMatchesGolden() {
    QFETCH(QJsonObject, status);
    QFETCH(QString, golden);
    const auto server = startServer();
    QVERIFY(server);
    QVERIFY(server->registerCommand(
        QStringLiteral("status"),
        [status](const QJsonObject&) -> Result<QJsonObject> { return status; }));

    const CliRun report = runStatus({QStringLiteral("--socket"), m_socketPath});
    QVERIFY2(report.exitCode == 0, qPrintable(report.err));
    QCOMPARE(report.err, QString());
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/%1.txt").arg(golden), report.out);

    const CliRun json =
        runStatus({QStringLiteral("--socket"), m_socketPath, QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/%1.json").arg(golden), json.out);
    // --json is the worker's answer, unknown keys included.
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(), status);
}

void TestStatusCli::errorsMatchGolden_data() {
    QTest::addColumn<QString>("golden");
    QTest::addColumn<int>("exitCode");
    // What the worker answers, or nothing at all (no server).
    QTest::addColumn<bool>("serve");
    QTest::addColumn<QJsonObject>("status");
    QTest::addColumn<QString>("error");

    QTest::newRow("not running") << QStringLiteral("status-not-running") << 3 << false
                                 << QJsonObject() << QString();
    QTest::newRow("worker error") << QStringLiteral("status-worker-error") << 1 << true
                                  << QJsonObject() << QStringLiteral("the worker is stopping");
    QJsonObject broken = sampleStatus().toJson();
    broken.remove(QStringLiteral("failure_queue"));
    QTest::newRow("a key missing")
        << QStringLiteral("status-bad-reply") << 1 << true << broken << QString();
}

void TestStatusCli::errorsMatchGolden() {
    QFETCH(QString, golden);
    QFETCH(int, exitCode);
    QFETCH(bool, serve);
    QFETCH(QJsonObject, status);
    QFETCH(QString, error);
    std::unique_ptr<ControlServer> server;
    if (serve) {
        server = startServer();
        QVERIFY(server);
        QVERIFY(server->registerCommand(QStringLiteral("status"),
                                        [status, error](const QJsonObject&) -> Result<QJsonObject> {
                                            if (!error.isEmpty()) {
                                                return Error::received(u"shutting_down", error);
                                            }
                                            return status;
                                        }));
    }
    const CliRun run = runStatus({QStringLiteral("--socket"), m_socketPath});
    QCOMPARE(run.exitCode, exitCode);
    QCOMPARE(run.out, QString());
    // The binary's path (the build folder) and the temporary folder change from run to run.
    QString err = run.err;
    err.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    err.replace(m_dir->path(), QStringLiteral("<dir>"));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/%1.txt").arg(golden), err);
}

void TestStatusCli::realWorkerMatchesGolden() {
    KafkaProcess kafka(QStringLiteral("golden:2"));
    QVERIFY(kafka.start());
    const Expected expected = produce(kafka.bootstrap(), trafficOf("golden", 300, 20));
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    const QString config =
        writeConfig(dir, staticWorker(kafka.bootstrap(), QStringLiteral("golden"), 2));
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    ProcessRunner worker(runArguments(config, 0));
    QVERIFY(worker.start());
    // Everything consumed and checkpointed (the failure queue counts at checkpoints), and the
    // assignment's checks made: from here on only pid, uptime and the checkpoint count change.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto status = mtga::ControlClient::status(socket, std::chrono::seconds(2));
            return status && status->counts.messages == 300 &&
                   status->counts.written == static_cast<qint64>(expected.pids.size()) &&
                   status->failureQueue == static_cast<qint64>(expected.invalid) &&
                   std::count_if(status->selfCheck.begin(), status->selfCheck.end(),
                                 [](const mtga::SelfCheckRow& row) {
                                     return row.check == QLatin1String("log_position") ||
                                            row.check == QLatin1String("checkpoint_vs_group");
                                 }) == 2;
        }(),
        60'000);
    const CliRun report = runMtga({QStringLiteral("status"), QStringLiteral("-c"), config});
    const CliRun json =
        runMtga({QStringLiteral("status"), QStringLiteral("-c"), config, QStringLiteral("--json")});
    QVERIFY(stopCleanly(worker, 30'000));
    QVERIFY2(report.exitCode == 0, qPrintable(report.err));
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/status-worker.txt"),
                        normalisedReport(report.out, dir.path()));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/status-worker.json"),
                        normalisedJson(json.out, dir.path()));
}

QTEST_GUILESS_MAIN(TestStatusCli)
#include "tst_statuscli.moc"
