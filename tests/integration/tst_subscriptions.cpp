// subscribe / unsubscribe and the control server's connection limits, on a worker host on the
// embedded Kafka: events come at about the interval and read back as StatsEvent, topics and
// partitions narrow their rows, unsubscribe stops them, a state change pushes one at once, many
// subscribers are served, one that does not read is dropped while the others go on, the
// connection after control.max_connections is refused, and idle connections are closed unless
// subscribed.

#include "shared/values/statsevent.h"
#include "tests/support/controltest.h"
#include "tests/support/hosttest.h"
#include "tests/support/rawclient.h"

#include <QJsonArray>
#include <QtTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <set>

using namespace mtga;
using namespace std::chrono_literals;
using test::kHostReplyTimeoutMs;
using test::ReplyClient;

namespace {

constexpr int kPartitions = 4;

StatsEvent lastEvent(const ReplyClient& client) {
    const auto events = client.events();
    if (events.empty()) {
        return {};
    }
    auto parsed = StatsEvent::fromJson(events.back().body);
    return parsed ? parsed.value() : StatsEvent{};
}

std::set<std::pair<QString, int>> rowsOf(const StatsEvent& event) {
    std::set<std::pair<QString, int>> rows;
    for (const PartitionRow& row : event.offsets) {
        rows.insert({row.topic, row.partition});
    }
    return rows;
}

}  // namespace

class TestSubscriptions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void eventsComeEachInterval();
    void topicsAndPartitionsNarrowTheRows();
    void badArgumentsAreRefused();
    void unsubscribeStopsThem();
    void aStateChangeIsPushedAtOnce();
    void threeSubscribersAtOnce();
    void aSubscriberThatDoesNotReadIsDropped();
    void oneConnectionTooManyIsRefused();
    void idleConnectionsAreClosedUnlessSubscribed();

private:
    std::unique_ptr<WorkerHost> start(
        const std::string& topic, int partitions = kPartitions,
        const std::function<void(ControlServerOptions&)>& control = {}) {
        return test::startHost(*m_kafka, *m_dir, topic, partitions, CommandTable::builtin(),
                               control);
    }
    QString socket() const { return test::hostSocket(*m_dir); }

    std::unique_ptr<EmbeddedKafka> m_kafka;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSubscriptions::initTestCase() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY2(kafka.ok(), kafka.ok() ? "" : qPrintable(kafka.error().message));
    m_kafka = std::move(kafka).value();
}

void TestSubscriptions::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSubscriptions::cleanup() {
    m_dir.reset();
}

