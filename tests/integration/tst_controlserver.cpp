// The control server on a real Unix socket in a temporary directory, spoken to by raw
// QLocalSocket clients byte by byte: framing, hello, access, arguments checked against the
// command table, and the socket file's life. The codec alone is tst_controlprotocol, the CLI's
// client tst_controlclient, `mtga status` tst_statuscli.

#include "shared/controlprotocol.h"
#include "shared/version.h"
#include "tests/support/controltest.h"
#include "tests/support/protocolcases.h"
#include "tests/support/qtestprinters.h"
#include "worker/control/controlserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <vector>

using mtga::ControlServer;
using mtga::Error;
using mtga::ErrorCode;
using mtga::kMaxControlLineBytes;
using mtga::Result;
using namespace mtga::test;

namespace {

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
    void argumentsAreChecked_data();
    void argumentsAreChecked();
    void accessIsCheckedBeforeArguments();
    void onlyTableCommandsRegister();

    void socketFileIsNotWorldAccessible();
    void staleSocketIsReplaced();
    void nonSocketFileIsLeftAlone();
    void secondServerIsRefused();
    void socketFileRemovedOnDestruction();

private:
    // A listening server with `echo` (Read: returns its args), `measure` (Read: the pad's length)
    // and `poke` (Mutating) of testCommands(), admins as given.
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
    return startTestServer(
        controlConfig(m_socketPath, std::move(uids), std::move(gids)),
        {{QStringLiteral("echo"), echoHandler()},
         {QStringLiteral("measure"),
          [](const QJsonObject& args) -> Result<QJsonObject> {
              return QJsonObject{{QStringLiteral("pad_bytes"),
                                  args.value(QLatin1String("pad")).toString().size()}};
          }},
         {QStringLiteral("poke"), resultHandler({{QStringLiteral("poked"), true}})}});
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
        QStringLiteral("offsets"), [](const QJsonObject&) -> Result<QJsonObject> {
            return Error::of(ErrorCode::KafkaError, QStringLiteral("broker 1 is down"));
        });
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
    addAcceptedRequestRows();
    QTest::newRow("blank line first") << QByteArray(
                                             "\n"
                                             R"({"id":7,"cmd":"echo"})"
                                             "\n")
                                      << QJsonValue(7) << QJsonObject();
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
    addBadRequestRows();
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

    client.send(R"({"id":1,"cmd":"echo","args":{"k":1}})"
                "\n"
                R"({"id":2,"cmd":"hello"})"
                "\n"
                R"({"id":3,"cmd":"echo","args":{"k":3}})"
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

void TestControlServer::argumentsAreChecked_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("code");  // empty: ok
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("unknown argument")
        << QByteArray(R"({"id":1,"cmd":"echo","args":{"bogus":1}})")
        << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("\"bogus\""), QStringLiteral("echo")};
    QTest::newRow("string for an integer")
        << QByteArray(R"({"id":1,"cmd":"echo","args":{"k":"2"}})") << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("\"k\""), QStringLiteral("integer"),
                       QStringLiteral("string")};
    QTest::newRow("fraction for an integer")
        << QByteArray(R"({"id":1,"cmd":"echo","args":{"k":2.5}})") << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("\"k\""), QStringLiteral("2.5")};
    QTest::newRow("number for a boolean")
        << QByteArray(R"({"id":1,"cmd":"echo","args":{"flag":1}})") << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("boolean")};
    QTest::newRow("object for an array")
        << QByteArray(R"({"id":1,"cmd":"echo","args":{"n":{}}})") << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("array"), QStringLiteral("object")};
    QTest::newRow("status takes none")
        << QByteArray(R"({"id":1,"cmd":"status","args":{"verbose":true}})")
        << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("takes no arguments"), QStringLiteral("\"verbose\"")};
    QTest::newRow("hello with an unknown argument")
        << QByteArray(R"({"id":1,"cmd":"hello","args":{"protocol":1,"client":"x"}})")
        << QStringLiteral("bad_request") << QStringList{QStringLiteral("\"client\"")};
    QTest::newRow("required argument missing")
        << QByteArray(R"({"id":1,"cmd":"needs"})") << QStringLiteral("bad_request")
        << QStringList{QStringLiteral("\"what\"")};
    QTest::newRow("required argument null")
        << QByteArray(R"({"id":1,"cmd":"needs","args":{"what":null}})")
        << QStringLiteral("bad_request") << QStringList{QStringLiteral("\"what\"")};
    QTest::newRow("required argument given")
        << QByteArray(R"({"id":1,"cmd":"needs","args":{"what":"x"}})") << QString()
        << QStringList();
    QTest::newRow("null counts as absent")
        << QByteArray(R"({"id":1,"cmd":"echo","args":{"k":null}})") << QString() << QStringList();
    QTest::newRow("every type")
        << QByteArray(
               R"({"id":1,"cmd":"echo","args":{"k":-3,"ratio":0.5,"x":"y","flag":false,"n":[],"nested":{"a":1}}})")
        << QString() << QStringList();
}

