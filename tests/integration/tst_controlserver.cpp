// The control socket end to end: ControlServer on a real Unix socket in a temporary directory,
// raw QLocalSocket clients byte by byte, ControlClient, and `mtga status` as the real binary.

#include "shared/controlclient.h"
#include "shared/controlprotocol.h"
#include "shared/version.h"
#include "worker/control/controlserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

using namespace std::chrono_literals;
using mtga::ControlClient;
using mtga::ControlServer;
using mtga::ControlServerOptions;
using mtga::Error;
using mtga::kMaxControlLineBytes;
using mtga::Result;

namespace {

constexpr int kReplyTimeoutMs = 10'000;

ControlServerOptions controlConfig(const QString& socket, std::vector<uint32_t> uids = {},
                                   std::vector<uint32_t> gids = {}) {
    ControlServerOptions config;
    config.socket = socket;
    config.adminUids = std::move(uids);
    config.adminGids = std::move(gids);
    return config;
}

// A client that speaks raw bytes and lets the event loop run while it waits, so that a server in
// this same thread answers.
class LineClient {
public:
    bool connectTo(const QString& path) {
        m_socket.connectToServer(path);
        return QTest::qWaitFor([&] { return m_socket.state() == QLocalSocket::ConnectedState; },
                               kReplyTimeoutMs);
    }
    void send(const QByteArray& bytes) {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // The next line from the server as a JSON object; empty when none came in time.
    QJsonObject nextReply(int timeoutMs = kReplyTimeoutMs) {
        if (!QTest::qWaitFor([&] { return m_socket.canReadLine(); }, timeoutMs)) {
            return {};
        }
        return QJsonDocument::fromJson(m_socket.readLine()).object();
    }
    // True when nothing more arrives within `ms`.
    bool staysQuiet(int ms) {
        QTest::qWait(ms);
        return m_socket.bytesAvailable() == 0;
    }
    bool isConnected() const { return m_socket.state() == QLocalSocket::ConnectedState; }

private:
    QLocalSocket m_socket;
};

QString errorCode(const QJsonObject& reply) {
    return reply.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

QString errorMessage(const QJsonObject& reply) {
    return reply.value(QLatin1String("error"))
        .toObject()
        .value(QLatin1String("message"))
        .toString();
}

// A socket file whose listener is gone, as a worker killed with SIGKILL leaves it.
bool makeStaleSocket(const QString& path) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray encoded = QFile::encodeName(path);
    std::strncpy(address.sun_path, encoded.constData(), sizeof(address.sun_path) - 1);
    const bool bound =
        ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    ::close(fd);
    return bound;
}

// For QVERIFY2, which evaluates its message even when the check passes.
QByteArray describe(const Result<QJsonObject>& result) {
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

bool isSocketFile(const QString& path) {
    struct stat status {};
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 && S_ISSOCK(status.st_mode);
}

// ControlClient blocks, so it runs in its own thread while this one runs the server under test.
struct ThreadedCall {
    std::optional<Result<QJsonObject>> result;
    qint64 elapsedMs = -1;
};

ThreadedCall callInThread(const QString& path, const QString& cmd, const QJsonObject& args = {},
                          std::chrono::milliseconds timeout = 10s) {
    ThreadedCall call;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        QElapsedTimer clock;
        clock.start();
        call.result.emplace(ControlClient::call(path, cmd, args, timeout));
        call.elapsedMs = clock.elapsed();
    }));
    thread->start();
    if (!QTest::qWaitFor([&] { return thread->isFinished(); },
                         static_cast<int>(timeout.count()) + 30'000)) {
        qWarning("the client call outlived its timeout by 30 s");
    }
    thread->wait();  // the client has its own deadline, so this returns
    return call;
}

// The `status` result the worker returns (docs/protocol.md), with distinct numbers so that the
// report can be checked field by field.
QJsonObject sampleStatus() {
    return QJsonObject{
        {QStringLiteral("state"), QStringLiteral("running")},
        {QStringLiteral("version"), QStringLiteral("0.9.1")},
        {QStringLiteral("pid"), 4242},
        {QStringLiteral("uptime_s"), 93784},
        {QStringLiteral("config"), QStringLiteral("/etc/mtga/mtga.yml")},
        {QStringLiteral("counts"), QJsonObject{{QStringLiteral("messages"), 1001},
                                               {QStringLiteral("written"), 990},
                                               {QStringLiteral("filtered"), 7},
                                               {QStringLiteral("failed"), 4},
                                               {QStringLiteral("skipped_on_recovery"), 13},
                                               {QStringLiteral("checkpoints"), 17},
                                               {QStringLiteral("bytes_written"), 5242880}}},
        {QStringLiteral("failure_queue"), 3},
        {QStringLiteral("partitions"), 6},
        {QStringLiteral("last_error"), QStringLiteral("broker 127.0.0.1:9092 went away")},
        {QStringLiteral("self_check"),
         QJsonArray{QJsonObject{
                        {QStringLiteral("check"), QStringLiteral("librdkafka_snappy")},
                        {QStringLiteral("ok"), true},
                        {QStringLiteral("detail"), QStringLiteral("librdkafka 2.0.2 with snappy")}},
                    QJsonObject{{QStringLiteral("check"), QStringLiteral("checkpoint_vs_group")},
                                {QStringLiteral("ok"), false},
                                {QStringLiteral("detail"),
                                 QStringLiteral("mulog_clean_24[3]: local checkpoint 120, "
                                                "group commit 100")}}}}};
}

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs `mtga status ARGS` without blocking this thread, whose event loop serves the socket.
CliRun runStatus(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MTGA_BINARY), QStringList{QStringLiteral("status")} + arguments);
    CliRun run;
    if (!process.waitForStarted(10'000)) {
        return run;
    }
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60'000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QByteArray paddedMeasureRequest(qint64 totalBytes) {
    const QByteArray head = R"({"id":50,"cmd":"measure","args":{"pad":")";
    const QByteArray tail = R"("}})";
    return head + QByteArray(totalBytes - head.size() - tail.size(), 'x') + tail;
}

}  // namespace

class TestControlServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void helloReportsServer();
    void helloNegotiatesVersion_data();
    void helloNegotiatesVersion();
    void readCommandReturnsResult();
    void handlerErrorIsPassedThrough();
    void unknownCommandKeepsConnection();
    void acceptedRequests_data();
    void acceptedRequests();
    void badRequestsKeepConnection_data();
    void badRequestsKeepConnection();
    void lineLengthLimit_data();
    void lineLengthLimit();
    void pipelinedAndSplitRequests();
    void mutatingCommandNeedsAdmin_data();
    void mutatingCommandNeedsAdmin();

    void socketFileIsNotWorldAccessible();
    void staleSocketIsReplaced();
    void nonSocketFileIsLeftAlone();
    void secondServerIsRefused();
    void socketFileRemovedOnDestruction();

    void clientMissingSocketFailsFast();
    void clientStaleSocketSaysNotRunning();
    void clientSilentServerTimesOut();
    void clientPeerHangsUp();
    void clientMalformedReply();
    void clientTalksToServer();

    void statusCliPrintsReport();
    void statusCliJson();
    void statusCliWorkerError();
    void statusCliMissingSocket();
    void statusCliUsageErrors_data();
    void statusCliUsageErrors();

private:
    // A listening server with `echo` (Read: returns its args), `measure` (Read: the pad's length)
    // and `poke` (Mutating), admins as given.
    std::unique_ptr<ControlServer> startServer(std::vector<uint32_t> uids = {},
                                               std::vector<uint32_t> gids = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
};

void TestControlServer::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    // A directory that does not exist yet: listen() must create it.
    m_socketPath = m_dir->filePath(QStringLiteral("run/mtga.sock"));
}

