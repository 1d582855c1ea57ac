// The control socket abused, against one real `mtga run` worker on the embedded Kafka: malformed
// requests and wrong types, a 100 MiB line (line_too_long, and the worker's memory stays put),
// binary garbage, half a line then gone, 200 clients at once over control.max_connections (and
// `mtga status` over it), a subscriber that never reads (dropped; every event produced meanwhile is
// written), and connections that send no request (closed after control.idle_timeout). After each, a
// fresh client gets a correct `status` from the same, still running, worker process.

#include "shared/controlclient.h"
#include "shared/controlprotocol.h"
#include "shared/values/workerstatus.h"
#include "tests/support/controltest.h"
#include "tests/support/protocolcases.h"
#include "tests/support/rawclient.h"
#include "tests/support/workertest.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

#include <unistd.h>

#include <memory>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr int kPartitions = 256;
constexpr int kMaxConnections = 50;
constexpr int kIdleTimeoutS = 15;
constexpr qint64 kMiB = 1024 * 1024;

// Long, so that a stats event, a row per partition, is some 70 KiB: a subscriber that does not
// read passes the worker's 4 MiB limit within seconds.
QString topicName() {
    return QStringLiteral("abuse-") + QString(180, QLatin1Char('t'));
}

qint64 residentKiB(qint64 pid) {
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).simplified().split(' ').value(0).toLongLong();
        }
    }
    return -1;
}

QByteArray requestLine(qint64 id, const char* command) {
    return ControlProtocol::encodeRequest({QJsonValue(id), QString::fromLatin1(command), {}});
}

}  // namespace

class TestProtocolAbuse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void malformedRequests_data();
    void malformedRequests();
    void aHundredMebibyteLine();
    void binaryGarbage_data();
    void binaryGarbage();
    void halfALineThenGone_data();
    void halfALineThenGone();
    void twoHundredClientsAtOnce();
    void theCliOverTheLimitIsToldWhy();
    void aSubscriberThatNeverReads();
    void connectionsWithoutRequestsAreClosed();

private:
    bool workerServes();
    std::optional<WorkerStatus> status();

    std::unique_ptr<KafkaProcess> m_kafka;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProcessRunner> m_worker;
    qint64 m_pid = 0;
    QString m_socket;
    Expected m_expected;
    uint64_t m_produced = 0;
};