void TestControlServer::argumentsAreChecked() {
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    QFETCH(QStringList, mentions);
    const auto server = startServer();
    QVERIFY(server);
    QVERIFY(server->registerCommand(
        QStringLiteral("needs"),
        [](const QJsonObject& args) -> Result<QJsonObject> { return args; }));
    QVERIFY(server->registerCommand(
        QStringLiteral("status"),
        [](const QJsonObject&) -> Result<QJsonObject> { return sampleStatus().toJson(); }));
    QSignalSpy replied(server.get(), &ControlServer::replied);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(line + '\n');
    const QJsonObject reply = client.nextReply();
    QCOMPARE(reply.value(QLatin1String("id")).toInteger(), 1);
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(), code.isEmpty());
    QCOMPARE(errorCode(reply), code);
    for (const QString& mention : mentions) {
        QVERIFY2(errorMessage(reply).contains(mention), qPrintable(errorMessage(reply)));
    }
    if (code.isEmpty()) {
        // What the handler got is what was sent, nulls included.
        const QJsonObject sent =
            QJsonDocument::fromJson(line).object().value(QLatin1String("args")).toObject();
        QCOMPARE(reply.value(QLatin1String("result")).toObject(), sent);
    }
    QCOMPARE(replied.count(), 1);
    QCOMPARE(replied.at(0).at(1).toString(), code);

    // A refused argument leaves the connection as it was.
    client.send(R"({"id":2,"cmd":"echo","args":{"k":2}})"
                "\n");
    const QJsonObject answered = client.nextReply();
    QCOMPARE(answered.value(QLatin1String("id")).toInteger(), 2);
    QCOMPARE(answered.value(QLatin1String("ok")).toBool(), true);
}

void TestControlServer::accessIsCheckedBeforeArguments() {
    // A peer that may not run a command learns nothing about its arguments.
    const auto server = startServer();
    QVERIFY(server);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":1,"cmd":"poke","args":{"bogus":true}})"
                "\n");
    QCOMPARE(errorCode(client.nextReply()), QStringLiteral("forbidden"));
}

void TestControlServer::onlyTableCommandsRegister() {
    const auto server = startServer();
    QVERIFY(server);
    const auto handler = [](const QJsonObject&) -> Result<QJsonObject> { return QJsonObject(); };
    // A command outside the table would have no access rule: refused, loudly, in every build.
    QTest::ignoreMessage(QtCriticalMsg,
                         QRegularExpression(QStringLiteral("refusing to register.*frob")));
    QVERIFY(!server->registerCommand(QStringLiteral("frob"), handler));
    QTest::ignoreMessage(QtCriticalMsg,
                         QRegularExpression(QStringLiteral("refusing to register.*hello")));
    QVERIFY(!server->registerCommand(QStringLiteral("hello"), handler));
    // A command of the table that has no handler is as unknown as one that is not in it.
    for (const char* name : {"frob", "offsets"}) {
        LineClient client;
        QVERIFY(client.connectTo(m_socketPath));
        client.send(QByteArray(R"({"id":1,"cmd":")") + name +
                    R"("})"
                    "\n");
        const QJsonObject reply = client.nextReply();
        QCOMPARE(errorCode(reply), QStringLiteral("unknown_command"));
        // The commands it knows are the registered ones, not the table's.
        QCOMPARE(errorMessage(reply).section(QStringLiteral("knows: "), 1),
                 QStringLiteral("echo, hello, measure, poke"));
    }
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(R"({"id":1,"cmd":"hello"})"
                "\n");
    const QJsonObject hello = client.nextReply();
    QCOMPARE(hello.value(QLatin1String("result"))
                 .toObject()
                 .value(QLatin1String("commands"))
                 .toArray()
                 .size(),
             4);
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
    QCOMPARE(listening.error().code, ErrorCode::ControlInUse);
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
        QCOMPARE(listening.error().code, ErrorCode::ControlInUse);
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

QTEST_GUILESS_MAIN(TestControlServer)
#include "tst_controlserver.moc"