void TestControlServer::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestControlServer::startServer(std::vector<uint32_t> uids,
                                                              std::vector<uint32_t> gids) {
    auto server = std::make_unique<ControlServer>(
        controlConfig(m_socketPath, std::move(uids), std::move(gids)));
    server->registerCommand(
        QStringLiteral("echo"), [](const QJsonObject& args) -> Result<QJsonObject> { return args; },
        ControlServer::Access::Read);
    server->registerCommand(
        QStringLiteral("measure"),
        [](const QJsonObject& args) -> Result<QJsonObject> {
            return QJsonObject{
                {QStringLiteral("pad_bytes"), args.value(QLatin1String("pad")).toString().size()}};
        },
        ControlServer::Access::Read);
    server->registerCommand(
        QStringLiteral("poke"),
        [](const QJsonObject&) -> Result<QJsonObject> {
            return QJsonObject{{QStringLiteral("poked"), true}};
        },
        ControlServer::Access::Mutating);
    const auto listening = server->listen();
    if (!listening) {
        qWarning("listen failed: %s", qPrintable(listening.error().message));
        return nullptr;
    }
    return server;
}

void TestControlServer::helloReportsServer() {
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":7,"cmd":"hello"})"
                "\n");
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("id")).toInteger(), 7);
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(), true);
    const QJsonObject result = reply.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("protocol")).toInteger(), mtga::kControlProtocolVersion);
    QCOMPARE(result.value(QLatin1String("server")).toString(), QStringLiteral("mtga"));
    QCOMPARE(result.value(QLatin1String("version")).toString(), QLatin1String(mtga::kVersion));
    QCOMPARE(result.value(QLatin1String("pid")).toInteger(), QCoreApplication::applicationPid());
    const QStringList commands = result.value(QLatin1String("commands")).toVariant().toStringList();
    QCOMPARE(commands, (QStringList{QStringLiteral("echo"), QStringLiteral("hello"),
                                    QStringLiteral("measure"), QStringLiteral("poke")}));
}

void TestControlServer::helloNegotiatesVersion_data() {
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QString>("code");  // empty: ok

    QTest::newRow("no args") << QByteArray("{}") << QString();
    QTest::newRow("protocol 1") << QByteArray(R"({"protocol":1})") << QString();
    QTest::newRow("protocol null") << QByteArray(R"({"protocol":null})") << QString();
    QTest::newRow("protocol 2") << QByteArray(R"({"protocol":2})")
                                << QStringLiteral("unsupported_protocol");
    QTest::newRow("protocol 0") << QByteArray(R"({"protocol":0})")
                                << QStringLiteral("unsupported_protocol");
    QTest::newRow("protocol as string")
        << QByteArray(R"({"protocol":"1"})") << QStringLiteral("bad_request");
    QTest::newRow("protocol 1.5") << QByteArray(R"({"protocol":1.5})")
                                  << QStringLiteral("bad_request");
}

void TestControlServer::helloNegotiatesVersion() {
    QFETCH(QByteArray, args);
    QFETCH(QString, code);
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":1,"cmd":"hello","args":)" + args + "}\n");
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("id")).toInteger(), 1);
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(), code.isEmpty());
    QCOMPARE(errorCode(reply), code);
    if (code == QLatin1String("unsupported_protocol")) {
        // The client learns which version to use.
        QVERIFY2(errorMessage(reply).contains(QLatin1String("protocol 1")),
                 qPrintable(errorMessage(reply)));
    }
}

void TestControlServer::readCommandReturnsResult() {
    const auto server = startServer();
    QVERIFY(server);
    QSignalSpy replied(server.get(), &ControlServer::replied);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":3,"cmd":"echo","args":{"topic":"mulog_clean_24","n":[1,2]}})"
                "\n");
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("id")).toInteger(), 3);
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(reply.value(QLatin1String("result")).toObject(),
             (QJsonObject{{QStringLiteral("topic"), QStringLiteral("mulog_clean_24")},
                          {QStringLiteral("n"), QJsonArray{1, 2}}}));
    QCOMPARE(replied.count(), 1);
    QCOMPARE(replied.at(0).at(0).toString(), QStringLiteral("echo"));
    QCOMPARE(replied.at(0).at(1).toString(), QString());
}

void TestControlServer::handlerErrorIsPassedThrough() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("offsets"),
        [](const QJsonObject&) -> Result<QJsonObject> {
            return Error{QStringLiteral("kafka_error"), QStringLiteral("broker 1 is down")};
        },
        ControlServer::Access::Read);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":11,"cmd":"offsets"})"
                "\n");
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("id")).toInteger(), 11);
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(), false);
    QCOMPARE(errorCode(reply), QStringLiteral("kafka_error"));
    QCOMPARE(errorMessage(reply), QStringLiteral("broker 1 is down"));
}