void TestProtocolAbuse::initTestCase() {
    m_kafka = std::make_unique<KafkaProcess>(topicName() + QStringLiteral(":%1").arg(kPartitions));
    QVERIFY(m_kafka->start());
    m_expected = produce(m_kafka->bootstrap(), trafficOf(topicName().toStdString(), 2000, 20));
    QVERIFY(!m_expected.pids.empty());
    m_produced = 2000;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString config =
        writeConfig(*m_dir, staticWorker(m_kafka->bootstrap(), topicName(), kPartitions));
    QFile file(config);
    QVERIFY(file.open(QIODevice::Append));
    file.write(QStringLiteral("  admin_uids: [%1]\n  max_connections: %2\n  idle_timeout: %3s\n")
                   .arg(::getuid())
                   .arg(kMaxConnections)
                   .arg(kIdleTimeoutS)
                   .toUtf8());
    file.close();
    m_socket = m_dir->filePath(QStringLiteral("data/mtga.sock"));
    // No status lines: nothing on stdout fills a pipe while a test does not read it.
    m_worker = std::make_unique<ProcessRunner>(runArguments(config, 0));
    // Under ASan (the asan preset), freed memory waits in a quarantine of 256 MiB before it is
    // reused: the 100 MiB line's freed buffers would count as growth. Ignored by other builds.
    const QString asan = qEnvironmentVariable("ASAN_OPTIONS");
    m_worker->setEnvironmentVariable(QStringLiteral("ASAN_OPTIONS"),
                                     (asan.isEmpty() ? QString() : asan + QLatin1Char(':')) +
                                         QStringLiteral("quarantine_size_mb=8"));
    QVERIFY(m_worker->start());
    m_pid = m_worker->processId();
    QTRY_VERIFY_WITH_TIMEOUT(status() && status()->counts.messages == qint64(m_produced), 120'000);
}

std::optional<WorkerStatus> TestProtocolAbuse::status() {
    auto reply = ControlClient::status(m_socket, std::chrono::seconds(5));
    return reply ? std::optional<WorkerStatus>(reply.value()) : std::nullopt;
}

// The same process is alive, and a new client gets `hello` and a `status` that reads back.
bool TestProtocolAbuse::workerServes() {
    if (m_worker->processId() != m_pid) {
        qWarning("the worker is gone (exit %d): %s", m_worker->exitCode(),
                 qPrintable(m_worker->standardError().right(2000)));
        return false;
    }
    RawClient client;
    if (!client.connectTo(m_socket)) {
        qWarning("a fresh client cannot connect");
        return false;
    }
    client.send(requestLine(1, "hello") + requestLine(2, "status"));
    if (!client.waitForReply(2)) {
        qWarning("no reply to a fresh client's status");
        return false;
    }
    const auto hello = client.reply(1);
    const auto reply = client.reply(2);
    const auto read = WorkerStatus::fromJson(reply->value(QLatin1String("result")).toObject());
    if (!hello || !hello->value(QLatin1String("ok")).toBool() || !read || read->pid != m_pid ||
        read->state != WorkerStatus::kRunning) {
        qWarning("a fresh client's hello and status: %s / %s",
                 hello ? QJsonDocument(*hello).toJson().constData() : "none",
                 QJsonDocument(*reply).toJson().constData());
        return false;
    }
    return true;
}

void TestProtocolAbuse::cleanup() {
    QVERIFY(workerServes());
}

void TestProtocolAbuse::cleanupTestCase() {
    if (m_worker) {
        QVERIFY(stopCleanly(*m_worker, 60'000));
    }
}

void TestProtocolAbuse::malformedRequests_data() {
    addBadRequestRows();  // the codec's table, now against the real worker
    const auto row = [](const char* name, const char* line, const char* code, QJsonValue id,
                        const char* mentions) {
        QTest::newRow(name) << QByteArray(line) << QString::fromLatin1(code) << id
                            << QString::fromLatin1(mentions);
    };
    row("id is a boolean", R"({"id":true,"cmd":"status"})", "bad_request", QJsonValue(), "\"id\"");
    row("id is an object", R"({"id":{"n":1},"cmd":"status"})", "bad_request", QJsonValue(),
        "\"id\"");
    row("cmd is an array", R"({"id":30,"cmd":["status"]})", "bad_request", 30, "\"cmd\"");
    row("cmd is null", R"({"id":31,"cmd":null})", "bad_request", 31, "\"cmd\"");
    row("unknown command", R"({"id":32,"cmd":"frob"})", "unknown_command", 32, "frob");
    row("status takes no arguments", R"({"id":33,"cmd":"status","args":{"verbose":true}})",
        "bad_request", 33, "verbose");
    row("limit is a string", R"({"id":34,"cmd":"reset_journal","args":{"limit":"5"}})",
        "bad_request", 34, "limit");
    row("interval is fractional", R"({"id":35,"cmd":"subscribe","args":{"interval_ms":1.5}})",
        "bad_request", 35, "interval_ms");
    row("partitions is a number",
        R"({"id":36,"cmd":"failure_queue_count","args":{"partitions":3}})", "bad_request", 36,
        "partitions");
    row("a mutating command missing its target", R"({"id":37,"cmd":"reset_offsets","args":{}})",
        "bad_request", 37, "to");
    row("dry_run is a string",
        R"({"id":38,"cmd":"reset_offsets","args":{"to":"latest","all_topics":true,"dry_run":"no"}})",
        "bad_request", 38, "dry_run");
    row("protocol 2", R"({"id":39,"cmd":"hello","args":{"protocol":2}})", "unsupported_protocol",
        39, "1");
    row("deeply nested", QByteArray(5000, '[').constData(), "bad_json", QJsonValue(), "JSON");
}

void TestProtocolAbuse::malformedRequests() {
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    QFETCH(QJsonValue, id);
    QFETCH(QString, mentions);
    RawClient client;
    QVERIFY(client.connectTo(m_socket));
    client.send(line + '\n' + requestLine(99, "status"));
    QVERIFY(client.waitForReply(99));
    QCOMPARE(client.replies().size(), qsizetype(2));
    const QJsonObject reply = client.replies().front();
    QCOMPARE(reply.value(QLatin1String("ok")).toBool(true), false);
    QCOMPARE(errorCode(reply), code);
    QCOMPARE(reply.value(QLatin1String("id")), id.isUndefined() ? QJsonValue() : id);
    QVERIFY2(errorMessage(reply).contains(mentions), qPrintable(errorMessage(reply)));
    // The connection stays open and answers the next request.
    QVERIFY(client.reply(99)->value(QLatin1String("ok")).toBool());
}

void TestProtocolAbuse::aHundredMebibyteLine() {
    const qint64 before = residentKiB(m_pid);
    QVERIFY(before > 0);
    qint64 peak = before;
    RawClient client;
    QVERIFY(client.connectTo(m_socket));
    client.send(R"({"id":1,"cmd":"status","args":{"pad":")");
    const QByteArray chunk(kMiB, 'x');
    for (int i = 0; i < 100; ++i) {
        client.send(chunk);
        QVERIFY2(client.written(), qPrintable(QStringLiteral("stuck after %1 MiB").arg(i)));
        QVERIFY2(client.isConnected(), qPrintable(QStringLiteral("closed after %1 MiB").arg(i)));
        peak = std::max(peak, residentKiB(m_pid));
    }
    client.send(QByteArray("\"}}\n") + requestLine(2, "status"));
    QVERIFY(client.waitForReply(2));
    // One error for the long line (as soon as it passed the limit), then the next request.
    QCOMPARE(client.replies().size(), qsizetype(2));
    const QJsonObject tooLong = client.replies().front();
    QCOMPARE(errorCode(tooLong), QStringLiteral("line_too_long"));
    QCOMPARE(tooLong.value(QLatin1String("id")), QJsonValue());
    QVERIFY(client.reply(2)->value(QLatin1String("ok")).toBool());
    // Well under the line: a worker that kept the line whole (100 MiB and more) fails here.
    QVERIFY2(
        peak - before < 64 * 1024,
        qPrintable(QStringLiteral("VmRSS %1 KiB before, %2 KiB at most").arg(before).arg(peak)));
}

void TestProtocolAbuse::binaryGarbage_data() {
    QTest::addColumn<QByteArray>("garbage");
    const auto random = [](quint32 seed, qsizetype size) {
        QRandomGenerator generator(seed);
        QByteArray bytes(size, Qt::Uninitialized);
        for (char& byte : bytes) {
            byte = static_cast<char>(generator.bounded(256));
        }
        return bytes;
    };
    QTest::newRow("random 4 KiB") << random(1, 4096);
    QTest::newRow("random 64 KiB") << random(2, 64 * 1024);
    QTest::newRow("random 900 KiB") << random(3, 900 * 1024);
    QTest::newRow("NULs") << QByteArray(4096, '\0');
    QTest::newRow("NUL in a request") << QByteArray("{\"id\":1,\"cmd\":\"sta\0tus\"}", 24);
    QTest::newRow("NUL before a request") << QByteArray("\0{\"id\":1,\"cmd\":\"status\"}", 24);
    QTest::newRow("invalid UTF-8") << QByteArray(
        "{\"id\":1,\"cmd\":\"\xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80\xff\xfe\"}"
        "\n\x80\x80\xe2\x82");
    QTest::newRow("control characters") << QByteArray("\x01\x02\x1b[2J\x7f\r\r\v\f\t");
}

void TestProtocolAbuse::binaryGarbage() {
    QFETCH(QByteArray, garbage);
    qsizetype lines = 0;  // what the worker answers: each line that is not blank
    for (const QByteArray& line : garbage.split('\n')) {
        lines += line.trimmed().isEmpty() ? 0 : 1;
    }
    RawClient client;
    QVERIFY(client.connectTo(m_socket));
    client.send(garbage + '\n' + requestLine(99, "status"));
    QVERIFY(client.waitForReply(99, 30'000));
    QCOMPARE(client.replies().size(), lines + 1);
    for (qsizetype i = 0; i < lines; ++i) {
        const QJsonObject& reply = client.replies().at(i);
        // Qt's JSON parser takes a raw control character (NUL too) inside a string, so a line
        // may be a request after all, of a command that does not exist.
        QVERIFY2(errorCode(reply) == QLatin1String("bad_json") ||
                     errorCode(reply) == QLatin1String("bad_request") ||
                     errorCode(reply) == QLatin1String("unknown_command"),
                 QJsonDocument(reply).toJson().constData());
    }
    QVERIFY(client.reply(99)->value(QLatin1String("ok")).toBool());
}

void TestProtocolAbuse::halfALineThenGone_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("half a request") << QByteArray(R"({"id":1,"cmd":"sta)");
    QTest::newRow("half a line past the limit")
        << QByteArray(R"({"id":1,"cmd":"status","args":{"pad":")") + QByteArray(2 * kMiB, 'x');
    QTest::newRow("half a UTF-8 sequence") << QByteArray("{\"id\":1,\"cmd\":\"\xe2\x82");
    QTest::newRow("replies left unread") << requestLine(1, "status").repeated(2000);
    QTest::newRow("a mutating command, gone before its reply") << requestLine(1, "reload");
    QTest::newRow("a deferred command, gone before its reply") << ControlProtocol::encodeRequest(
        {QJsonValue(1), QStringLiteral("reset_offsets"),
         QJsonObject{{QStringLiteral("to"), QStringLiteral("earliest")},
                     {QStringLiteral("all_topics"), true}}});
}

void TestProtocolAbuse::halfALineThenGone() {
    QFETCH(QByteArray, bytes);
    RawClient client;
    QVERIFY(client.connectTo(m_socket));
    client.send(bytes);
    QVERIFY(client.written());
    client.abort();
}

void TestProtocolAbuse::twoHundredClientsAtOnce() {
    constexpr int kClients = 200;
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        clients.back()->connectAndSend(m_socket,
                                       requestLine(1, "hello") + requestLine(2, "status"));
    }
    const auto served = [](const RawClient& client) {
        return client.reply(1) && client.reply(2) &&
               client.reply(1)->value(QLatin1String("ok")).toBool() &&
               client.reply(2)->value(QLatin1String("ok")).toBool();
    };
    const auto refused = [](const RawClient& client) {
        return client.replies().size() == 1 &&
               errorCode(client.replies().front()) == QLatin1String("too_many_connections") &&
               client.replies().front().value(QLatin1String("id")).isNull();
    };
    int servedCount = 0;
    int refusedCount = 0;
    // Every client stays connected until all are done, so that no place frees up meanwhile.
    const bool allDone = QTest::qWaitFor(
        [&] {
            servedCount = 0;
            refusedCount = 0;
            for (const auto& client : clients) {
                servedCount += served(*client) ? 1 : 0;
                refusedCount += refused(*client) && client->gone() ? 1 : 0;
            }
            return servedCount + refusedCount == kClients;
        },
        60'000);
    for (const auto& client : clients) {
        if (!served(*client) && !(refused(*client) && client->gone())) {
            qWarning("neither served nor refused: %s", qPrintable(client->describe()));
        }
    }
    QVERIFY2(
        allDone,
        qPrintable(QStringLiteral("%1 served, %2 refused").arg(servedCount).arg(refusedCount)));
    QCOMPARE(servedCount, kMaxConnections);
    QCOMPARE(refusedCount, kClients - kMaxConnections);
    const QString message = errorMessage(
        std::find_if(clients.begin(), clients.end(), [&](const auto& c) { return refused(*c); })
            ->get()
            ->replies()
            .front());
    QVERIFY2(message.contains(QLatin1String("control.max_connections")), qPrintable(message));
    // Places freed are places taken: once the worker has seen them go, a new client is served.
    clients.clear();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            RawClient next;
            return next.connectTo(m_socket) && (next.send(requestLine(1, "hello")), true) &&
                   next.waitForReply(1) && next.reply(1)->value(QLatin1String("ok")).toBool();
        }(),
        kReplyTimeoutMs);
}

void TestProtocolAbuse::theCliOverTheLimitIsToldWhy() {
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < kMaxConnections; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        QVERIFY(clients.back()->connectTo(m_socket));
        clients.back()->send(requestLine(1, "hello"));
        QVERIFY(clients.back()->waitForReply(1));
        QVERIFY(clients.back()->reply(1)->value(QLatin1String("ok")).toBool());
    }
    // `mtga status` sends its request as soon as it is connected, as every client does; the
    // refusal must reach it all the same, not a hang-up without a word.
    for (int attempt = 0; attempt < 10; ++attempt) {
        const CliRun run =
            runMtga({QStringLiteral("status"), QStringLiteral("--socket"), m_socket});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QLatin1String("[too_many_connections]")), qPrintable(run.err));
    }
    clients.clear();
    QTRY_VERIFY_WITH_TIMEOUT(status().has_value(), kReplyTimeoutMs);
}

