// WorkerConnection, the console's asynchronous client, against a real ControlServer in this
// process and against FakeWorker, a plain QLocalServer that answers only what a test tells it
// to: hello on connect, typed results, per-call deadlines, pushed events, many calls matched by
// id, a worker that goes away and comes back, lines over the size limit.

#include "shared/controlprotocol.h"
#include "shared/workerconnection.h"
#include "tests/support/controltest.h"
#include "tests/support/qtestprinters.h"
#include "worker/control/controlserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <map>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using namespace mtga;
using namespace mtga::test;
using State = mtga::WorkerConnection::State;

namespace {

// A worker that says hello (unless told not to) and keeps every other request for the test to
// answer, or not.
class FakeWorker : public QObject {
public:
    explicit FakeWorker(const QString& path) : m_path(path) {
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket* socket = m_server.nextPendingConnection()) {
                m_clients.push_back(socket);
                connect(socket, &QLocalSocket::readyRead, this, [this, socket] { read(socket); });
            }
        });
    }
    bool listen() {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        QLocalServer::removeServer(m_path);
        return m_server.listen(m_path);
    }
    void stop() {
        dropClients();
        m_server.close();
    }
    void dropClients() {
        for (QLocalSocket* socket : m_clients) {
            socket->abort();
        }
        m_clients.clear();
    }
    void write(const QByteArray& bytes) {
        for (QLocalSocket* socket : m_clients) {
            socket->write(bytes);
            socket->flush();
        }
    }
    void reply(const QJsonObject& request, const QJsonObject& result) {
        write(ControlProtocol::encodeOk(request.value(QLatin1String("id")), result));
    }

    bool answerHello = true;
    std::optional<Error> helloError;    // sent instead of hello's result
    std::vector<QJsonObject> requests;  // everything but hello, in arrival order

private:
    void read(QLocalSocket* socket) {
        while (socket->canReadLine()) {
            const QJsonObject request = QJsonDocument::fromJson(socket->readLine()).object();
            if (request.value(QLatin1String("cmd")).toString() != QLatin1String("hello")) {
                requests.push_back(request);
            } else if (answerHello && helloError) {
                socket->write(
                    ControlProtocol::encodeError(request.value(QLatin1String("id")), *helloError));
            } else if (answerHello) {
                HelloReply hello{kControlProtocolVersion,   QStringLiteral("fake"),
                                 QStringLiteral("0"),       1,
                                 {QStringLiteral("hello")}, true};
                socket->write(
                    ControlProtocol::encodeOk(request.value(QLatin1String("id")), hello.toJson()));
            }
        }
    }

    QString m_path;
    QLocalServer m_server;
    std::vector<QLocalSocket*> m_clients;  // children of m_server
};

std::vector<State> statesOf(const QSignalSpy& spy) {
    std::vector<State> states;
    for (const auto& arguments : spy) {
        states.push_back(arguments.at(0).value<State>());
    }
    return states;
}

Error reasonAt(const QSignalSpy& spy, qsizetype index) {
    return spy.at(index).at(1).value<Error>();
}

WorkerConnection::Options fastOptions() {
    WorkerConnection::Options options;
    options.callTimeout = 5s;
    options.connectTimeout = 2s;
    options.firstRetry = 50ms;
    options.maxRetry = 200ms;
    return options;
}

// A FakeWorker and a WorkerConnection to it.
struct FakeSession {
    explicit FakeSession(const QString& path) : fake(path), connection(path, fastOptions()) {}
    // Listens, opens the connection and waits until hello is answered.
    bool connectBoth() {
        if (!fake.listen()) {
            return false;
        }
        connection.open();
        return QTest::qWaitFor([&] { return connection.state() == State::Connected; }, 10'000);
    }
    FakeWorker fake;
    WorkerConnection connection;
};

}  // namespace

class TestWorkerConnection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void connectsAndSaysHello_data();
    void connectsAndSaysHello();
    void typedResults();
    void errorsKeepTheConnection();
    void callsWaitForHello();
    void unreachableCallsFailAtOnce();
    void callsTimeOutOnTheirOwn();
    void silentWorkerIsUnreachable();
    void refusedHelloIsUnreachable();
    void workerGoesAwayAndComesBack();
    void hangUpFailsPendingCalls();
    void pushedEvents();
    void manyCallsMatchedById();
    void lineOverTheLimit_data();
    void lineOverTheLimit();
    void closeCancels();
    void neverBlocks();

private:
    std::unique_ptr<ControlServer> startServer(std::vector<uint32_t> admins = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
};

