// `mtga control-stdio` as the real binary against a real ControlServer in this process: a
// session written to its standard input (split mid-line, with a line of hundreds of KiB) comes
// back on its standard output byte for byte as a client on the socket itself gets it; closing
// standard input ends it with exit 0 after the last replies; the worker going away ends it too.
// Against a real `mtga run`, a session of hello, a reset's dry run and a subscription.

#include "tests/support/controltest.h"
#include "tests/support/resettest.h"
#include "worker/control/controlserver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using mtga::ControlServer;
using namespace mtga::test;

namespace {

constexpr int kWaitMs = 30'000;

// A hello, a status request, two bad requests (an unknown command, not JSON) and a big echo.
QByteArray session() {
    QByteArray bytes = R"({"id":1,"cmd":"hello","args":{"protocol":1}})"
                       "\n"
                       R"({"id":2,"cmd":"status"})"
                       "\n"
                       R"({"id":3,"cmd":"frob"})"
                       "\n"
                       "not json\n";
    bytes += R"({"id":4,"cmd":"echo","args":{"x":")";
    bytes += QByteArray(600 * 1024, 'x');
    bytes += "\"}}\n";
    return bytes;
}
constexpr int kSessionReplies = 5;

// What a client connected to the socket itself reads back for `request`, until `lines` lines.
QByteArray directExchange(const QString& path, const QByteArray& request, int lines) {
    QLocalSocket socket;
    socket.connectToServer(path);
    if (!QTest::qWaitFor([&] { return socket.state() == QLocalSocket::ConnectedState; }, kWaitMs)) {
        return {};
    }
    socket.write(request);
    QByteArray replies;
    (void)QTest::qWaitFor(
        [&] {
            replies += socket.readAll();
            return replies.count('\n') >= lines;
        },
        kWaitMs);
    return replies;
}

// The relay process; this thread's event loop keeps running (it serves the socket) while it
// waits for the process.
class Relay {
public:
    explicit Relay(const QString& socket) {
        m_process.start(QStringLiteral(MTGA_BINARY),
                        {QStringLiteral("control-stdio"), QStringLiteral("--socket"), socket});
    }
    ~Relay() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    bool started() { return m_process.waitForStarted(10'000); }
    void write(const QByteArray& bytes) { m_process.write(bytes); }
    void closeInput() { m_process.closeWriteChannel(); }
    // Standard output until it holds `lines` lines (or the wait ran out).
    QByteArray readLines(int lines) {
        (void)QTest::qWaitFor(
            [&] {
                m_out += m_process.readAllStandardOutput();
                return m_out.count('\n') >= lines;
            },
            kWaitMs);
        return m_out;
    }
    bool ended() {
        const bool done =
            QTest::qWaitFor([&] { return m_process.state() == QProcess::NotRunning; }, kWaitMs);
        m_out += m_process.readAllStandardOutput();
        return done;
    }
    int exitCode() const {
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -2;
    }
    QByteArray output() const { return m_out; }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QByteArray m_out;
};

}  // namespace

class TestControlStdio : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void relaysASessionByteForByte();
    void carriesAWorkerSession();
    void closedInputStillGetsTheReplies();
    void endsWhenTheWorkerGoes();
    void cannotConnect();

private:
    std::unique_ptr<ControlServer> startServer();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
};

void TestControlStdio::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("mtga.sock"));
}

void TestControlStdio::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestControlStdio::startServer() {
    return startTestServer(controlConfig(m_socketPath),
                           {{QStringLiteral("status"), resultHandler(sampleStatus().toJson())},
                            {QStringLiteral("echo"), echoHandler()}});
}

void TestControlStdio::relaysASessionByteForByte() {
    const auto server = startServer();
    QVERIFY(server);
    const QByteArray bytes = session();
    const QByteArray direct = directExchange(m_socketPath, bytes, kSessionReplies);
    QCOMPARE(direct.count('\n'), kSessionReplies);

    Relay relay(m_socketPath);
    QVERIFY(relay.started());
    // Half a line first: the relay passes bytes, the server puts the line together.
    const qsizetype half = bytes.indexOf('\n') / 2;
    relay.write(bytes.left(half));
    QTest::qWait(100);  // lets the half line reach the server on its own (not a timing check)
    relay.write(bytes.mid(half));
    const QByteArray relayed = relay.readLines(kSessionReplies);
    QCOMPARE(relayed.count('\n'), kSessionReplies);
    QCOMPARE(relayed.size(), direct.size());
    QVERIFY2(relayed == direct, "the relay changed the replies");

    relay.closeInput();
    QVERIFY(relay.ended());
    QCOMPARE(relay.exitCode(), 0);
    QCOMPARE(relay.output(), direct);  // nothing after the replies
    QCOMPARE(relay.errors(), QByteArray());
}

