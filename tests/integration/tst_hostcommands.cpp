// reload, restart and stop over the control socket of a worker host on the embedded Kafka: what
// each answers, that a bad configuration or bad settings keep what runs, that a restart under
// way refuses another, that every one is in the audit log, and that only admins may run them.

#include "tests/support/hosttest.h"
#include "tests/support/qtestprinters.h"
#include "tests/support/workertest.h"
#include "worker/store/store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

#include <unistd.h>

using namespace mtga;
using test::kHostReplyTimeoutMs;
using test::ReplyClient;

namespace {

constexpr int kPartitions = 2;

QJsonArray appsIn(const ControlResponse& reply) {
    return reply.result.value(QLatin1String("apps")).toArray();
}

// The audit log's records of `command`, oldest first.
std::vector<QJsonObject> audited(Store& store, const std::string& command) {
    std::vector<QJsonObject> found;
    const auto log = store.auditLog(1000);
    if (!log) {
        return found;
    }
    for (const AuditEntry& entry : log.value()) {
        if (entry.kind == "control:" + command) {
            found.push_back(
                QJsonDocument::fromJson(QByteArray::fromStdString(entry.details)).object());
        }
    }
    return found;
}

}  // namespace

class TestHostCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void reloadReportsTheApps();
    void reloadWithBrokenSettingsKeepsThem();
    void restartReadsTheConfigurationAgain();
    void restartWithABadConfigurationKeepsRunning();
    void restartWithoutALoaderIsRefused();
    void stopAnswersThenAsksToStop();
    void onlyAdminsMayRunThem_data();
    void onlyAdminsMayRunThem();

private:
    std::unique_ptr<WorkerHost> start(const std::string& topic);
    QString settingsFile() const {
        return m_dir->filePath(QStringLiteral("settings/metadata.24.json"));
    }

    std::unique_ptr<EmbeddedKafka> m_kafka;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHostCommands::initTestCase() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY2(kafka.ok(), kafka.ok() ? "" : qPrintable(kafka.error().message));
    m_kafka = std::move(kafka).value();
}

void TestHostCommands::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestHostCommands::cleanup() {
    m_dir.reset();
}

std::unique_ptr<WorkerHost> TestHostCommands::start(const std::string& topic) {
    auto host = test::startHost(*m_kafka, *m_dir, topic, kPartitions);
    if (host) {
        host->setConfigLoader([this, topic]() -> Result<PipelineOptions> {
            return test::hostOptions(*m_kafka, *m_dir, topic, kPartitions);
        });
    }
    return host;
}

void TestHostCommands::reloadReportsTheApps() {
    auto host = start("hc_reload");
    QVERIFY(host);
    QSignalSpy reloaded(host.get(), &WorkerHost::settingsReloaded);
    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, QStringLiteral("reload"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    const ControlResponse reply = *client.reply(1);
    QVERIFY2(reply.ok, qPrintable(reply.error.message));
    QCOMPARE(appsIn(reply), QJsonArray{24});
    QCOMPARE(reloaded.count(), 1);
    QCOMPARE(reloaded.at(0).at(0).toBool(), true);

    const auto records = audited(host->pipeline()->store(), "reload");
    QCOMPARE(records.size(), size_t(1));
    QCOMPARE(records.front().value(QLatin1String("after")).toObject().value(QLatin1String("apps")),
             QJsonValue(QJsonArray{24}));
    QCOMPARE(records.front()
                 .value(QLatin1String("peer"))
                 .toObject()
                 .value(QLatin1String("uid"))
                 .toInteger(),
             qint64(::getuid()));
}

void TestHostCommands::reloadWithBrokenSettingsKeepsThem() {
    auto host = start("hc_reload_broken");
    QVERIFY(host);
    QFile settings(settingsFile());
    QVERIFY2(settings.exists(), qPrintable(settingsFile()));
    QVERIFY(settings.open(QIODevice::WriteOnly | QIODevice::Truncate));
    settings.write("{\n  \"account_id\": [1, 2\n");  // cut off on line 2
    settings.close();

    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, QStringLiteral("reload"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    const ControlResponse reply = *client.reply(1);
    QVERIFY(!reply.ok);
    QCOMPARE(reply.error.code, ErrorCode::SettingsInvalid);
    QVERIFY2(reply.error.message.contains(QLatin1String("metadata.24.json")),
             qPrintable(reply.error.message));
    QCOMPARE(host->pipeline()->appIds(), std::vector<int>{24});  // the settings in force stay
    QCOMPARE(host->state(), WorkerHost::State::Running);
    const auto records = audited(host->pipeline()->store(), "reload");
    QCOMPARE(records.size(), size_t(1));
    QCOMPARE(records.front().value(QLatin1String("ok")).toBool(), false);
}

void TestHostCommands::restartReadsTheConfigurationAgain() {
    auto host = start("hc_restart");
    QVERIFY(host);
    // A new pipeline may live at the old one's address: the states tell the restart instead.
    QSignalSpy states(host.get(), &WorkerHost::stateChanged);
    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, QStringLiteral("restart"));
    // Answered when the new pipeline runs; meanwhile a second restart is refused, and reading
    // goes on.
    client.send(2, QStringLiteral("restart"));
    client.send(3, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1) && client.hasReply(2) && client.hasReply(3),
                             kHostReplyTimeoutMs);
    const ControlResponse restarted = *client.reply(1);
    QVERIFY2(restarted.ok, qPrintable(restarted.error.message));
    QCOMPARE(restarted.result.value(QLatin1String("state")).toString(), QStringLiteral("running"));
    QCOMPARE(client.reply(2)->error.code, ErrorCode::Busy);
    QVERIFY(client.reply(3)->ok);
    QCOMPARE(host->state(), WorkerHost::State::Running);
    std::vector<WorkerHost::State> seen;
    for (const QList<QVariant>& change : states) {
        seen.push_back(change.at(0).value<WorkerHost::State>());
    }
    QCOMPARE(seen, (std::vector<WorkerHost::State>{
                       WorkerHost::State::Stopping, WorkerHost::State::Stopped,
                       WorkerHost::State::Starting, WorkerHost::State::Running}));

    const auto records = audited(host->pipeline()->store(), "restart");
    QCOMPARE(records.size(), size_t(2));  // the refused one too
    int okCount = 0;
    for (const QJsonObject& record : records) {
        okCount += record.value(QLatin1String("ok")).toBool() ? 1 : 0;
    }
    QCOMPARE(okCount, 1);
}