void TestControlServer::unknownCommandKeepsConnection() {
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":4,"cmd":"frobnicate"})"
                "\n");
    const QJsonObject refused = client.nextReply();
    QCOMPARE(refused.value(QLatin1String("id")).toInteger(), 4);
    QCOMPARE(refused.value(QLatin1String("ok")).toBool(), false);
    QCOMPARE(errorCode(refused), QStringLiteral("unknown_command"));
    QVERIFY2(errorMessage(refused).contains(QLatin1String("frobnicate")),
             qPrintable(errorMessage(refused)));

    client.send(R"({"id":5,"cmd":"echo","args":{"a":1}})"
                "\n");
    const QJsonObject answered = client.nextReply();
    QCOMPARE(answered.value(QLatin1String("id")).toInteger(), 5);
    QCOMPARE(answered.value(QLatin1String("ok")).toBool(), true);
    QVERIFY(client.isConnected());
}

void TestControlServer::acceptedRequests_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QJsonObject>("result");

    const QJsonObject empty;
    QTest::newRow("no id echoes null") << QByteArray(R"({"cmd":"echo"})"
                                                     "\n")
                                       << QJsonValue() << empty;
    QTest::newRow("null id") << QByteArray(R"({"id":null,"cmd":"echo"})"
                                           "\n")
                             << QJsonValue() << empty;
    QTest::newRow("args null") << QByteArray(R"({"id":2,"cmd":"echo","args":null})"
                                             "\n")
                               << QJsonValue(2) << empty;
    QTest::newRow("CRLF") << QByteArray(R"({"id":3,"cmd":"echo","args":{"x":"y"}})"
                                        "\r\n")
                          << QJsonValue(3)
                          << QJsonObject{{QStringLiteral("x"), QStringLiteral("y")}};
    QTest::newRow("unknown keys ignored") << QByteArray(R"({"id":4,"cmd":"echo","future":true})"
                                                        "\n")
                                          << QJsonValue(4) << empty;
    QTest::newRow("negative id") << QByteArray(R"({"id":-9,"cmd":"echo"})"
                                               "\n")
                                 << QJsonValue(-9) << empty;
    QTest::newRow("largest safe id") << QByteArray(R"({"id":9007199254740991,"cmd":"echo"})"
                                                   "\n")
                                     << QJsonValue(qint64{9007199254740991}) << empty;
    QTest::newRow("UTF-8 args") << QByteArray(R"({"id":6,"cmd":"echo","args":{"名":"值"}})"
                                              "\n")
                                << QJsonValue(6)
                                << QJsonObject{{QString::fromUtf8("名"), QString::fromUtf8("值")}};
    QTest::newRow("blank line first") << QByteArray(
                                             "\n"
                                             R"({"id":7,"cmd":"echo"})"
                                             "\n")
                                      << QJsonValue(7) << empty;
}

void TestControlServer::acceptedRequests() {
    QFETCH(QByteArray, line);
    QFETCH(QJsonValue, id);
    QFETCH(QJsonObject, result);
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(line);
    const QJsonObject reply = client.nextReply();
    QVERIFY2(reply.value(QLatin1String("ok")).toBool(),
             QJsonDocument(reply).toJson(QJsonDocument::Compact).constData());
    QVERIFY(reply.contains(QLatin1String("id")));
    QCOMPARE(reply.value(QLatin1String("id")), id);
    QCOMPARE(reply.value(QLatin1String("result")).toObject(), result);
    QVERIFY(client.staysQuiet(50));  // one reply per request, none for the blank line
}

