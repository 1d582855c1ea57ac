// The read commands of the CLI as the real binary, against ControlServers in this process that
// answer fixed values: `mtga offset_checker` (the table and --json, against golden files in
// tests/data/cli/), `mtga kafka_lag`, and how every command that talks to a worker fails when
// there is none (no socket, a stale one: exit 3) or it never answers (exit 4, within the timeout
// and a second).

#include "shared/values/kafkalag.h"
#include "shared/values/partitionrow.h"
#include "tests/support/controltest.h"
#include "tests/support/goldenfile.h"
#include "worker/control/controlserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLocalServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using mtga::ControlServer;
using mtga::KafkaLag;
using mtga::OffsetsReply;
using mtga::PartitionRow;
using namespace mtga::test;

namespace {

QString withoutDir(QString text, const QString& dir) {
    text.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    text.replace(dir, QStringLiteral("<dir>"));
    return text;
}

}  // namespace

class TestControlCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void offsetCheckerMatchesGolden_data();
    void offsetCheckerMatchesGolden();
    void offsetCheckerUnknownTopic();
    void kafkaLagMatchesGolden();
    void workerErrorIsExit1();

    void noWorker_data();
    void noWorker();
    void silentWorkerTimesOut_data();
    void silentWorkerTimesOut();

private:
    std::unique_ptr<ControlServer> startServer();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
};

void TestControlCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("run/mtga.sock"));
}

void TestControlCli::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestControlCli::startServer() {
    return startTestServer(
        controlConfig(m_socketPath),
        {{QStringLiteral("offsets"), resultHandler(sampleOffsets().toJson())},
         {QStringLiteral("kafka_lag"), resultHandler(KafkaLag::of(sampleOffsets()).toJson())}});
}

void TestControlCli::offsetCheckerMatchesGolden_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("golden");  // under tests/data/cli/

    QTest::newRow("table") << QStringList() << QStringLiteral("offset-checker.txt");
    QTest::newRow("json") << QStringList{QStringLiteral("--json")}
                          << QStringLiteral("offset-checker.json");
    QTest::newRow("one topic") << QStringList{QStringLiteral("--topic"),
                                              QStringLiteral("mulog_clean_25")}
                               << QStringLiteral("offset-checker-topic.txt");
    QTest::newRow("one topic, json")
        << QStringList{QStringLiteral("--json"), QStringLiteral("--topic"),
                       QStringLiteral("mulog_clean_25")}
        << QStringLiteral("offset-checker-topic.json");
}

void TestControlCli::offsetCheckerMatchesGolden() {
    QFETCH(QStringList, options);
    QFETCH(QString, golden);
    const auto server = startServer();
    QVERIFY(server);
    const CliRun run = runMtga(
        QStringList{QStringLiteral("offset_checker"), QStringLiteral("--socket"), m_socketPath} +
        options);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.err, QString());
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/") + golden, run.out);
    if (options.contains(QStringLiteral("--json"))) {
        const auto read =
            OffsetsReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
        QVERIFY(read);
        for (const PartitionRow& row : read->partitions) {
            QVERIFY(std::find(sampleOffsets().partitions.begin(), sampleOffsets().partitions.end(),
                              row) != sampleOffsets().partitions.end());
        }
    }
}

void TestControlCli::offsetCheckerUnknownTopic() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun run = runMtga({QStringLiteral("offset_checker"), QStringLiteral("--socket"),
                                m_socketPath, QStringLiteral("--topic"), QStringLiteral("nope")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.contains(QStringLiteral("reads no partition of topic \"nope\"")),
             qPrintable(run.err));
}

void TestControlCli::kafkaLagMatchesGolden() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun number =
        runMtga({QStringLiteral("kafka_lag"), QStringLiteral("--socket"), m_socketPath});
    QVERIFY2(number.exitCode == 0, qPrintable(number.err));
    QCOMPARE(number.out, QStringLiteral("263\n"));  // 261 + 2; unknown ones are not counted
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/kafka-lag.txt"), number.out);
    const CliRun json = runMtga({QStringLiteral("kafka_lag"), QStringLiteral("--socket"),
                                 m_socketPath, QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/kafka-lag.json"), json.out);
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(),
             KafkaLag::of(sampleOffsets()).toJson());
}

void TestControlCli::workerErrorIsExit1() {
    const auto server = startTestServer(
        controlConfig(m_socketPath),
        {{QStringLiteral("kafka_lag"), [](const QJsonObject&) -> mtga::Result<QJsonObject> {
              return mtga::Error::received(u"pipeline_stopped", QStringLiteral("no pipeline"));
          }}});
    QVERIFY(server);
    const CliRun run =
        runMtga({QStringLiteral("kafka_lag"), QStringLiteral("--socket"), m_socketPath});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.contains(QStringLiteral("no pipeline [pipeline_stopped]")),
             qPrintable(run.err));
}