void TestSubscriptions::eventsComeEachInterval() {
    auto host = start("sub-interval");
    QVERIFY(host);
    ReplyClient client(QStringLiteral("a"));
    QVERIFY(client.connectTo(socket()));
    client.send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 300}});
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(1), kHostReplyTimeoutMs);
    const ControlResponse reply = *client.reply(1);
    QVERIFY(reply.ok);
    QCOMPARE(reply.result.value(QLatin1String("subscribed")).toBool(), true);
    QCOMPARE(reply.result.value(QLatin1String("interval_ms")).toInteger(), 300);

    QTRY_VERIFY_WITH_TIMEOUT(client.eventCount() >= 3, 10'000);
    for (const ControlResponse& event : client.events()) {
        QCOMPARE(event.event, QStringLiteral("stats"));
        const auto stats = StatsEvent::fromJson(event.body);
        QVERIFY2(stats.ok(), stats.ok() ? "" : qPrintable(stats.error().message));
        QCOMPARE(stats->state, QStringLiteral("running"));
        QCOMPARE(stats->intervalMs, 300);
        QVERIFY(stats->rates.in >= 0);
        QVERIFY(stats->totals.messages >= 0);
    }
    // The first events may come before the partitions are assigned.
    QTRY_COMPARE_WITH_TIMEOUT(lastEvent(client).offsets.size(), size_t(kPartitions), 10'000);
    // The same value survives its own wire format.
    const StatsEvent event = lastEvent(client);
    QCOMPARE(StatsEvent::fromJson(event.toJson()).value(), event);
}

void TestSubscriptions::topicsAndPartitionsNarrowTheRows() {
    auto host = start("sub-narrow");
    QVERIFY(host);
    ReplyClient byTopic(QStringLiteral("topic"));
    ReplyClient byName(QStringLiteral("names"));
    ReplyClient byNumber(QStringLiteral("numbers"));
    ReplyClient other(QStringLiteral("other"));
    for (ReplyClient* client : {&byTopic, &byName, &byNumber, &other}) {
        QVERIFY(client->connectTo(socket()));
    }
    byTopic.send(1, QStringLiteral("subscribe"),
                 {{QStringLiteral("topics"), QJsonArray{QStringLiteral("sub-narrow")}},
                  {QStringLiteral("interval_ms"), 200}});
    byName.send(1, QStringLiteral("subscribe"),
                {{QStringLiteral("partitions"),
                  QJsonArray{QStringLiteral("sub-narrow:1"), QStringLiteral("sub-narrow:3")}},
                 {QStringLiteral("interval_ms"), 200}});
    byNumber.send(1, QStringLiteral("subscribe"),
                  {{QStringLiteral("topics"), QJsonArray{QStringLiteral("sub-narrow")}},
                   {QStringLiteral("partitions"), QJsonArray{0, 2}},
                   {QStringLiteral("interval_ms"), 200}});
    other.send(1, QStringLiteral("subscribe"),
               {{QStringLiteral("topics"), QJsonArray{QStringLiteral("elsewhere")}},
                {QStringLiteral("interval_ms"), 200}});
    for (ReplyClient* client : {&byTopic, &byName, &byNumber, &other}) {
        QTRY_VERIFY_WITH_TIMEOUT(client->eventCount() >= 2, 10'000);
        QVERIFY(client->reply(1)->ok);
    }
    const QString topic = QStringLiteral("sub-narrow");
    QCOMPARE(rowsOf(lastEvent(byTopic)).size(), size_t(kPartitions));
    QCOMPARE(rowsOf(lastEvent(byName)),
             (std::set<std::pair<QString, int>>{{topic, 1}, {topic, 3}}));
    QCOMPARE(rowsOf(lastEvent(byNumber)),
             (std::set<std::pair<QString, int>>{{topic, 0}, {topic, 2}}));
    QVERIFY(lastEvent(other).offsets.empty());
    QCOMPARE(lastEvent(other).state, QStringLiteral("running"));
}

void TestSubscriptions::badArgumentsAreRefused() {
    auto host = start("sub-bad");
    QVERIFY(host);
    ReplyClient client(QStringLiteral("a"));
    QVERIFY(client.connectTo(socket()));
    client.send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 50}});
    client.send(2, QStringLiteral("subscribe"), {{QStringLiteral("partitions"), QJsonArray{1}}});
    client.send(3, QStringLiteral("subscribe"),
                {{QStringLiteral("partitions"), QJsonArray{QStringLiteral("nocolon")}}});
    client.send(4, QStringLiteral("subscribe"), {{QStringLiteral("topics"), QJsonArray{7}}});
    for (qint64 id = 1; id <= 4; ++id) {
        QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(id), kHostReplyTimeoutMs);
        QVERIFY(!client.reply(id)->ok);
        QCOMPARE(client.reply(id)->error.codeName(), QStringLiteral("invalid_argument"));
    }
    QVERIFY(!QTest::qWaitFor([&] { return client.eventCount() > 0; }, 500));
}