void TestControlServer::badRequestsKeepConnection_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("not JSON") << QByteArray("{nope") << QStringLiteral("bad_json") << QJsonValue()
                              << QStringLiteral("JSON");
    QTest::newRow("trailing garbage")
        << QByteArray(R"({"id":1,"cmd":"echo"} x)") << QStringLiteral("bad_json") << QJsonValue()
        << QStringLiteral("JSON");
    QTest::newRow("invalid UTF-8")
        << QByteArray("{\"cmd\":\"ec\xff\xfeho\"}") << QStringLiteral("bad_json") << QJsonValue()
        << QStringLiteral("JSON");
    QTest::newRow("number (valid JSON)") << QByteArray("42") << QStringLiteral("bad_request")
                                         << QJsonValue() << QStringLiteral("object");
    QTest::newRow("two values") << QByteArray("1,2") << QStringLiteral("bad_json") << QJsonValue()
                                << QStringLiteral("JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("bad_request") << QJsonValue()
                           << QStringLiteral("object");
    QTest::newRow("string (valid JSON)")
        << QByteArray(R"("hello")") << QStringLiteral("bad_request") << QJsonValue()
        << QStringLiteral("object");
    QTest::newRow("missing cmd") << QByteArray(R"({"id":4})") << QStringLiteral("bad_request")
                                 << QJsonValue(4) << QStringLiteral("\"cmd\" is missing");
    QTest::newRow("empty cmd") << QByteArray(R"({"id":5,"cmd":""})")
                               << QStringLiteral("bad_request") << QJsonValue(5)
                               << QStringLiteral("\"cmd\"");
    QTest::newRow("cmd is a number")
        << QByteArray(R"({"id":6,"cmd":3})") << QStringLiteral("bad_request") << QJsonValue(6)
        << QStringLiteral("number");
    QTest::newRow("id is a string")
        << QByteArray(R"({"id":"x","cmd":"echo"})") << QStringLiteral("bad_request") << QJsonValue()
        << QStringLiteral("\"id\"");
    QTest::newRow("id is fractional")
        << QByteArray(R"({"id":1.5,"cmd":"echo"})") << QStringLiteral("bad_request") << QJsonValue()
        << QStringLiteral("\"id\"");
    QTest::newRow("id beyond 2^53")
        << QByteArray(R"({"id":1e300,"cmd":"echo"})") << QStringLiteral("bad_request")
        << QJsonValue() << QStringLiteral("\"id\"");
    QTest::newRow("args is an array")
        << QByteArray(R"({"id":8,"cmd":"echo","args":[]})") << QStringLiteral("bad_request")
        << QJsonValue(8) << QStringLiteral("\"args\" must be an object, not array");
    QTest::newRow("args is a string")
        << QByteArray(R"({"id":9,"cmd":"echo","args":"x"})") << QStringLiteral("bad_request")
        << QJsonValue(9) << QStringLiteral("\"args\"");
}

void TestControlServer::badRequestsKeepConnection() {
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    QFETCH(QJsonValue, id);
    QFETCH(QString, mentions);
    const auto server = startServer();
    QVERIFY(server);
    QSignalSpy replied(server.get(), &ControlServer::replied);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(line + '\n');
    const QJsonObject refused = client.nextReply();
    QCOMPARE(refused.value(QLatin1String("ok")).toBool(), false);
    QVERIFY(refused.contains(QLatin1String("id")));
    QCOMPARE(refused.value(QLatin1String("id")), id);
    QCOMPARE(errorCode(refused), code);
    QVERIFY2(errorMessage(refused).contains(mentions), qPrintable(errorMessage(refused)));
    QCOMPARE(replied.count(), 1);
    QCOMPARE(replied.at(0).at(1).toString(), code);

    client.send(R"({"id":77,"cmd":"echo"})"
                "\n");
    const QJsonObject answered = client.nextReply();
    QCOMPARE(answered.value(QLatin1String("id")).toInteger(), 77);
    QCOMPARE(answered.value(QLatin1String("ok")).toBool(), true);
}

void TestControlServer::lineLengthLimit_data() {
    QTest::addColumn<QByteArray>("first");   // written, then the first reply awaited
    QTest::addColumn<QByteArray>("second");  // written after the first reply
    QTest::addColumn<QString>("firstCode");  // empty: ok
    QTest::addColumn<int>("tooLong");        // line_too_long replies in all

    const QByteArray good = R"({"id":99,"cmd":"echo"})"
                            "\n";
    // The reply comes before the newline: a client waiting for an answer is not left hanging.
    QTest::newRow("over the limit, no newline yet")
        << QByteArray(kMaxControlLineBytes + 10, 'x') << QByteArray("tail of it\n" + good)
        << QStringLiteral("line_too_long") << 1;
    QTest::newRow("over the limit by one, in one write")
        << QByteArray(paddedMeasureRequest(kMaxControlLineBytes + 1) + '\n' + good) << QByteArray()
        << QStringLiteral("line_too_long") << 1;
    QTest::newRow("exactly the limit")
        << QByteArray(paddedMeasureRequest(kMaxControlLineBytes) + '\n' + good) << QByteArray()
        << QString() << 0;
}

