// ControlClient, the CLI's blocking client: every way a call can fail becomes an error an
// operator can act on, within the call's timeout; typed calls read the results as the values of
// shared/values/. The servers are a real ControlServer or plain QLocalServers that misbehave.

#include "shared/controlclient.h"
#include "shared/controlprotocol.h"
#include "tests/support/controltest.h"
#include "tests/support/qtestprinters.h"
#include "worker/control/controlserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

using namespace std::chrono_literals;
using mtga::ControlClient;
using mtga::ControlServer;
using mtga::Error;
using mtga::ErrorCode;
using mtga::Result;
using namespace mtga::test;

namespace {

// A typed call in a thread of its own, as callInThread does for call().
template <typename Call>
auto typedInThread(Call call) {
    std::optional<decltype(call())> result;
    std::unique_ptr<QThread> thread(QThread::create([&] { result.emplace(call()); }));
    thread->start();
    if (!QTest::qWaitFor([&] { return thread->isFinished(); }, 40'000)) {
        qWarning("the typed call outlived its timeout by 30 s");
    }
    thread->wait();
    return std::move(result).value();
}

}  // namespace

class TestControlClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void clientMissingSocketFailsFast();
    void clientStaleSocketSaysNotRunning();
    void clientSilentServerTimesOut();
    void clientPeerHangsUp();
    void clientMalformedReply();
    void clientTalksToServer();
    void typedCallsReadValues();
    void typedCallNamesTheBadKey();

private:
    // A listening server with `echo` (Read: returns its args) of testCommands().
    std::unique_ptr<ControlServer> startServer();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
};

void TestControlClient::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("run/mtga.sock"));
}

void TestControlClient::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestControlClient::startServer() {
    return startTestServer(controlConfig(m_socketPath), {{QStringLiteral("echo"), echoHandler()}});
}

void TestControlClient::clientMissingSocketFailsFast() {
    const QString path = m_dir->filePath(QStringLiteral("nobody.sock"));
    QElapsedTimer clock;
    clock.start();
    const auto result = ControlClient::call(path, QStringLiteral("status"));
    QVERIFY(!result);
    QVERIFY2(clock.elapsed() < 5000, "no file: nothing to wait for");
    QCOMPARE(result.error().code, ErrorCode::NotRunning);
    QCOMPARE(result.error().message,
             QStringLiteral("no worker is listening on %1 (is mtga running?)").arg(path));
}

void TestControlClient::clientStaleSocketSaysNotRunning() {
    QVERIFY(makeStaleSocket(m_socketPath));
    const auto result = ControlClient::call(m_socketPath, QStringLiteral("status"), {}, 2s);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::NotRunning);
    QVERIFY2(result.error().message.contains(m_socketPath), qPrintable(result.error().message));
}

void TestControlClient::clientSilentServerTimesOut() {
    QDir().mkpath(QFileInfo(m_socketPath).absolutePath());
    QLocalServer silent;
    QVERIFY(silent.listen(m_socketPath));
    std::vector<QLocalSocket*> accepted;  // owned by the server; read nothing, answer nothing
    connect(&silent, &QLocalServer::newConnection, &silent, [&] {
        while (QLocalSocket* socket = silent.nextPendingConnection()) {
            accepted.push_back(socket);
        }
    });

    const auto call = callInThread(m_socketPath, QStringLiteral("status"), {}, 500ms);
    QVERIFY(call.result);
    QVERIFY(!*call.result);
    QCOMPARE(accepted.size(), size_t{1});
    QCOMPARE(call.result->error().code, ErrorCode::Timeout);
    QCOMPARE(call.result->error().message,
             QStringLiteral("the worker did not answer \"status\" within 0.5 s (socket %1)")
                 .arg(m_socketPath));
    QVERIFY(call.elapsedMs >= 400);
    QVERIFY2(call.elapsedMs < 500 + 5000, qPrintable(QString::number(call.elapsedMs)));
}

void TestControlClient::clientPeerHangsUp() {
    QDir().mkpath(QFileInfo(m_socketPath).absolutePath());
    QLocalServer rude;
    QVERIFY(rude.listen(m_socketPath));
    connect(&rude, &QLocalServer::newConnection, &rude, [&] {
        while (QLocalSocket* socket = rude.nextPendingConnection()) {
            // Wait for the request, then leave without a word, as a worker that crashes would.
            connect(socket, &QLocalSocket::readyRead, socket, [socket] { socket->abort(); });
        }
    });
    const auto call = callInThread(m_socketPath, QStringLiteral("status"));
    QVERIFY(call.result);
    QVERIFY(!*call.result);
    QCOMPARE(call.result->error().code, ErrorCode::ConnectionClosed);
    QVERIFY2(call.result->error().message.contains(QLatin1String("without answering")),
             qPrintable(call.result->error().message));
    QVERIFY2(call.elapsedMs < 5000, "a hang-up must not wait for the timeout");
}