void TestControlCli::noWorker_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("stale");  // a socket file nobody listens on, else no file at all
    for (const char* command :
         {"status", "offset_checker", "kafka_lag", "control-stdio", "stop", "restart", "reload"}) {
        QTest::addRow("%s, no socket", command) << QString::fromLatin1(command) << false;
        QTest::addRow("%s, stale socket", command) << QString::fromLatin1(command) << true;
    }
}

void TestControlCli::noWorker() {
    QFETCH(QString, command);
    QFETCH(bool, stale);
    if (stale) {
        QVERIFY(makeStaleSocket(m_socketPath));
    }
    const CliRun run = runMtga({command, QStringLiteral("--socket"), m_socketPath});
    QCOMPARE(run.exitCode, 3);
    QCOMPARE(run.out, QString());
    QCOMPARE(withoutDir(run.err, m_dir->path()),
             QStringLiteral("mtga %1: no worker is listening on <dir>/run/mtga.sock (is mtga "
                            "running?) [not_running]\n")
                 .arg(command));
}

void TestControlCli::silentWorkerTimesOut_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("options");  // what it needs to get as far as the socket
    QTest::addColumn<QString>("request");      // the first command it sends
    // Every command of worker/cli/commandline.cpp that calls the worker and waits for a reply;
    // control-stdio relays without waiting for one (tst_controlstdio), start starts a worker.
    const auto row = [](const char* name, const QString& command, const QStringList& options,
                        const QString& request) {
        QTest::newRow(name) << command << options << request;
    };
    row("status", QStringLiteral("status"), {}, QStringLiteral("status"));
    row("offset_checker", QStringLiteral("offset_checker"), {}, QStringLiteral("offsets"));
    row("kafka_lag", QStringLiteral("kafka_lag"), {}, QStringLiteral("kafka_lag"));
    row("failure_queue_count", QStringLiteral("failure_queue_count"), {},
        QStringLiteral("failure_queue_count"));
    // It counts what it would remove before it asks, and that count is what goes unanswered.
    row("clear_failure_queue", QStringLiteral("clear_failure_queue"),
        {QStringLiteral("--all"), QStringLiteral("--yes")}, QStringLiteral("failure_queue_count"));
    row("failures list", QStringLiteral("failures"), {QStringLiteral("list")},
        QStringLiteral("failure_queue_list"));
    row("reset_offsets", QStringLiteral("reset_offsets"),
        {QStringLiteral("--to-earliest"), QStringLiteral("--all-topics")},
        QStringLiteral("reset_offsets"));
    row("reset_offsets --execute", QStringLiteral("reset_offsets"),
        {QStringLiteral("--to-latest"), QStringLiteral("--all-topics"),
         QStringLiteral("--execute")},
        QStringLiteral("reset_offsets"));
    row("undo_reset", QStringLiteral("undo_reset"), {}, QStringLiteral("undo_reset"));
    row("undo_reset --execute", QStringLiteral("undo_reset"), {QStringLiteral("--execute")},
        QStringLiteral("undo_reset"));
    row("reset_journal", QStringLiteral("reset_journal"), {}, QStringLiteral("reset_journal"));
    row("stop", QStringLiteral("stop"), {}, QStringLiteral("stop"));
    row("restart", QStringLiteral("restart"), {}, QStringLiteral("restart"));
    row("reload", QStringLiteral("reload"), {}, QStringLiteral("reload"));
    row("alerts", QStringLiteral("alerts"), {}, QStringLiteral("alerts"));
    row("alerts test", QStringLiteral("alerts"), {QStringLiteral("test")},
        QStringLiteral("alerts_test"));
}

void TestControlCli::silentWorkerTimesOut() {
    QFETCH(QString, command);
    QFETCH(QStringList, options);
    QFETCH(QString, request);
    // A worker that accepts and never answers: wedged, as the original's worst bug left it.
    QDir().mkpath(QFileInfo(m_socketPath).absolutePath());
    QLocalServer silent;
    QVERIFY(silent.listen(m_socketPath));
    int accepted = 0;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (silent.nextPendingConnection()) {
            ++accepted;  // kept open (the server owns it), never read, never written
        }
    });
    QElapsedTimer clock;
    clock.start();
    // runMtga kills the process after 60 s: the generous deadline; a hang fails with exit -1.
    const CliRun run = runMtga(QStringList{command, QStringLiteral("--socket"), m_socketPath,
                                           QStringLiteral("--timeout"), QStringLiteral("1")} +
                               options);
    const qint64 elapsedMs = clock.elapsed();
    QCOMPARE(run.exitCode, 4);
    QCOMPARE(run.out, QString());
    QCOMPARE(withoutDir(run.err, m_dir->path()),
             QStringLiteral("mtga %1: the worker did not answer \"%2\" within 1 s (socket "
                            "<dir>/run/mtga.sock) [timeout]\n")
                 .arg(command, request));
    QVERIFY2(elapsedMs < 2000, qPrintable(QStringLiteral("exited after %1 ms").arg(elapsedMs)));
    QCOMPARE(accepted, 1);
}

QTEST_GUILESS_MAIN(TestControlCli)
#include "tst_controlcli.moc"