void TestControlServer::lineLengthLimit() {
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, firstCode);
    QFETCH(int, tooLong);
    const auto server = startServer();
    QVERIFY(server);
    QSignalSpy replied(server.get(), &ControlServer::replied);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));

    client.send(first);
    const QJsonObject firstReply = client.nextReply();
    QVERIFY(!firstReply.isEmpty());
    QCOMPARE(errorCode(firstReply), firstCode);
    if (firstCode.isEmpty()) {
        QCOMPARE(firstReply.value(QLatin1String("result"))
                     .toObject()
                     .value(QLatin1String("pad_bytes"))
                     .toInteger(),
                 kMaxControlLineBytes - paddedMeasureRequest(0).size());
    } else {
        QVERIFY2(errorMessage(firstReply).contains(QString::number(kMaxControlLineBytes)),
                 qPrintable(errorMessage(firstReply)));
    }

    client.send(second);
    const QJsonObject answered = client.nextReply();
    QCOMPARE(answered.value(QLatin1String("id")).toInteger(), 99);
    QCOMPARE(answered.value(QLatin1String("ok")).toBool(), true);
    QVERIFY(client.staysQuiet(50));
    int tooLongReplies = 0;
    for (const auto& arguments : replied) {
        tooLongReplies += arguments.at(1).toString() == QLatin1String("line_too_long") ? 1 : 0;
    }
    QCOMPARE(tooLongReplies, tooLong);
}

void TestControlServer::pipelinedAndSplitRequests() {
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));

    client.send(R"({"id":1,"cmd":"echo","args":{"n":1}})"
                "\n"
                R"({"id":2,"cmd":"hello"})"
                "\n"
                R"({"id":3,"cmd":"echo","args":{"n":3}})"
                "\n");
    for (int id = 1; id <= 3; ++id) {
        const QJsonObject reply = client.nextReply();
        QCOMPARE(reply.value(QLatin1String("id")).toInteger(), id);
        QCOMPARE(reply.value(QLatin1String("ok")).toBool(), true);
    }

    const QByteArray request = R"({"id":4,"cmd":"echo","args":{"split":"across writes"}})"
                               "\n";
    client.send(request.left(5));
    QVERIFY(client.staysQuiet(50));
    client.send(request.mid(5, 20));
    QVERIFY(client.staysQuiet(50));
    client.send(request.mid(25));
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("id")).toInteger(), 4);
    QCOMPARE(reply.value(QLatin1String("result")).toObject(),
             (QJsonObject{{QStringLiteral("split"), QStringLiteral("across writes")}}));
}

void TestControlServer::mutatingCommandNeedsAdmin_data() {
    QTest::addColumn<std::vector<uint32_t>>("uids");
    QTest::addColumn<std::vector<uint32_t>>("gids");
    QTest::addColumn<bool>("allowed");

    const uint32_t uid = ::getuid();
    const uint32_t gid = ::getgid();
    QTest::newRow("uid is an admin")
        << std::vector<uint32_t>{uid} << std::vector<uint32_t>{} << true;
    QTest::newRow("gid is an admin")
        << std::vector<uint32_t>{uid + 1} << std::vector<uint32_t>{gid} << true;
    QTest::newRow("neither") << std::vector<uint32_t>{uid + 1} << std::vector<uint32_t>{gid + 1}
                             << false;
    QTest::newRow("no admins at all")
        << std::vector<uint32_t>{} << std::vector<uint32_t>{} << false;
}