void TestControlClient::clientMalformedReply() {
    QDir().mkpath(QFileInfo(m_socketPath).absolutePath());
    QLocalServer confused;
    QVERIFY(confused.listen(m_socketPath));
    connect(&confused, &QLocalServer::newConnection, &confused, [&] {
        while (QLocalSocket* socket = confused.nextPendingConnection()) {
            connect(socket, &QLocalSocket::readyRead, socket, [socket] {
                socket->readAll();
                // An event first (must be skipped), then something that is not a reply.
                socket->write(R"({"event":"stats","partitions":[]})"
                              "\n"
                              R"({"id":1,"result":{}})"
                              "\n");
            });
        }
    });
    const auto call = callInThread(m_socketPath, QStringLiteral("status"));
    QVERIFY(call.result);
    QVERIFY(!*call.result);
    QCOMPARE(call.result->error().code, ErrorCode::BadReply);
    QVERIFY2(call.result->error().message.contains(QLatin1String("\"ok\"")),
             qPrintable(call.result->error().message));
}

void TestControlClient::clientTalksToServer() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("offsets"), [](const QJsonObject&) -> Result<QJsonObject> {
            return Error::of(ErrorCode::KafkaError, QStringLiteral("broker 1 is down"));
        });

    const auto hello =
        callInThread(m_socketPath, QStringLiteral("hello"), {{QStringLiteral("protocol"), 1}});
    QVERIFY(hello.result);
    QVERIFY2(*hello.result, describe(*hello.result).constData());
    QCOMPARE(hello.result->value().value(QLatin1String("protocol")).toInteger(), 1);

    const auto echo =
        callInThread(m_socketPath, QStringLiteral("echo"), {{QStringLiteral("k"), 2}});
    QVERIFY(echo.result && *echo.result);
    QCOMPARE(echo.result->value(), (QJsonObject{{QStringLiteral("k"), 2}}));

    const auto failed = callInThread(m_socketPath, QStringLiteral("offsets"));
    QVERIFY(failed.result && !*failed.result);
    QCOMPARE(failed.result->error().code, ErrorCode::KafkaError);
    QCOMPARE(failed.result->error().message, QStringLiteral("broker 1 is down"));

    const auto unknown = callInThread(m_socketPath, QStringLiteral("nope"));
    QVERIFY(unknown.result && !*unknown.result);
    QCOMPARE(unknown.result->error().code, ErrorCode::UnknownCommand);

    // A relative path means the current directory, not Qt's default of /tmp.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    const auto relative = callInThread(QStringLiteral("run/mtga.sock"), QStringLiteral("hello"));
    QDir::setCurrent(previous);
    QVERIFY(relative.result);
    QVERIFY2(*relative.result, describe(*relative.result).constData());
}

void TestControlClient::typedCallsReadValues() {
    const auto server = startServer();
    QVERIFY(server);
    mtga::OffsetsReply offsets;
    offsets.partitions = {
        mtga::PartitionRow::of(QStringLiteral("mulog_clean_24"), 0, 0, 5210, 5100, 5000),
        mtga::PartitionRow::of(QStringLiteral("mulog_clean_24"), 1, -1, -1, -1, -1)};
    QVERIFY(server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> { return sampleStatus().toJson(); }));
    QVERIFY(server->registerCommand(
        QStringLiteral("offsets"),
        [offsets](const QJsonObject&) -> Result<QJsonObject> { return offsets.toJson(); }));

    const auto status = typedInThread([&] { return ControlClient::status(m_socketPath); });
    QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
    QCOMPARE(status.value(), sampleStatus());
    const auto rows = typedInThread([&] { return ControlClient::offsets(m_socketPath); });
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
    QCOMPARE(rows.value(), offsets);
}

void TestControlClient::typedCallNamesTheBadKey() {
    const auto server = startServer();
    QVERIFY(server);
    QVERIFY(server->registerCommand(
        QStringLiteral("status"), [](const QJsonObject&) -> Result<QJsonObject> {
            QJsonObject status = sampleStatus().toJson();
            status.insert(QStringLiteral("uptime_s"), QStringLiteral("long"));
            return status;
        }));
    const auto status = typedInThread([&] { return ControlClient::status(m_socketPath); });
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::BadReply);
    QVERIFY2(status.error().message.contains(QLatin1String("status.uptime_s")),
             qPrintable(status.error().message));
    QVERIFY2(status.error().message.contains(m_socketPath), qPrintable(status.error().message));
}

QTEST_GUILESS_MAIN(TestControlClient)
#include "tst_controlclient.moc"