void TestProtocolAbuse::aSubscriberThatNeverReads() {
    RawClient reader;
    QVERIFY(reader.connectTo(m_socket));
    reader.send(
        ControlProtocol::encodeRequest({QJsonValue(1), QStringLiteral("subscribe"),
                                        QJsonObject{{QStringLiteral("interval_ms"), 200}}}));
    const int stuck = rawSubscriber(m_socket, 200);
    QVERIFY(stuck >= 0);
    Traffic traffic = trafficOf(topicName().toStdString(), 3000, 20);
    traffic.first = m_produced;
    const Expected more = produce(m_kafka->bootstrap(), traffic);
    QVERIFY(!more.pids.empty());
    m_expected.add(more);
    m_produced += traffic.count;

    QTRY_VERIFY_WITH_TIMEOUT(peerClosed(stuck), 120'000);
    ::close(stuck);
    // The worker logs it before it closes the connection, but its standard error reaches this
    // process through a pipe of its own, which may be read after the hang-up is seen.
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_worker->standardError().contains(QLatin1String("does not read its events")),
        qPrintable(m_worker->standardError().right(2000)), 10'000);
    // The pipeline did not wait for it: every event is written, once.
    QTRY_VERIFY_WITH_TIMEOUT(status() && status()->counts.messages == qint64(m_produced), 120'000);
    const QString out = m_dir->filePath(QStringLiteral("out"));
    QTRY_COMPARE_WITH_TIMEOUT(scanOutput(out).lines, uint64_t(m_expected.pids.size()), 60'000);
    QVERIFY(writtenExactlyOnce(scanOutput(out), m_expected.pids));
    // The subscriber that reads is still served.
    const qsizetype seen = reader.replies().size();
    QTRY_VERIFY_WITH_TIMEOUT(reader.replies().size() >= seen + 3, 20'000);
    QVERIFY(reader.isConnected());
    reader.abort();
}

void TestProtocolAbuse::connectionsWithoutRequestsAreClosed() {
    // At once, so that the test waits for one timeout.
    RawClient silent;
    RawClient once;
    RawClient half;
    QElapsedTimer clock;
    clock.start();
    QVERIFY(silent.connectTo(m_socket));
    QVERIFY(half.connectTo(m_socket));
    half.send(R"({"id":1,"cmd":)");
    QVERIFY(once.connectTo(m_socket));
    once.send(requestLine(1, "hello"));
    QVERIFY(once.waitForReply(1));
    // A quarter late at most (the worker checks four times per timeout), and a margin.
    const int bound = kIdleTimeoutS * 1000 * 5 / 4 + 10'000;
    QVERIFY(QTest::qWaitFor([&] { return silent.gone() || half.gone() || once.gone(); }, bound));
    const qint64 firstClosedMs = clock.elapsed();
    QTRY_VERIFY_WITH_TIMEOUT(silent.gone() && half.gone() && once.gone(), bound);
    // Never before the timeout, which each one's worker-side clock started after this one.
    QVERIFY2(firstClosedMs >= kIdleTimeoutS * 1000,
             qPrintable(QStringLiteral("one was closed after %1 ms").arg(firstClosedMs)));
    QCOMPARE(silent.replies().size(), qsizetype(0));
    QCOMPARE(half.replies().size(), qsizetype(0));
}

QTEST_GUILESS_MAIN(TestProtocolAbuse)
#include "tst_protocolabuse.moc"
