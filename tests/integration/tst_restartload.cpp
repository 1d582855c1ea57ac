// `mtga restart` under load: a real `mtga run` restarts twice in-process while events stream in
// on four partitions and a client is subscribed to its stats. Every event must be written
// exactly once, and the subscriber must see the restart as a state change and go on getting
// events, on the same connection.

#include "tests/support/controltest.h"
#include "tests/support/resettest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QtTest>

#include <thread>

using namespace mtga;
using namespace mtga::test;

namespace {

// A raw client subscribed to `stats`: the states it was told, in order.
class Subscriber {
public:
    bool subscribe(const QString& path) {
        QObject::connect(&m_socket, &QLocalSocket::readyRead, [this] { read(); });
        QObject::connect(&m_socket, &QLocalSocket::disconnected, [this] { m_disconnected = true; });
        m_socket.connectToServer(path);
        if (!m_socket.waitForConnected(5000)) {
            return false;
        }
        m_socket.write(R"({"id":1,"cmd":"subscribe","args":{"interval_ms":200}})"
                       "\n");
        return QTest::qWaitFor([&] { return m_events > 0; }, 10'000);
    }
    const QStringList& states() const { return m_states; }
    int events() const { return m_events; }
    bool disconnected() const { return m_disconnected; }

private:
    void read() {
        while (m_socket.canReadLine()) {
            const QJsonObject line = QJsonDocument::fromJson(m_socket.readLine()).object();
            if (line.value(QLatin1String("event")).toString() == QLatin1String("stats")) {
                ++m_events;
                const QString state = line.value(QLatin1String("state")).toString();
                if (m_states.isEmpty() || m_states.last() != state) {
                    m_states << state;
                }
            }
        }
    }

    QLocalSocket m_socket;
    QStringList m_states;  // changes only
    int m_events = 0;
    bool m_disconnected = false;
};

}  // namespace

class TestRestartLoad : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void restartUnderLoadLosesNothing();
};

void TestRestartLoad::restartUnderLoadLosesNothing() {
    ResetBench bench(QStringLiteral("load"), 4);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(4000));
    QVERIFY(bench.startWorker(4));
    Subscriber subscriber;
    QVERIFY(subscriber.subscribe(bench.socket()));

    bool produced = false;
    std::thread producer([&] { produced = bench.produce(20'000, 50); });
    for (int restart = 0; restart < 2; ++restart) {
        QTest::qWait(1500);
        const CliRun run = runMtga({QStringLiteral("restart"), QStringLiteral("-c"), bench.config(),
                                    QStringLiteral("--timeout"), QStringLiteral("60")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QCOMPARE(run.out, QStringLiteral("restarted: apps 24\n"));
    }
    producer.join();
    QVERIFY(produced);
    QVERIFY(bench.waitCaughtUp(120'000));
    const int eventsBefore = subscriber.events();
    QTRY_VERIFY_WITH_TIMEOUT(subscriber.events() > eventsBefore + 2, 10'000);
    QTest::qWait(1000);  // a duplicate would show now
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));

    // Both restarts showed as a state change on the same connection, which goes on.
    QVERIFY(!subscriber.disconnected());
    QCOMPARE(subscriber.states().count(QStringLiteral("running")), 3);
    QVERIFY2(subscriber.states().first() == QLatin1String("running") &&
                 subscriber.states().last() == QLatin1String("running"),
             qPrintable(subscriber.states().join(QLatin1Char(','))));
    QVERIFY(stopCleanly(bench.worker(), 30'000));
    QCOMPARE(bench.worker().standardError().count(QLatin1String("mtga is running")), 1);
}

QTEST_MAIN(TestRestartLoad)
#include "tst_restartload.moc"