void TestWorkerConnection::initTestCase() {
    qRegisterMetaType<mtga::WorkerConnection::State>();
    qRegisterMetaType<mtga::Error>();
    qRegisterMetaType<mtga::WorkerStatus>();
    qRegisterMetaType<mtga::OffsetsReply>();
}

void TestWorkerConnection::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("run/mtga.sock"));
}

void TestWorkerConnection::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestWorkerConnection::startServer(std::vector<uint32_t> admins) {
    OffsetsReply offsets;
    offsets.partitions = {PartitionRow::of(QStringLiteral("mulog_clean_24"), 3, 0, 9, 9, 8)};
    return startTestServer(controlConfig(m_socketPath, std::move(admins)),
                           {{QStringLiteral("echo"), echoHandler()},
                            {QStringLiteral("status"), resultHandler(sampleStatus().toJson())},
                            {QStringLiteral("offsets"), resultHandler(offsets.toJson())}});
}

void TestWorkerConnection::connectsAndSaysHello_data() {
    QTest::addColumn<bool>("admin");
    QTest::newRow("reader") << false;
    QTest::newRow("admin") << true;
}

void TestWorkerConnection::connectsAndSaysHello() {
    QFETCH(bool, admin);
    const auto server = startServer(admin ? std::vector<uint32_t>{static_cast<uint32_t>(::getuid())}
                                          : std::vector<uint32_t>{});
    QVERIFY(server);
    WorkerConnection connection(m_socketPath, fastOptions());
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    QCOMPARE(connection.state(), State::Disconnected);
    connection.open();
    QTRY_COMPARE(connection.state(), State::Connected);
    QCOMPARE(statesOf(states), (std::vector<State>{State::Connecting, State::Connected}));
    QVERIFY(reasonAt(states, 1).message.isEmpty());
    QVERIFY(connection.hello());
    QCOMPARE(connection.hello()->protocol, kControlProtocolVersion);
    QCOMPARE(connection.hello()->server, QStringLiteral("mtga"));
    QCOMPARE(connection.hello()->pid, QCoreApplication::applicationPid());
    QCOMPARE(connection.hello()->commands,
             (QStringList{QStringLiteral("echo"), QStringLiteral("hello"),
                          QStringLiteral("offsets"), QStringLiteral("status")}));
    QCOMPARE(connection.isAdmin(), admin);
    QCOMPARE(connection.pendingCalls(), 0);
}

void TestWorkerConnection::typedResults() {
    const auto server = startServer();
    QVERIFY(server);
    WorkerConnection connection(m_socketPath, fastOptions());
    connection.open();
    QSignalSpy statuses(&connection, &WorkerConnection::statusReceived);
    QSignalSpy offsets(&connection, &WorkerConnection::offsetsReceived);
    QSignalSpy replies(&connection, &WorkerConnection::replied);
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    std::optional<Result<WorkerStatus>> called;
    const qint64 statusId =
        connection.requestStatus([&](const Result<WorkerStatus>& status) { called = status; });
    const qint64 offsetsId = connection.requestOffsets();
    QVERIFY(statusId != offsetsId);
    QTRY_COMPARE(statuses.count(), 1);
    QTRY_COMPARE(offsets.count(), 1);
    QCOMPARE(statuses.at(0).at(0).toLongLong(), statusId);
    QCOMPARE(statuses.at(0).at(1).value<WorkerStatus>(), sampleStatus());
    QVERIFY(called && *called);
    QCOMPARE(called->value(), sampleStatus());
    QCOMPARE(offsets.at(0).at(0).toLongLong(), offsetsId);
    const auto rows = offsets.at(0).at(1).value<OffsetsReply>();
    QCOMPARE(rows.partitions.size(), size_t{1});
    QCOMPARE(rows.partitions[0].partition, 3);
    QCOMPARE(rows.partitions[0].lag, std::optional<qint64>(0));
    // A typed call ends with its typed signal only.
    QCOMPARE(replies.count(), 0);
    QCOMPARE(failures.count(), 0);
    QCOMPARE(connection.pendingCalls(), 0);
}