void TestHostCommands::restartWithABadConfigurationKeepsRunning() {
    auto host = start("hc_restart_bad");
    QVERIFY(host);
    host->setConfigLoader([]() -> Result<PipelineOptions> {
        return Error::of(ErrorCode::ConfigInvalid,
                         QStringLiteral("mtga.yml:3: kafka.brokers: must not be empty"));
    });
    const Pipeline* running = host->pipeline();
    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, QStringLiteral("restart"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    const ControlResponse reply = *client.reply(1);
    QVERIFY(!reply.ok);
    QCOMPARE(reply.error.code, ErrorCode::ConfigInvalid);
    QVERIFY2(reply.error.message.contains(QLatin1String("mtga.yml:3: kafka.brokers")),
             qPrintable(reply.error.message));
    QCOMPARE(host->pipeline(), running);
    QCOMPARE(host->state(), WorkerHost::State::Running);
}

void TestHostCommands::restartWithoutALoaderIsRefused() {
    auto host = test::startHost(*m_kafka, *m_dir, "hc_restart_noloader", kPartitions);
    QVERIFY(host);
    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, QStringLiteral("restart"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    QCOMPARE(client.reply(1)->error.code, ErrorCode::ConfigMissing);
    QCOMPARE(host->state(), WorkerHost::State::Running);
}

void TestHostCommands::stopAnswersThenAsksToStop() {
    auto host = start("hc_stop");
    QVERIFY(host);
    QSignalSpy stopRequested(host.get(), &WorkerHost::stopRequested);
    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, QStringLiteral("stop"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    const ControlResponse reply = *client.reply(1);
    QVERIFY2(reply.ok, qPrintable(reply.error.message));
    QCOMPARE(reply.result.value(QLatin1String("stopping")).toBool(), true);
    QCOMPARE(reply.result.value(QLatin1String("pid")).toInteger(),
             QCoreApplication::applicationPid());
    QTRY_COMPARE(stopRequested.count(), 1);
    // The owner stops the pipeline (mtga run: after its event loop ends), with a checkpoint.
    QVERIFY(host->stopPipeline());
    QCOMPARE(audited(host->pipeline()->store(), "stop").size(), size_t(1));
}

void TestHostCommands::onlyAdminsMayRunThem_data() {
    QTest::addColumn<QString>("command");
    QTest::newRow("reload") << QStringLiteral("reload");
    QTest::newRow("restart") << QStringLiteral("restart");
    QTest::newRow("stop") << QStringLiteral("stop");
}

void TestHostCommands::onlyAdminsMayRunThem() {
    QFETCH(QString, command);
    const std::string topic = "hc_admin_" + command.toStdString();
    QVERIFY(m_kafka->createTopic({topic, kPartitions}));
    ControlServerOptions control;
    control.socket = test::hostSocket(*m_dir);
    control.adminUids = {::getuid() + 1};  // someone else
    WorkerHost host(control, QStringLiteral("tst_hostcommands"));
    QSignalSpy stopRequested(&host, &WorkerHost::stopRequested);
    QVERIFY(host.createPipeline(test::hostOptions(*m_kafka, *m_dir, topic, kPartitions)));
    QVERIFY(host.startPipeline());
    QVERIFY(host.listen());
    const Pipeline* running = host.pipeline();

    ReplyClient client(QStringLiteral("client"));
    QVERIFY(client.connectTo(test::hostSocket(*m_dir)));
    client.send(1, command);
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    QCOMPARE(client.reply(1)->error.code, ErrorCode::Forbidden);
    QVERIFY(client.reply(1)->error.message.contains(command));
    QVERIFY(!QTest::qWaitFor([&] { return stopRequested.count() > 0; }, 100));
    QCOMPARE(host.pipeline(), running);
    QCOMPARE(host.state(), WorkerHost::State::Running);
    QCOMPARE(audited(host.pipeline()->store(), command.toStdString()).size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestHostCommands)
#include "tst_hostcommands.moc"