void TestControlServer::mutatingCommandNeedsAdmin() {
    QFETCH(std::vector<uint32_t>, uids);
    QFETCH(std::vector<uint32_t>, gids);
    QFETCH(bool, allowed);
    const auto server = startServer(uids, gids);
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));

    client.send(R"({"id":1,"cmd":"poke"})"
                "\n");
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(), allowed);
    if (allowed) {
        QCOMPARE(reply.value(QLatin1String("result")).toObject(),
                 (QJsonObject{{QStringLiteral("poked"), true}}));
    } else {
        QCOMPARE(errorCode(reply), QStringLiteral("forbidden"));
        const QString message = errorMessage(reply);
        QVERIFY2(message.contains(QStringLiteral("uid %1").arg(::getuid())), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("poke")), qPrintable(message));
    }

    // Reading stays open to everyone, and hello tells a console whether to offer admin actions.
    client.send(R"({"id":2,"cmd":"hello"})"
                "\n");
    const QJsonObject hello = client.nextReply();
    QCOMPARE(hello.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(hello.value(QLatin1String("result")).toObject().value(QLatin1String("admin")).toBool(),
             allowed);
}

void TestControlServer::socketFileIsNotWorldAccessible() {
    const auto server = startServer();
    QVERIFY(server);
    struct stat status {};
    QCOMPARE(::lstat(QFile::encodeName(m_socketPath).constData(), &status), 0);
    QVERIFY(S_ISSOCK(status.st_mode));
    QCOMPARE(status.st_mode & S_IRWXO, 0u);
    QCOMPARE(status.st_mode & (S_IRUSR | S_IWUSR), static_cast<mode_t>(S_IRUSR | S_IWUSR));
}

void TestControlServer::staleSocketIsReplaced() {
    QVERIFY(makeStaleSocket(m_socketPath));
    QVERIFY(isSocketFile(m_socketPath));
    {
        // Nobody listens on it: a client must see exactly that.
        LineClient client;
        QVERIFY(!client.connectTo(m_socketPath));
    }
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":1,"cmd":"hello"})"
                "\n");
    QCOMPARE(client.nextReply().value(QLatin1String("ok")).toBool(), true);
}

void TestControlServer::nonSocketFileIsLeftAlone() {
    QDir().mkpath(QFileInfo(m_socketPath).absolutePath());
    QFile file(m_socketPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("precious");
    file.close();

    ControlServer server(controlConfig(m_socketPath));
    const auto listening = server.listen();
    QVERIFY(!listening);
    QCOMPARE(listening.error().code, QStringLiteral("control_in_use"));
    QVERIFY2(listening.error().message.contains(m_socketPath),
             qPrintable(listening.error().message));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("precious"));
}

void TestControlServer::secondServerIsRefused() {
    const auto first = startServer();
    QVERIFY(first);
    {
        ControlServer second(controlConfig(m_socketPath));
        const auto listening = second.listen();
        QVERIFY(!listening);
        QCOMPARE(listening.error().code, QStringLiteral("control_in_use"));
        QCOMPARE(listening.error().message,
                 QStringLiteral("another mtga is already listening on %1").arg(m_socketPath));
        QVERIFY(!second.isListening());
    }
    // The refused server, gone now, must not have taken the first one's socket with it.
    QVERIFY(isSocketFile(m_socketPath));
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":1,"cmd":"hello"})"
                "\n");
    QCOMPARE(client.nextReply().value(QLatin1String("ok")).toBool(), true);
}

void TestControlServer::socketFileRemovedOnDestruction() {
    auto server = startServer();
    QVERIFY(server);
    QVERIFY(isSocketFile(m_socketPath));
    LineClient client;  // a connected client must not keep it alive
    QVERIFY(client.connectTo(m_socketPath));
    server.reset();
    QVERIFY(!QFileInfo::exists(m_socketPath));
}

void TestControlServer::clientMissingSocketFailsFast() {
    const QString path = m_dir->filePath(QStringLiteral("nobody.sock"));
    QElapsedTimer clock;
    clock.start();
    const auto result = ControlClient::call(path, QStringLiteral("status"));
    QVERIFY(!result);
    QVERIFY2(clock.elapsed() < 5000, "no file: nothing to wait for");
    QCOMPARE(result.error().code, QStringLiteral("not_running"));
    QCOMPARE(result.error().message,
             QStringLiteral("no worker is listening on %1 (is mtga running?)").arg(path));
}