void TestWorkerConnection::errorsKeepTheConnection() {
    const auto server = startServer();
    QVERIFY(server);
    WorkerConnection connection(m_socketPath, fastOptions());
    connection.open();
    QTRY_COMPARE(connection.state(), State::Connected);
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    QSignalSpy replies(&connection, &WorkerConnection::replied);
    const qint64 unknown = connection.call(QStringLiteral("frob"));
    const qint64 badArgument =
        connection.call(QStringLiteral("echo"), {{QStringLiteral("bogus"), 1}});
    const qint64 good = connection.call(QStringLiteral("echo"), {{QStringLiteral("k"), 5}});
    QTRY_COMPARE(failures.count() + replies.count(), 3);
    QCOMPARE(failures.at(0).at(0).toLongLong(), unknown);
    QCOMPARE(failures.at(0).at(1).value<Error>().code, ErrorCode::UnknownCommand);
    QCOMPARE(failures.at(1).at(0).toLongLong(), badArgument);
    QCOMPARE(failures.at(1).at(1).value<Error>().code, ErrorCode::BadRequest);
    QCOMPARE(replies.at(0).at(0).toLongLong(), good);
    QCOMPARE(replies.at(0).at(1).toJsonObject(), (QJsonObject{{QStringLiteral("k"), 5}}));
    QCOMPARE(connection.state(), State::Connected);
}

void TestWorkerConnection::callsWaitForHello() {
    const auto server = startServer();
    QVERIFY(server);
    WorkerConnection connection(m_socketPath, fastOptions());
    connection.open();
    QCOMPARE(connection.state(), State::Connecting);
    QSignalSpy replies(&connection, &WorkerConnection::replied);
    std::vector<qint64> order;
    for (int k = 0; k < 3; ++k) {
        connection.call(QStringLiteral("echo"), {{QStringLiteral("k"), k}},
                        [&order, k](const Result<QJsonObject>& reply) {
                            QVERIFY(reply);
                            order.push_back(reply->value(QLatin1String("k")).toInteger());
                            QCOMPARE(reply->value(QLatin1String("k")).toInteger(), k);
                        });
    }
    QTRY_COMPARE(replies.count(), 3);
    QCOMPARE(order, (std::vector<qint64>{0, 1, 2}));
}

void TestWorkerConnection::unreachableCallsFailAtOnce() {
    WorkerConnection connection(m_socketPath, fastOptions());
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    connection.open();
    QTRY_COMPARE(connection.state(), State::Unreachable);
    QCOMPARE(connection.lastError().code, ErrorCode::NotRunning);
    QVERIFY2(connection.lastError().message.contains(m_socketPath),
             qPrintable(connection.lastError().message));
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    std::optional<Error> error;
    const qint64 id =
        connection.call(QStringLiteral("status"), {}, [&](const Result<QJsonObject>& reply) {
            QVERIFY(!reply);
            error = reply.error();
        });
    QCOMPARE(failures.count(), 0);  // not before call() returned
    QTRY_COMPARE(failures.count(), 1);
    QCOMPARE(failures.at(0).at(0).toLongLong(), id);
    QVERIFY(error);
    QCOMPARE(error->code, ErrorCode::NotRunning);
    // Never opened: nothing to wait for either.
    WorkerConnection closed(m_socketPath);
    QSignalSpy closedFailures(&closed, &WorkerConnection::callFailed);
    closed.call(QStringLiteral("status"));
    QTRY_COMPARE(closedFailures.count(), 1);
    QCOMPARE(closedFailures.at(0).at(1).value<Error>().code, ErrorCode::ConnectionClosed);
}

void TestWorkerConnection::callsTimeOutOnTheirOwn() {
    FakeSession session(m_socketPath);
    QVERIFY(session.connectBoth());
    FakeWorker& fake = session.fake;
    WorkerConnection& connection = session.connection;
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    QSignalSpy replies(&connection, &WorkerConnection::replied);
    QElapsedTimer clock;
    clock.start();
    std::vector<qint64> endedAt(3, -1);
    const auto timed = [&](int slot) {
        return [&, slot](const Result<QJsonObject>&) { endedAt[slot] = clock.elapsed(); };
    };
    const qint64 quick = connection.call(QStringLiteral("status"), {}, timed(0), 300ms);
    const qint64 slow = connection.call(QStringLiteral("status"), {}, timed(1), 900ms);
    const qint64 answered = connection.call(QStringLiteral("status"), {}, timed(2), 20s);
    QTRY_COMPARE(fake.requests.size(), size_t{3});
    QTRY_COMPARE_WITH_TIMEOUT(failures.count(), 2, 10'000);
    QCOMPARE(failures.at(0).at(0).toLongLong(), quick);
    QCOMPARE(failures.at(1).at(0).toLongLong(), slow);
    const Error error = failures.at(0).at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::Timeout);
    QCOMPARE(error.message,
             QStringLiteral("the worker did not answer \"status\" within 0.3 s (socket %1)")
                 .arg(m_socketPath));
    QVERIFY2(endedAt[0] >= 280 && endedAt[0] < 900, qPrintable(QString::number(endedAt[0])));
    QVERIFY2(endedAt[1] >= 850, qPrintable(QString::number(endedAt[1])));
    // A timeout is the call's, not the connection's: the third call is still answered, and a
    // late answer to the first one is dropped.
    QCOMPARE(connection.state(), State::Connected);
    fake.reply(fake.requests[0], {{QStringLiteral("late"), true}});
    fake.reply(fake.requests[2], {{QStringLiteral("n"), 3}});
    QTRY_COMPARE(replies.count(), 1);
    QCOMPARE(replies.at(0).at(0).toLongLong(), answered);
    QCOMPARE(replies.at(0).at(1).toJsonObject(), (QJsonObject{{QStringLiteral("n"), 3}}));
    QVERIFY(endedAt[2] >= 0);
    QTest::qWait(50);
    QCOMPARE(failures.count(), 2);
    QCOMPARE(replies.count(), 1);
    QCOMPARE(connection.pendingCalls(), 0);
}