void TestSubscriptions::unsubscribeStopsThem() {
    auto host = start("sub-unsub");
    QVERIFY(host);
    ReplyClient client(QStringLiteral("a"));
    QVERIFY(client.connectTo(socket()));
    client.send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 200}});
    QTRY_VERIFY_WITH_TIMEOUT(client.eventCount() >= 2, 10'000);
    client.send(2, QStringLiteral("unsubscribe"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(2), kHostReplyTimeoutMs);
    QVERIFY(client.reply(2)->ok);
    QCOMPARE(client.reply(2)->result.value(QLatin1String("subscribed")).toBool(), false);
    const qsizetype after = client.eventCount();
    // Several intervals: nothing more comes, and the connection still answers.
    QVERIFY(!QTest::qWaitFor([&] { return client.eventCount() > after; }, 1500));
    client.send(3, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(client.hasReply(3), kHostReplyTimeoutMs);
    QVERIFY(client.reply(3)->ok);
}

void TestSubscriptions::aStateChangeIsPushedAtOnce() {
    auto host = start("sub-state");
    QVERIFY(host);
    ReplyClient client(QStringLiteral("a"));
    QVERIFY(client.connectTo(socket()));
    // An hour: every event after the first one is a state change's.
    client.send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 3'600'000}});
    QTRY_VERIFY_WITH_TIMEOUT(client.eventCount() == 1, 10'000);
    QCOMPARE(lastEvent(client).state, QStringLiteral("running"));
    QVERIFY(host->stopPipeline());
    QTRY_COMPARE_WITH_TIMEOUT(lastEvent(client).state, QStringLiteral("stopped"), 10'000);
    QVERIFY(client.eventCount() >= 2);
}

void TestSubscriptions::threeSubscribersAtOnce() {
    auto host = start("sub-three");
    QVERIFY(host);
    ReplyClient a(QStringLiteral("a"));
    ReplyClient b(QStringLiteral("b"));
    ReplyClient c(QStringLiteral("c"));
    for (ReplyClient* client : {&a, &b, &c}) {
        QVERIFY(client->connectTo(socket()));
        client->send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 200}});
    }
    for (ReplyClient* client : {&a, &b, &c}) {
        QTRY_VERIFY_WITH_TIMEOUT(client->eventCount() >= 3, 10'000);
    }
    // One leaving does not stop the others.
    a.abort();
    const qsizetype seen = b.eventCount();
    QTRY_VERIFY_WITH_TIMEOUT(b.eventCount() >= seen + 2 && c.eventCount() >= seen, 10'000);
}

void TestSubscriptions::aSubscriberThatDoesNotReadIsDropped() {
    // Many partitions for big rows, a small interval and a low limit, so the buffer passes it
    // within seconds rather than after megabytes.
    auto host = start("sub-slow", 128, [](ControlServerOptions& control) {
        control.maxPendingEventBytes = 64 * 1024;
    });
    QVERIFY(host);
    ReplyClient reader(QStringLiteral("reader"));
    QVERIFY(reader.connectTo(socket()));
    reader.send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 200}});
    const int stuck = mtga::test::rawSubscriber(socket(), 200);
    QVERIFY(stuck >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(host->control().connectionCount(), 2, 10'000);
    // Dropped: the server closed its end (the count falls back to the reader alone).
    QTRY_COMPARE_WITH_TIMEOUT(host->control().connectionCount(), 1, 60'000);
    ::close(stuck);
    ReplyClient plain(QStringLiteral("plain"));
    QVERIFY(plain.connectTo(socket()));
    plain.send(1, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(plain.hasReply(1), kHostReplyTimeoutMs);
    QVERIFY(plain.reply(1)->ok);
    const qsizetype seen = reader.eventCount();
    QTRY_VERIFY_WITH_TIMEOUT(reader.eventCount() >= seen + 3, 10'000);
    QVERIFY(reader.isConnected());
    QCOMPARE(lastEvent(reader).offsets.size(), size_t(128));
}

void TestSubscriptions::oneConnectionTooManyIsRefused() {
    auto host = start("sub-max", kPartitions,
                      [](ControlServerOptions& control) { control.maxConnections = 3; });
    QVERIFY(host);
    std::vector<std::unique_ptr<ReplyClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<ReplyClient>(QString::number(i)));
        QVERIFY(clients.back()->connectTo(socket()));
        clients.back()->send(1, QStringLiteral("hello"));
        QTRY_VERIFY_WITH_TIMEOUT(clients.back()->hasReply(1), kHostReplyTimeoutMs);
    }
    test::LineClient extra;
    QVERIFY(extra.connectTo(socket()));
    const QJsonObject refused = extra.nextReply();
    QCOMPARE(test::errorCode(refused), QStringLiteral("too_many_connections"));
    QVERIFY(test::errorMessage(refused).contains(QLatin1String("control.max_connections")));
    QTRY_VERIFY_WITH_TIMEOUT(!extra.isConnected(), kHostReplyTimeoutMs);
    for (const auto& client : clients) {
        client->send(2, QStringLiteral("status"));
        QTRY_VERIFY_WITH_TIMEOUT(client->hasReply(2), kHostReplyTimeoutMs);
        QVERIFY(client->reply(2)->ok);
    }
    // A place freed is a place taken.
    clients.front()->abort();
    QTRY_COMPARE_WITH_TIMEOUT(host->control().connectionCount(), 2, kHostReplyTimeoutMs);
    ReplyClient next(QStringLiteral("next"));
    QVERIFY(next.connectTo(socket()));
    next.send(1, QStringLiteral("status"));
    QTRY_VERIFY_WITH_TIMEOUT(next.hasReply(1), kHostReplyTimeoutMs);
    QVERIFY(next.reply(1)->ok);
}

void TestSubscriptions::idleConnectionsAreClosedUnlessSubscribed() {
    auto host = start("sub-idle", kPartitions,
                      [](ControlServerOptions& control) { control.idleTimeout = 1s; });
    QVERIFY(host);
    ReplyClient idle(QStringLiteral("idle"));
    ReplyClient subscribed(QStringLiteral("subscribed"));
    QVERIFY(idle.connectTo(socket()));
    QVERIFY(subscribed.connectTo(socket()));
    idle.send(1, QStringLiteral("hello"));
    subscribed.send(1, QStringLiteral("subscribe"), {{QStringLiteral("interval_ms"), 200}});
    QTRY_VERIFY_WITH_TIMEOUT(idle.hasReply(1) && subscribed.hasReply(1), kHostReplyTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!idle.isConnected(), 10'000);
    // Well past the timeout, the subscriber is still served.
    const qsizetype seen = subscribed.eventCount();
    QTRY_VERIFY_WITH_TIMEOUT(subscribed.eventCount() >= seen + 10, 20'000);
    QVERIFY(subscribed.isConnected());
    QCOMPARE(host->control().connectionCount(), 1);
    // Unsubscribed, it is idle like any other.
    subscribed.send(2, QStringLiteral("unsubscribe"));
    QTRY_VERIFY_WITH_TIMEOUT(subscribed.hasReply(2), kHostReplyTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!subscribed.isConnected(), 10'000);
}

QTEST_GUILESS_MAIN(TestSubscriptions)
#include "tst_subscriptions.moc"
