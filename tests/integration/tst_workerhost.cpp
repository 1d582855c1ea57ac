// The worker host in-process on the embedded Kafka: its pipeline restarted while events stream
// (every event in the files exactly once), the control socket answering before, during and after
// a restart and after one that failed, and the deferred replies of ControlServer: late, from
// another thread, to a client that left, sent twice, or never sent.

#include "shared/controlprotocol.h"
#include "tests/support/hosttest.h"
#include "tests/support/qtestprinters.h"
#include "tests/support/workertest.h"
#include "worker/control/controlreply.h"
#include "worker/demo/trafficproducer.h"
#include "worker/devtools/embeddedkafka.h"
#include "worker/host/workerhost.h"

#include <QLocalSocket>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <csignal>
#include <memory>
#include <optional>
#include <vector>

using namespace std::chrono_literals;
using namespace mtga;

namespace {

constexpr int kPartitions = 4;

QString stateOf(const ControlResponse& reply) {
    return reply.result.value(QLatin1String("state")).toString();
}

// For QVERIFY2, which evaluates its message even when the check passes.
QByteArray describe(const Result<void>& result) {
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

}  // namespace

class TestWorkerHost : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void restartWhileEventsStream();
    void restartThatFailsToStartIsReported();
    void deferredReplyDoesNotBlockOthers();
    void deferredReplyFromAnotherThread();
    void deferredReplyToAClientThatLeft();
    void deferredReplyAtMostOnce();
    void droppedReplyAnswersInternal();

private:
    // A host on topic `topic` (kPartitions partitions, assigned statically), started and
    // listening on its socket in m_dir.
    std::unique_ptr<WorkerHost> startHost(const std::string& topic);
    PipelineOptions optionsFor(const std::string& topic) const;
    QString socketPath() const { return test::hostSocket(*m_dir); }
    QString outputDir() const { return m_dir->filePath(QStringLiteral("out")); }

    std::unique_ptr<EmbeddedKafka> m_kafka;
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_order;
};

void TestWorkerHost::initTestCase() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY2(kafka.ok(), kafka.ok() ? "" : qPrintable(kafka.error().message));
    m_kafka = std::move(kafka).value();
}

void TestWorkerHost::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_order.clear();
}

void TestWorkerHost::cleanup() {
    m_dir.reset();
}

PipelineOptions TestWorkerHost::optionsFor(const std::string& topic) const {
    return test::hostOptions(*m_kafka, *m_dir, topic, kPartitions);
}

std::unique_ptr<WorkerHost> TestWorkerHost::startHost(const std::string& topic) {
    // The deferred stand-ins of this test, next to the builtin commands.
    std::vector<CommandSpec> standIns;
    for (const char* name : {"slow", "threaded", "threaded_forgets", "hold", "twice", "forget",
                             "forget_later", "throws"}) {
        standIns.push_back({QString::fromLatin1(name), CommandAccess::Read, {}});
    }
    return test::startHost(*m_kafka, *m_dir, topic, kPartitions,
                           CommandTable::builtin().with(std::move(standIns)));
}