void TestControlServer::clientStaleSocketSaysNotRunning() {
    QVERIFY(makeStaleSocket(m_socketPath));
    const auto result = ControlClient::call(m_socketPath, QStringLiteral("status"), {}, 2s);
    QVERIFY(!result);
    QCOMPARE(result.error().code, QStringLiteral("not_running"));
    QVERIFY2(result.error().message.contains(m_socketPath), qPrintable(result.error().message));
}

void TestControlServer::clientSilentServerTimesOut() {
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
    QCOMPARE(call.result->error().code, QStringLiteral("timeout"));
    QCOMPARE(call.result->error().message,
             QStringLiteral("the worker did not answer \"status\" within 0.5 s (socket %1)")
                 .arg(m_socketPath));
    QVERIFY(call.elapsedMs >= 400);
    QVERIFY2(call.elapsedMs < 500 + 5000, qPrintable(QString::number(call.elapsedMs)));
}

void TestControlServer::clientPeerHangsUp() {
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
    QCOMPARE(call.result->error().code, QStringLiteral("connection_closed"));
    QVERIFY2(call.result->error().message.contains(QLatin1String("without answering")),
             qPrintable(call.result->error().message));
    QVERIFY2(call.elapsedMs < 5000, "a hang-up must not wait for the timeout");
}

void TestControlServer::clientMalformedReply() {
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
    QCOMPARE(call.result->error().code, QStringLiteral("bad_reply"));
    QVERIFY2(call.result->error().message.contains(QLatin1String("\"ok\"")),
             qPrintable(call.result->error().message));
}

void TestControlServer::clientTalksToServer() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("offsets"),
        [](const QJsonObject&) -> Result<QJsonObject> {
            return Error{QStringLiteral("kafka_error"), QStringLiteral("broker 1 is down")};
        },
        ControlServer::Access::Read);

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
    QCOMPARE(failed.result->error().code, QStringLiteral("kafka_error"));
    QCOMPARE(failed.result->error().message, QStringLiteral("broker 1 is down"));

    const auto unknown = callInThread(m_socketPath, QStringLiteral("nope"));
    QVERIFY(unknown.result && !*unknown.result);
    QCOMPARE(unknown.result->error().code, QStringLiteral("unknown_command"));

    // A relative path means the current directory, not Qt's default of /tmp.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    const auto relative = callInThread(QStringLiteral("run/mtga.sock"), QStringLiteral("hello"));
    QDir::setCurrent(previous);
    QVERIFY(relative.result);
    QVERIFY2(*relative.result, describe(*relative.result).constData());
}

void TestControlServer::statusCliPrintsReport() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> { return sampleStatus(); },
        ControlServer::Access::Read);

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

void TestControlServer::statusCliJson() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> { return sampleStatus(); },
        ControlServer::Access::Read);
    const CliRun run =
        runStatus({QStringLiteral("--socket"), m_socketPath, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(run.out.count(QLatin1Char('\n')), 1);
    QCOMPARE(QJsonDocument::fromJson(run.out.toUtf8()).object(), sampleStatus());
}

void TestControlServer::statusCliWorkerError() {
    const auto server = startServer();
    QVERIFY(server);
    server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> {
            return Error{QStringLiteral("shutting_down"), QStringLiteral("the worker is stopping")};
        },
        ControlServer::Access::Read);
    const CliRun run = runStatus({QStringLiteral("--socket"), m_socketPath});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(QLatin1String("the worker is stopping [shutting_down]")),
             qPrintable(run.err));
}

void TestControlServer::statusCliMissingSocket() {
    const QString path = m_dir->filePath(QStringLiteral("nobody.sock"));
    const CliRun run = runStatus({QStringLiteral("--socket"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(
                 QStringLiteral("no worker is listening on %1 (is mtga running?)").arg(path)),
             qPrintable(run.err));
}

void TestControlServer::statusCliUsageErrors_data() {
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

void TestControlServer::statusCliUsageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const CliRun run = runStatus(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestControlServer)
#include "tst_controlserver.moc"
