// The audit of mutating commands: the control server reports every answer to one (refusals
// included, deferred answers when they are sent), and AuditTrail writes it to the store's audit
// log and the log file.

#include "tests/support/controltest.h"
#include "worker/control/audittrail.h"
#include "worker/control/controlserver.h"
#include "worker/store/store.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using mtga::AuditTrail;
using mtga::CommandRecord;
using mtga::ControlReply;
using mtga::ControlServer;
using mtga::Result;
using mtga::Store;
using namespace mtga::test;

Q_DECLARE_METATYPE(mtga::CommandRecord)

class TestAuditTrail : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void answersToMutatingCommandsAreReported();
    void refusalsAreReported_data();
    void refusalsAreReported();
    void deferredAnswersAreReportedWhenSent();
    void aReplyOwedKeepsTheConnectionPastTheIdleTimeout();
    void recordsGoToTheStoresAuditLog();
    void withoutAStoreTheLogFileStillHasIt();

private:
    std::unique_ptr<ControlServer> startServer(
        std::vector<uint32_t> admins,
        std::chrono::milliseconds idleTimeout = std::chrono::minutes(5));
    static CommandRecord recordAt(const QSignalSpy& spy, qsizetype index) {
        return spy.at(index).at(0).value<CommandRecord>();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
    std::optional<ControlReply> m_heldReply;  // nudge's, answered by the test
};

void TestAuditTrail::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("mtga.sock"));
}

void TestAuditTrail::cleanup() {
    m_heldReply.reset();
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestAuditTrail::startServer(std::vector<uint32_t> admins,
                                                           std::chrono::milliseconds idleTimeout) {
    const QJsonObject change{{QStringLiteral("before"), QJsonObject{{QStringLiteral("count"), 3}}},
                             {QStringLiteral("after"), QJsonObject{{QStringLiteral("count"), 0}}},
                             {QStringLiteral("removed"), 3}};
    mtga::ControlServerOptions options = controlConfig(m_socketPath, std::move(admins));
    options.idleTimeout = idleTimeout;
    auto server = startTestServer(options, {{QStringLiteral("echo"), echoHandler()},
                                            {QStringLiteral("poke"), resultHandler(change)}});
    if (server) {
        server->registerDeferredCommand(
            QStringLiteral("nudge"),
            [this](const QJsonObject&, ControlReply reply) { m_heldReply = std::move(reply); });
    }
    return server;
}

void TestAuditTrail::answersToMutatingCommandsAreReported() {
    const auto server = startServer({::getuid()});
    QVERIFY(server);
    QSignalSpy answered(server.get(), &ControlServer::mutatingCommandAnswered);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));

    // Reading is not audited.
    client.send(R"({"id":1,"cmd":"echo","args":{"x":"y"}})"
                "\n");
    QVERIFY(client.nextReply().value(QLatin1String("ok")).toBool());
    client.send(R"({"id":2,"cmd":"hello"})"
                "\n");
    QVERIFY(client.nextReply().value(QLatin1String("ok")).toBool());
    QCOMPARE(answered.count(), 0);

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    client.send(R"({"id":3,"cmd":"poke"})"
                "\n");
    QVERIFY(client.nextReply().value(QLatin1String("ok")).toBool());
    QCOMPARE(answered.count(), 1);
    const CommandRecord record = recordAt(answered, 0);
    QCOMPARE(record.command, QStringLiteral("poke"));
    QVERIFY(record.ok);
    QVERIFY(record.peer.known);
    QCOMPARE(record.peer.uid, ::getuid());
    QCOMPARE(record.peer.pid, QCoreApplication::applicationPid());
    QVERIFY(record.peer.admin);
    QVERIFY(record.receivedMs >= before);
    QVERIFY(record.answeredMs >= record.receivedMs);

    const QJsonObject details = AuditTrail::toJson(record);
    QCOMPARE(details.value(QLatin1String("command")).toString(), QStringLiteral("poke"));
    QCOMPARE(details.value(QLatin1String("before")).toObject(),
             (QJsonObject{{QStringLiteral("count"), 3}}));
    QCOMPARE(details.value(QLatin1String("after")).toObject(),
             (QJsonObject{{QStringLiteral("count"), 0}}));
    QVERIFY(!details.contains(QLatin1String("removed")));  // the client's, not the audit's
    QCOMPARE(
        details.value(QLatin1String("peer")).toObject().value(QLatin1String("uid")).toInteger(),
        qint64(::getuid()));
}

void TestAuditTrail::refusalsAreReported_data() {
    QTest::addColumn<bool>("admin");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("code");
    QTest::newRow("not an admin") << false << QByteArray(R"({"id":1,"cmd":"poke"})")
                                  << QStringLiteral("forbidden");
    QTest::newRow("an argument it does not take")
        << true << QByteArray(R"({"id":1,"cmd":"poke","args":{"all":true}})")
        << QStringLiteral("bad_request");
    QTest::newRow("a wrong type") << true
                                  << QByteArray(R"({"id":1,"cmd":"nudge","args":{"by":"x"}})")
                                  << QStringLiteral("bad_request");
}