void TestWorkerConnection::silentWorkerIsUnreachable() {
    FakeWorker fake(m_socketPath);
    fake.answerHello = false;
    QVERIFY(fake.listen());
    WorkerConnection::Options options = fastOptions();
    options.connectTimeout = 300ms;
    options.firstRetry = 10s;  // one attempt is enough here
    WorkerConnection connection(m_socketPath, options);
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    connection.open();
    connection.call(QStringLiteral("status"));  // waits for a hello that never comes
    QTRY_COMPARE(connection.state(), State::Unreachable);
    QCOMPARE(statesOf(states), (std::vector<State>{State::Connecting, State::Unreachable}));
    const Error reason = reasonAt(states, 1);
    QCOMPARE(reason.code, ErrorCode::Timeout);
    QVERIFY2(reason.message.contains(QLatin1String("\"hello\" within 0.3 s")),
             qPrintable(reason.message));
    QTRY_COMPARE(failures.count(), 1);
    QCOMPARE(failures.at(0).at(1).value<Error>().code, ErrorCode::Timeout);
    QVERIFY(!connection.hello());
}

void TestWorkerConnection::refusedHelloIsUnreachable() {
    FakeWorker fake(m_socketPath);
    fake.helloError = Error::of(ErrorCode::UnsupportedProtocol,
                                QStringLiteral("this worker speaks control protocol 2, not 1"));
    QVERIFY(fake.listen());
    WorkerConnection connection(m_socketPath, fastOptions());
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    connection.open();
    QTRY_COMPARE(connection.state(), State::Unreachable);
    QCOMPARE(reasonAt(states, 1).code, ErrorCode::UnsupportedProtocol);
    QCOMPARE(reasonAt(states, 1).message, fake.helloError->message);
    QVERIFY(!connection.isAdmin());
}

void TestWorkerConnection::workerGoesAwayAndComesBack() {
    auto server = startServer();
    QVERIFY(server);
    WorkerConnection connection(m_socketPath, fastOptions());
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    std::vector<qint64> changedAt;
    QElapsedTimer clock;
    clock.start();
    connect(&connection, &WorkerConnection::stateChanged, this,
            [&](State, const Error&) { changedAt.push_back(clock.elapsed()); });
    connection.open();
    QTRY_COMPARE(connection.state(), State::Connected);

    server.reset();  // the worker stops
    QTRY_COMPARE(connection.state(), State::Unreachable);
    QCOMPARE(reasonAt(states, 2).code, ErrorCode::ConnectionClosed);
    // It keeps trying, each wait twice the last, up to the cap.
    QTRY_VERIFY(states.count() >= 10);
    QCOMPARE(connection.retryDelay(), 200ms);
    server = startServer();  // and comes back on the same socket
    QVERIFY(server);
    QTRY_COMPARE(connection.state(), State::Connected);

    const std::vector<State> seen = statesOf(states);
    QCOMPARE(seen.front(), State::Connecting);
    QCOMPARE(seen.at(1), State::Connected);
    QCOMPARE(seen.back(), State::Connected);
    for (size_t i = 2; i + 1 < seen.size(); ++i) {
        // Unreachable and Connecting by turns: every attempt is reported, with why it failed.
        QCOMPARE(seen[i], i % 2 == 0 ? State::Unreachable : State::Connecting);
        if (seen[i] == State::Unreachable && i > 2) {
            QCOMPARE(reasonAt(states, static_cast<qsizetype>(i)).code, ErrorCode::NotRunning);
        }
    }
    // The waits between a failure and the next attempt: 50, 100, 200, 200... ms (a coarse timer
    // may fire up to 5 % early).
    std::chrono::milliseconds expected = 50ms;
    for (size_t i = 2; i + 1 < seen.size(); i += 2) {
        const qint64 waited = changedAt[i + 1] - changedAt[i];
        QVERIFY2(waited >= expected.count() * 9 / 10,
                 qPrintable(QStringLiteral("attempt %1 came after %2 ms, not %3")
                                .arg(i / 2)
                                .arg(waited)
                                .arg(expected.count())));
        expected = std::min(expected * 2, 200ms);
    }
    // Connected again: the backoff starts over and calls work.
    QCOMPARE(connection.retryDelay(), 50ms);
    QSignalSpy statuses(&connection, &WorkerConnection::statusReceived);
    connection.requestStatus();
    QTRY_COMPARE(statuses.count(), 1);
}