void TestControlStdio::carriesAWorkerSession() {
    // A real `mtga run`: hello and an offset reset's dry run come back as a direct client gets
    // them, and the subscription's stats keep coming through the relay.
    ResetBench bench(QStringLiteral("relayed"), 2);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(200));
    QVERIFY(bench.startWorker(2));
    QVERIFY(bench.waitCaughtUp(60'000));
    const QByteArray requests = R"({"id":1,"cmd":"hello","args":{"protocol":1}})"
                                "\n"
                                R"({"id":2,"cmd":"reset_offsets","args":{"to":"earliest",)"
                                R"("all_topics":true}})"
                                "\n";
    const QByteArray direct = directExchange(bench.socket(), requests, 2);
    QCOMPARE(direct.count('\n'), 2);
    QVERIFY2(direct.contains(R"("dry_run":true)"), direct.constData());

    Relay relay(bench.socket());
    QVERIFY(relay.started());
    relay.write(requests);
    relay.write(R"({"id":3,"cmd":"subscribe","args":{"interval_ms":200}})"
                "\n");
    // The reset answers when its thread is done: after the subscription's reply, maybe after
    // events. Each reply is matched by its id; their bytes are the direct client's.
    const QByteArray relayed = relay.readLines(2 + 1 + 3 + 3);
    const QList<QByteArray> directLines = direct.split('\n');
    std::map<int, QByteArray> replies;
    int events = 0;
    for (const QByteArray& line : relayed.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QLatin1String("id"))) {
            replies[object.value(QLatin1String("id")).toInt()] = line;
        } else if (!line.isEmpty()) {
            QCOMPARE(object.value(QLatin1String("event")).toString(), QStringLiteral("stats"));
            QCOMPARE(object.value(QLatin1String("state")).toString(), QStringLiteral("running"));
            ++events;
        }
    }
    QVERIFY2(replies.size() == 3 && events >= 3, relayed.left(3000).constData());
    QCOMPARE(replies[1], directLines[0]);
    QCOMPARE(replies[2], directLines[1]);
    QVERIFY(replies[3].contains(R"("subscribed":true)"));
    QCOMPARE(relay.errors(), QByteArray());
    QVERIFY(stopCleanly(bench.worker(), 30'000));
    QVERIFY(relay.ended());  // the worker went: the relay ends
}

void TestControlStdio::closedInputStillGetsTheReplies() {
    const auto server = startServer();
    QVERIFY(server);
    const QByteArray request = R"({"id":7,"cmd":"status"})"
                               "\n";
    const QByteArray direct = directExchange(m_socketPath, request, 1);
    QVERIFY(!direct.isEmpty());
    // As `echo '{...}' | mtga control-stdio`: the input ends at once, the reply still comes.
    Relay relay(m_socketPath);
    QVERIFY(relay.started());
    relay.write(request);
    relay.closeInput();
    QVERIFY(relay.ended());
    QCOMPARE(relay.exitCode(), 0);
    QCOMPARE(relay.output(), direct);
}

void TestControlStdio::endsWhenTheWorkerGoes() {
    auto server = startServer();
    QVERIFY(server);
    Relay relay(m_socketPath);
    QVERIFY(relay.started());
    relay.write(R"({"id":1,"cmd":"status"})"
                "\n");
    QCOMPARE(relay.readLines(1).count('\n'), 1);
    server.reset();
    QVERIFY(relay.ended());
    QCOMPARE(relay.exitCode(), 0);
}

void TestControlStdio::cannotConnect() {
    Relay relay(m_socketPath);
    QVERIFY(relay.started());
    QVERIFY(relay.ended());
    QCOMPARE(relay.exitCode(), 3);
    QCOMPARE(relay.output(), QByteArray());
    const QString errors = QString::fromUtf8(relay.errors());
    QVERIFY2(errors.contains(QStringLiteral("no worker is listening on %1").arg(m_socketPath)),
             qPrintable(errors));
}

QTEST_GUILESS_MAIN(TestControlStdio)
#include "tst_controlstdio.moc"