void TestWorkerHost::restartWhileEventsStream() {
    constexpr uint64_t kEvents = 12'000;
    const std::string topic = "host_restart";
    auto host = startHost(topic);
    QVERIFY(host);
    QCOMPARE(host->state(), WorkerHost::State::Running);
    QSignalSpy states(host.get(), &WorkerHost::stateChanged);

    TrafficOptions traffic;
    traffic.bootstrapServers = m_kafka->bootstrapServers();
    traffic.topic = topic;
    traffic.seed = test::kTrafficSeed;
    traffic.appIds = {24};
    auto producer = TrafficProducer::create(traffic);
    QVERIFY(producer.ok());
    QSignalSpy pumped(producer.value().get(), &TrafficProducer::pumpFinished);
    producer.value()->startPumping(2000, kEvents);

    test::ReplyClient client(QStringLiteral("client"), &m_order);
    QVERIFY(client.connectTo(socketPath()));
    QTRY_VERIFY_WITH_TIMEOUT(test::scanOutput(outputDir()).lines > 500, 30'000);
    client.send(1, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), test::kHostReplyTimeoutMs);
    QCOMPARE(stateOf(*client.reply(1)), QStringLiteral("running"));
    QCOMPARE(client.reply(1)->result.value(QLatin1String("partitions")).toInt(), kPartitions);

    // Two restarts while the producer goes on, each once more events have been written.
    qint64 id = 2;
    for (int restart = 0; restart < 2; ++restart) {
        const uint64_t linesBefore = test::scanOutput(outputDir()).lines;
        QTRY_VERIFY_WITH_TIMEOUT(test::scanOutput(outputDir()).lines > linesBefore + 500, 30'000);
        std::optional<Result<void>> started;
        const Result<void> accepted = host->restartPipeline(
            optionsFor(topic), [&started](const Result<void>& result) { started = result; });
        QVERIFY2(accepted.ok(), describe(accepted).constData());
        QCOMPARE(pumped.count(), 0);  // events are still coming
        QCOMPARE(host->state(), WorkerHost::State::Stopping);
        // A second restart waits for this one.
        QCOMPARE(host->restartPipeline(optionsFor(topic)).error().code, ErrorCode::Busy);
        // Asked while the old pipeline stops: answered by it, or by the new one.
        client.send(id, QStringLiteral("status"));
        QTRY_VERIFY_WITH_TIMEOUT(started.has_value(), 60'000);
        QVERIFY2(started->ok(), describe(*started).constData());
        QCOMPARE(host->state(), WorkerHost::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(id), test::kHostReplyTimeoutMs);
        QVERIFY2(client.reply(id)->ok, qPrintable(client.reply(id)->error.message));
        ++id;
    }
    const QList<WorkerHost::State> restartStates{
        WorkerHost::State::Stopping, WorkerHost::State::Stopped, WorkerHost::State::Starting,
        WorkerHost::State::Running};
    QList<WorkerHost::State> seen;
    for (const QList<QVariant>& change : states) {
        seen.append(change.at(0).value<WorkerHost::State>());
    }
    QCOMPARE(seen, restartStates + restartStates);

    // The new pipeline answers on the same socket, and SIGHUP reloads its settings.
    client.send(id, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(id), test::kHostReplyTimeoutMs);
    QCOMPARE(stateOf(*client.reply(id)), QStringLiteral("running"));
    QSignalSpy reloads(host.get(), &WorkerHost::settingsReloaded);
    host->handleSignal(SIGHUP);
    QCOMPARE(reloads.count(), 1);
    QVERIFY2(reloads.at(0).at(0).toBool(), qPrintable(reloads.at(0).at(1).toString()));

    QTRY_COMPARE_WITH_TIMEOUT(pumped.count(), 1, 60'000);
    QCOMPARE(producer.value()->delivered(), kEvents);
    const test::Expected expected =
        test::expectedFor(test::trafficOf(topic, kEvents), producer.value()->partitionCount());
    QVERIFY(expected.filtered > 0);
    QTRY_VERIFY_WITH_TIMEOUT(test::scanOutput(outputDir()).lines >= expected.pids.size(), 60'000);
    const Result<void> stopped = host->stopPipeline();
    QVERIFY2(stopped.ok(), describe(stopped).constData());
    QCOMPARE(host->state(), WorkerHost::State::Stopped);
    const test::OutputScan scan = test::scanOutput(outputDir());
    QVERIFY(scan.allComplete);
    QVERIFY(test::writtenExactlyOnce(scan, expected.pids));
}

void TestWorkerHost::restartThatFailsToStartIsReported() {
    const std::string topic = "host_failed_start";
    auto host = startHost(topic);
    QVERIFY(host);
    QSignalSpy failures(host.get(), &WorkerHost::startFailed);
    PipelineOptions broken = optionsFor(topic);
    broken.settingsDir = m_dir->filePath(QStringLiteral("no-such-folder"));
    std::optional<Result<void>> started;
    QVERIFY(host->restartPipeline(broken, [&](const Result<void>& result) { started = result; }));
    QTRY_VERIFY_WITH_TIMEOUT(started.has_value(), 60'000);
    QVERIFY(!started->ok());
    QCOMPARE(failures.count(), 1);
    QCOMPARE(failures.at(0).at(1).toString(), started->error().message);
    QCOMPARE(host->state(), WorkerHost::State::Stopped);
    QVERIFY(!host->pipeline());

    // The socket still answers, and says why nothing runs; a reload has nothing to reload.
    test::ReplyClient client(QStringLiteral("client"), &m_order);
    QVERIFY(client.connectTo(socketPath()));
    client.send({{1, QStringLiteral("status")}, {2, QStringLiteral("offsets")}});
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(2), test::kHostReplyTimeoutMs);
    for (const qint64 id : {1, 2}) {
        QCOMPARE(client.reply(id)->error.code, ErrorCode::PipelineStopped);
        QVERIFY2(client.reply(id)->error.message.contains(started->error().message),
                 qPrintable(client.reply(id)->error.message));
    }
    QVERIFY(!host->reloadSettings());

    // Another restart, with options that work, brings it back.
    started.reset();
    QVERIFY(host->restartPipeline(optionsFor(topic),
                                  [&](const Result<void>& result) { started = result; }));
    QTRY_VERIFY_WITH_TIMEOUT(started.has_value(), 60'000);
    QVERIFY2(started->ok(), describe(*started).constData());
    QCOMPARE(host->state(), WorkerHost::State::Running);
    client.send(3, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(3), test::kHostReplyTimeoutMs);
    QCOMPARE(stateOf(*client.reply(3)), QStringLiteral("running"));
}

void TestWorkerHost::deferredReplyDoesNotBlockOthers() {
    auto host = startHost("host_deferred");
    QVERIFY(host);
    bool slowStarted = false;
    host->control().registerDeferredCommand(
        QStringLiteral("slow"), [&slowStarted](const QJsonObject&, ControlReply reply) {
            slowStarted = true;
            QTimer::singleShot(2s, [reply] {
                reply.send(QJsonObject{{QStringLiteral("slow"), true}});
            });
        });
    QSignalSpy replied(&host->control(), &ControlServer::replied);

    test::ReplyClient first(QStringLiteral("first"), &m_order);
    test::ReplyClient second(QStringLiteral("second"), &m_order);
    QVERIFY(first.connectTo(socketPath()));
    QVERIFY(second.connectTo(socketPath()));
    // The slow command, then status on the same connection in the same write; then another
    // client's status once the slow one runs.
    first.send({{1, QStringLiteral("slow")}, {2, QStringLiteral("status")}});
    QTRY_VERIFY_WITH_TIMEOUT(slowStarted, test::kHostReplyTimeoutMs);
    second.send(1, QStringLiteral("status"));
    QTRY_COMPARE_WITH_TIMEOUT(m_order.size(), 3, test::kHostReplyTimeoutMs);
    QCOMPARE(m_order.last(), QStringLiteral("first:1"));  // the slow one last, after both
    QVERIFY(m_order.contains(QStringLiteral("first:2")));
    QVERIFY(m_order.contains(QStringLiteral("second:1")));
    QVERIFY(first.reply(1)->result.value(QLatin1String("slow")).toBool());
    QCOMPARE(stateOf(*first.reply(2)), QStringLiteral("running"));
    QCOMPARE(stateOf(*second.reply(1)), QStringLiteral("running"));
    // The deferred reply is reported like any other, once it is sent.
    QCOMPARE(replied.count(), 3);
    QCOMPARE(replied.last().at(0).toString(), QStringLiteral("slow"));
    QCOMPARE(replied.last().at(1).toString(), QString());
}

void TestWorkerHost::deferredReplyFromAnotherThread() {
    auto host = startHost("host_threaded");
    QVERIFY(host);
    // One answers from a thread; the other's thread ends holding the last handle unanswered.
    for (const bool answer : {true, false}) {
        host->control().registerDeferredCommand(
            answer ? QStringLiteral("threaded") : QStringLiteral("threaded_forgets"),
            [answer](const QJsonObject&, ControlReply reply) {
                QThread* thread = QThread::create([answer, reply = std::move(reply)]() mutable {
                    const ControlReply last = std::move(reply);  // ends in this thread
                    if (answer) {
                        last.send(QJsonObject{{QStringLiteral("thread"), true}});
                    }
                });
                QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
                thread->start();
            });
    }
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("threaded_forgets.*unanswered")));
    test::ReplyClient client(QStringLiteral("client"), &m_order);
    QVERIFY(client.connectTo(socketPath()));
    client.send({{1, QStringLiteral("threaded")}, {2, QStringLiteral("threaded_forgets")}});
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1) && client.hasReply(2), test::kHostReplyTimeoutMs);
    QVERIFY(client.reply(1)->result.value(QLatin1String("thread")).toBool());
    QCOMPARE(client.reply(2)->error.code, ErrorCode::Internal);
}

void TestWorkerHost::deferredReplyToAClientThatLeft() {
    auto host = startHost("host_client_left");
    QVERIFY(host);
    std::optional<ControlReply> held;
    host->control().registerDeferredCommand(
        QStringLiteral("hold"), [&held](const QJsonObject&, ControlReply reply) { held = reply; });
    QSignalSpy dropped(&host->control(), &ControlServer::replyDropped);
    QSignalSpy replied(&host->control(), &ControlServer::replied);
    {
        test::ReplyClient leaving(QStringLiteral("leaving"), &m_order);
        QVERIFY(leaving.connectTo(socketPath()));
        leaving.send(1, QStringLiteral("hold"));
        QTRY_VERIFY_WITH_TIMEOUT(held.has_value(), test::kHostReplyTimeoutMs);
        QVERIFY(held->isClientConnected());
        leaving.abort();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!held->isClientConnected(), test::kHostReplyTimeoutMs);
    QVERIFY(held->send(QJsonObject{{QStringLiteral("late"), true}}));  // taken, goes nowhere
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toString(), QStringLiteral("hold"));
    QCOMPARE(replied.count(), 0);
    held.reset();  // answered already: its end sends nothing more
    QCOMPARE(dropped.count(), 1);

    // The server is none the worse.
    test::ReplyClient next(QStringLiteral("next"), &m_order);
    QVERIFY(next.connectTo(socketPath()));
    next.send(1, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(next.hasReply(1), test::kHostReplyTimeoutMs);
    QCOMPARE(stateOf(*next.reply(1)), QStringLiteral("running"));
    QCOMPARE(m_order, QStringList{QStringLiteral("next:1")});
}

void TestWorkerHost::deferredReplyAtMostOnce() {
    auto host = startHost("host_twice");
    QVERIFY(host);
    std::vector<bool> sent;
    host->control().registerDeferredCommand(
        QStringLiteral("twice"), [&sent](const QJsonObject&, ControlReply reply) {
            const ControlReply copy = reply;  // a copy stands for the same request
            sent.push_back(reply.send(QJsonObject{{QStringLiteral("first"), true}}));
            sent.push_back(copy.send(QJsonObject{{QStringLiteral("second"), true}}));
            QVERIFY(copy.isAnswered());
        });
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("second reply to .*twice.* ignored")));
    test::ReplyClient client(QStringLiteral("client"), &m_order);
    QVERIFY(client.connectTo(socketPath()));
    client.send({{1, QStringLiteral("twice")}, {2, QStringLiteral("status")}});
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(2), test::kHostReplyTimeoutMs);
    QCOMPARE(sent, (std::vector<bool>{true, false}));
    // One reply each, in order (answered inside the handler: nothing overtakes it).
    QCOMPARE(m_order, (QStringList{QStringLiteral("client:1"), QStringLiteral("client:2")}));
    QVERIFY(client.reply(1)->result.value(QLatin1String("first")).toBool());
}