void TestWorkerConnection::hangUpFailsPendingCalls() {
    FakeSession session(m_socketPath);
    QVERIFY(session.connectBoth());
    FakeWorker& fake = session.fake;
    WorkerConnection& connection = session.connection;
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    connection.call(QStringLiteral("status"));
    connection.call(QStringLiteral("offsets"));
    QTRY_COMPARE(fake.requests.size(), size_t{2});
    fake.dropClients();  // a worker that crashes mid-call
    QTRY_COMPARE(failures.count(), 2);
    QVERIFY2(failures.at(0).at(1).value<Error>().message.contains(
                 QLatin1String("without answering \"status\"")),
             qPrintable(failures.at(0).at(1).value<Error>().message));
    QCOMPARE(failures.at(1).at(1).value<Error>().code, ErrorCode::ConnectionClosed);
    QCOMPARE(statesOf(states).front(), State::Unreachable);
    QCOMPARE(reasonAt(states, 0).code, ErrorCode::ConnectionClosed);
    // ... and it is back as soon as the worker answers again.
    QTRY_COMPARE(connection.state(), State::Connected);
}

void TestWorkerConnection::pushedEvents() {
    FakeSession session(m_socketPath);
    QVERIFY(session.connectBoth());
    FakeWorker& fake = session.fake;
    WorkerConnection& connection = session.connection;
    QSignalSpy events(&connection, &WorkerConnection::eventReceived);
    QSignalSpy replies(&connection, &WorkerConnection::replied);
    const qint64 id = connection.call(QStringLiteral("status"));
    QTRY_COMPARE(fake.requests.size(), size_t{1});
    // An event before the reply, in the same write: both arrive, each as what it is.
    fake.write(ControlProtocol::encodeEvent(QStringLiteral("stats"),
                                            {{QStringLiteral("partitions"), QJsonArray{1, 2}}}) +
               ControlProtocol::encodeOk(id, {{QStringLiteral("state"), QStringLiteral("x")}}));
    QTRY_COMPARE(events.count(), 1);
    QTRY_COMPARE(replies.count(), 1);
    QCOMPARE(events.at(0).at(0).toString(), QStringLiteral("stats"));
    QCOMPARE(events.at(0).at(1).toJsonObject(),
             (QJsonObject{{QStringLiteral("event"), QStringLiteral("stats")},
                          {QStringLiteral("partitions"), QJsonArray{1, 2}}}));
    QCOMPARE(replies.at(0).at(0).toLongLong(), id);
    // One split across writes, and one with nothing pending.
    const QByteArray alert = ControlProtocol::encodeEvent(QStringLiteral("alert"), {});
    fake.write(alert.left(5));
    QTest::qWait(30);
    fake.write(alert.mid(5));
    QTRY_COMPARE(events.count(), 2);
    QCOMPARE(events.at(1).at(0).toString(), QStringLiteral("alert"));
}