void TestAuditTrail::refusalsAreReported() {
    QFETCH(bool, admin);
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    const auto server =
        startServer(admin ? std::vector<uint32_t>{::getuid()} : std::vector<uint32_t>{});
    QVERIFY(server);
    QSignalSpy answered(server.get(), &ControlServer::mutatingCommandAnswered);
    LineClient client;
    QVERIFY(client.connectTo(m_socketPath));
    client.send(line + '\n');
    QCOMPARE(errorCode(client.nextReply()), code);
    QCOMPARE(answered.count(), 1);
    const CommandRecord record = recordAt(answered, 0);
    QVERIFY(!record.ok);
    QCOMPARE(record.errorCode, code);
    QVERIFY(!record.errorMessage.isEmpty());
    QCOMPARE(record.peer.admin, admin);
    const QJsonObject details = AuditTrail::toJson(record);
    QCOMPARE(details.value(QLatin1String("ok")).toBool(), false);
    QCOMPARE(
        details.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString(),
        code);
}

void TestAuditTrail::deferredAnswersAreReportedWhenSent() {
    const auto server = startServer({::getuid()});
    QVERIFY(server);
    QSignalSpy answered(server.get(), &ControlServer::mutatingCommandAnswered);
    {
        LineClient client;
        QVERIFY(client.connectTo(m_socketPath));
        client.send(R"({"id":1,"cmd":"nudge","args":{"by":2}})"
                    "\n");
        QTRY_VERIFY(m_heldReply.has_value());
        QCOMPARE(m_heldReply->peer().uid, ::getuid());
        QVERIFY(client.staysQuiet(50));
        QCOMPARE(answered.count(), 0);  // not before it is answered
    }
    // The client has gone; what the command did still counts.
    QTRY_VERIFY(!m_heldReply->isClientConnected());
    QVERIFY(m_heldReply->send(QJsonObject{{QStringLiteral("after"), 2}}));
    QTRY_COMPARE(answered.count(), 1);
    const CommandRecord record = recordAt(answered, 0);
    QCOMPARE(record.command, QStringLiteral("nudge"));
    QCOMPARE(record.args, (QJsonObject{{QStringLiteral("by"), 2}}));
    QVERIFY(record.ok);
    QCOMPARE(AuditTrail::toJson(record).value(QLatin1String("after")).toInteger(), 2);
}

void TestAuditTrail::aReplyOwedKeepsTheConnectionPastTheIdleTimeout() {
    // A long command (a restart, a big retry) sends nothing while it runs: its client is waiting,
    // not idle, and must get its answer.
    const auto server = startServer({::getuid()}, std::chrono::milliseconds(300));
    QVERIFY(server);
    LineClient waiting;
    QVERIFY(waiting.connectTo(m_socketPath));
    waiting.send(R"({"id":1,"cmd":"nudge"})"
                 "\n");
    QTRY_VERIFY(m_heldReply.has_value());
    LineClient idle;
    QVERIFY(idle.connectTo(m_socketPath));
    QTRY_VERIFY_WITH_TIMEOUT(!idle.isConnected(), 10'000);  // the timeout works
    QVERIFY(waiting.isConnected());
    QVERIFY(m_heldReply->isClientConnected());
    QVERIFY(m_heldReply->send(QJsonObject{{QStringLiteral("done"), true}}));
    QCOMPARE(waiting.nextReply().value(QLatin1String("ok")).toBool(), true);
    // Answered, it is idle like any other.
    QTRY_VERIFY_WITH_TIMEOUT(!waiting.isConnected(), 10'000);
}

void TestAuditTrail::recordsGoToTheStoresAuditLog() {
    auto opened = Store::open(m_dir->filePath(QStringLiteral("store")), true);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    Store& store = *opened.value();
    const AuditTrail trail([&store] { return &store; });
    CommandRecord record;
    record.peer = {true, 1000, 1000, 4242, true};
    record.command = QStringLiteral("clear_failure_queue");
    record.args = QJsonObject{{QStringLiteral("reason"), QStringLiteral("bad_time")}};
    record.receivedMs = 1'700'000'000'000;
    record.answeredMs = 1'700'000'000'250;
    record.ok = true;
    record.result = QJsonObject{{QStringLiteral("before"), 12}, {QStringLiteral("after"), 0}};
    QTest::ignoreMessage(QtInfoMsg,
                         QRegularExpression(QStringLiteral(
                             "uid 1000 pid 4242 ran clear_failure_queue .*bad_time.* -> ok, "
                             "before 12 after 0")));
    trail.record(record);

    const auto log = store.auditLog(1);
    QVERIFY(log);
    QCOMPARE(log.value().size(), size_t(1));
    QCOMPARE(log.value().front().kind, std::string("control:clear_failure_queue"));
    const QJsonObject details =
        QJsonDocument::fromJson(QByteArray::fromStdString(log.value().front().details)).object();
    QCOMPARE(details, AuditTrail::toJson(record));
    QCOMPARE(details.value(QLatin1String("answered_ms")).toInteger(), record.answeredMs);
}

void TestAuditTrail::withoutAStoreTheLogFileStillHasIt() {
    const AuditTrail trail([] { return static_cast<Store*>(nullptr); });
    CommandRecord record;
    record.command = QStringLiteral("restart");
    record.ok = false;
    record.errorCode = QStringLiteral("pipeline_stopped");
    record.errorMessage = QStringLiteral("no pipeline");
    QTest::ignoreMessage(
        QtInfoMsg,
        QRegularExpression(QStringLiteral("an unknown peer ran restart .* -> pipeline_stopped")));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("restart.*log file only")));
    trail.record(record);
}

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"