void TestWorkerHost::droppedReplyAnswersInternal() {
    auto host = startHost("host_dropped");
    QVERIFY(host);
    std::optional<ControlReply> held;
    host->control().registerDeferredCommand(QStringLiteral("forget"),
                                            [](const QJsonObject&, ControlReply) {});
    host->control().registerDeferredCommand(
        QStringLiteral("forget_later"),
        [&held](const QJsonObject&, ControlReply reply) { held = reply; });
    host->control().registerDeferredCommand(
        QStringLiteral("throws"),
        [](const QJsonObject&, ControlReply) { throw std::runtime_error("broken handler"); });
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("\"forget\".*unanswered")));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("forget_later.*unanswered")));
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("throws.*threw")));

    test::ReplyClient client(QStringLiteral("client"), &m_order);
    QVERIFY(client.connectTo(socketPath()));
    client.send({{1, QStringLiteral("forget")},
                 {2, QStringLiteral("forget_later")},
                 {3, QStringLiteral("throws")}});
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1) && client.hasReply(3), test::kHostReplyTimeoutMs);
    QVERIFY(held.has_value());
    QVERIFY(!client.hasReply(2));  // still owed
    held.reset();                  // the last handle, unanswered
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(2), test::kHostReplyTimeoutMs);
    for (const qint64 id : {1, 2, 3}) {
        QCOMPARE(client.reply(id)->error.code, ErrorCode::Internal);
    }
    QVERIFY2(client.reply(1)->error.message.contains(QLatin1String("\"forget\"")),
             qPrintable(client.reply(1)->error.message));
    QVERIFY2(client.reply(3)->error.message.contains(QLatin1String("broken handler")),
             qPrintable(client.reply(3)->error.message));
    // Exactly one reply per request.
    client.send(4, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(4), test::kHostReplyTimeoutMs);
    QCOMPARE(client.replyCount(), 4);
}

QTEST_GUILESS_MAIN(TestWorkerHost)
#include "tst_workerhost.moc"