void TestWorkerConnection::manyCallsMatchedById() {
    FakeSession session(m_socketPath);
    QVERIFY(session.connectBoth());
    FakeWorker& fake = session.fake;
    WorkerConnection& connection = session.connection;
    constexpr int kCalls = 200;
    std::map<qint64, int> sent;  // id -> k
    int matched = 0;
    for (int k = 0; k < kCalls; ++k) {
        const qint64 id = connection.call(QStringLiteral("echo"), {{QStringLiteral("k"), k}},
                                          [&matched, k](const Result<QJsonObject>& reply) {
                                              QVERIFY(reply);
                                              QCOMPARE(reply->value(QLatin1String("k")).toInt(), k);
                                              ++matched;
                                          });
        sent.emplace(id, k);
    }
    QCOMPARE(sent.size(), size_t{kCalls});  // distinct ids
    QCOMPARE(connection.pendingCalls(), kCalls);
    QTRY_COMPARE(fake.requests.size(), size_t{kCalls});
    // Answered in reverse, all in one write.
    QByteArray answers;
    for (auto it = fake.requests.rbegin(); it != fake.requests.rend(); ++it) {
        answers += ControlProtocol::encodeOk(it->value(QLatin1String("id")),
                                             it->value(QLatin1String("args")).toObject());
    }
    fake.write(answers);
    QTRY_COMPARE(matched, kCalls);
    QCOMPARE(connection.pendingCalls(), 0);

    // The same through a real server, pipelined.
    fake.stop();
    QTRY_VERIFY(connection.state() != State::Connected);
    const auto real = startServer();
    QVERIFY(real);
    QTRY_COMPARE(connection.state(), State::Connected);
    matched = 0;
    for (int k = 0; k < kCalls; ++k) {
        connection.call(QStringLiteral("echo"), {{QStringLiteral("k"), k}},
                        [&matched, k](const Result<QJsonObject>& reply) {
                            QVERIFY(reply);
                            QCOMPARE(reply->value(QLatin1String("k")).toInt(), k);
                            ++matched;
                        });
    }
    QTRY_COMPARE(matched, kCalls);
}

void TestWorkerConnection::lineOverTheLimit_data() {
    QTest::addColumn<bool>("newline");
    QTest::newRow("no newline yet") << false;
    QTest::newRow("a whole line") << true;
}

void TestWorkerConnection::lineOverTheLimit() {
    QFETCH(bool, newline);
    FakeSession session(m_socketPath);
    QVERIFY(session.connectBoth());
    FakeWorker& fake = session.fake;
    WorkerConnection& connection = session.connection;
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    connection.call(QStringLiteral("status"));
    QTRY_COMPARE(fake.requests.size(), size_t{1});
    QByteArray line = R"({"id":1,"ok":true,"result":{"pad":")";
    line += QByteArray(kMaxControlLineBytes, 'x');
    line += newline ? QByteArray("\"}}\n") : QByteArray();
    fake.write(line);
    QTRY_COMPARE(failures.count(), 1);
    const Error error = failures.at(0).at(1).value<Error>();
    QCOMPARE(error.code, ErrorCode::BadReply);
    QVERIFY2(error.message.contains(QString::number(kMaxControlLineBytes)),
             qPrintable(error.message));
    QCOMPARE(statesOf(states).front(), State::Unreachable);
    QCOMPARE(reasonAt(states, 0).code, ErrorCode::BadReply);
    QTRY_COMPARE(connection.state(), State::Connected);  // a fresh connection, a fresh start
}

void TestWorkerConnection::closeCancels() {
    FakeSession session(m_socketPath);
    QVERIFY(session.connectBoth());
    FakeWorker& fake = session.fake;
    WorkerConnection& connection = session.connection;
    QSignalSpy failures(&connection, &WorkerConnection::callFailed);
    QSignalSpy states(&connection, &WorkerConnection::stateChanged);
    connection.call(QStringLiteral("status"));
    QTRY_COMPARE(fake.requests.size(), size_t{1});
    connection.close();
    QCOMPARE(connection.state(), State::Disconnected);
    QCOMPARE(failures.count(), 1);
    QCOMPARE(failures.at(0).at(1).value<Error>().code, ErrorCode::ConnectionClosed);
    QVERIFY2(failures.at(0).at(1).value<Error>().message.contains(QLatin1String("cancelled")),
             qPrintable(failures.at(0).at(1).value<Error>().message));
    QTest::qWait(300);  // several retry delays: it does not come back by itself
    QCOMPARE(statesOf(states), std::vector<State>{State::Disconnected});
    connection.open();
    QTRY_COMPARE(connection.state(), State::Connected);
}

void TestWorkerConnection::neverBlocks() {
    // The console's thread must never wait inside the client.
    QFile source(QStringLiteral(MTGA_SOURCE_DIR "/shared/workerconnection.cpp"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QVERIFY(!source.readAll().contains("waitFor"));
}

QTEST_GUILESS_MAIN(TestWorkerConnection)
#include "tst_workerconnection.moc"
