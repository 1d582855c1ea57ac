#include "tests/support/controltest.h"

#include "shared/controlclient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <memory>

namespace mtga::test {

ControlServerOptions controlConfig(const QString& socket, std::vector<uint32_t> uids,
                                   std::vector<uint32_t> gids) {
    ControlServerOptions config;
    config.socket = socket;
    config.adminUids = std::move(uids);
    config.adminGids = std::move(gids);
    return config;
}

CommandTable testCommands() {
    const auto optional = [](const char* name, ArgumentType type) {
        return ArgumentSpec{QString::fromUtf8(name), type, false};
    };
    return CommandTable::builtin().with({
        {QStringLiteral("echo"),
         CommandAccess::Read,
         {optional("topic", ArgumentType::String), optional("n", ArgumentType::Array),
          optional("x", ArgumentType::String), optional("名", ArgumentType::String),
          optional("k", ArgumentType::Integer), optional("a", ArgumentType::Integer),
          optional("split", ArgumentType::String), optional("flag", ArgumentType::Boolean),
          optional("ratio", ArgumentType::Number), optional("nested", ArgumentType::Object)}},
        {QStringLiteral("measure"), CommandAccess::Read, {optional("pad", ArgumentType::String)}},
        {QStringLiteral("poke"), CommandAccess::Mutating, {}},
        {QStringLiteral("nudge"), CommandAccess::Mutating, {optional("by", ArgumentType::Integer)}},
        {QStringLiteral("needs"),
         CommandAccess::Read,
         {{QStringLiteral("what"), ArgumentType::String, true}}},
    });
}

std::unique_ptr<ControlServer> startTestServer(
    const ControlServerOptions& config,
    std::vector<std::pair<QString, ControlServer::Handler>> handlers) {
    auto server = std::make_unique<ControlServer>(config, testCommands());
    for (auto& [name, handler] : handlers) {
        if (!server->registerCommand(name, std::move(handler))) {
            qWarning("%s is not in testCommands()", qPrintable(name));
            return nullptr;
        }
    }
    const auto listening = server->listen();
    if (!listening) {
        qWarning("listen failed: %s", qPrintable(listening.error().message));
        return nullptr;
    }
    return server;
}

ControlServer::Handler echoHandler() {
    return [](const QJsonObject& args) -> Result<QJsonObject> { return args; };
}

ControlServer::Handler resultHandler(QJsonObject result) {
    return
        [result = std::move(result)](const QJsonObject&) -> Result<QJsonObject> { return result; };
}

bool LineClient::connectTo(const QString& path) {
    m_socket.connectToServer(path);
    return QTest::qWaitFor([&] { return m_socket.state() == QLocalSocket::ConnectedState; },
                           kReplyTimeoutMs);
}

void LineClient::send(const QByteArray& bytes) {
    m_socket.write(bytes);
    m_socket.flush();
}

QJsonObject LineClient::nextReply(int timeoutMs) {
    if (!QTest::qWaitFor([&] { return m_socket.canReadLine(); }, timeoutMs)) {
        return {};
    }
    return QJsonDocument::fromJson(m_socket.readLine()).object();
}

bool LineClient::staysQuiet(int ms) {
    QTest::qWait(ms);
    return m_socket.bytesAvailable() == 0;
}

QString errorCode(const QJsonObject& reply) {
    return reply.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

QString errorMessage(const QJsonObject& reply) {
    return reply.value(QLatin1String("error"))
        .toObject()
        .value(QLatin1String("message"))
        .toString();
}

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

bool isSocketFile(const QString& path) {
    struct stat status {};
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 && S_ISSOCK(status.st_mode);
}

QByteArray describe(const Result<QJsonObject>& result) {
    return result ? QByteArray("ok") : result.error().message.toUtf8();
}

ThreadedCall callInThread(const QString& path, const QString& cmd, const QJsonObject& args,
                          std::chrono::milliseconds timeout) {
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

OffsetsReply sampleOffsets() {
    const auto row = [](const char* topic, int partition, qint64 low, qint64 high, qint64 current,
                        qint64 checkpointed, std::optional<qint64> lag,
                        std::optional<double> lagSeconds, std::optional<double> consume,
                        std::optional<double> produce, std::optional<qint64> eta,
                        const char* health) {
        PartitionRow r = PartitionRow::of(QString::fromLatin1(topic), partition, low, high, current,
                                          checkpointed);
        r.lag = lag;
        r.lagSeconds = lagSeconds;
        r.consumeRate = consume;
        r.produceRate = produce;
        r.etaSeconds = eta;
        r.health = QString::fromLatin1(health);
        r.healthSinceMs = 1'764'000'000'000;
        return r;
    };
    OffsetsReply reply;
    reply.partitions = {
        row("mulog_clean_25", 1, 0, 42, 40, 40, 2, 1.5, 12.25, 10.0, 1, "ok"),
        row("mulog_clean_24", 10, 0, 5, 5, -1, 0, 0.0, 0.0, 0.0, 0, "idle"),
        row("mulog_clean_24", 0, 6171720626, 6197511755, 6197511494, 6197511000, 261, 3725.4, 0.0,
            4.5, std::nullopt, "stopped"),
        row("mulog_clean_25", 0, -1, -1, -1, -1, std::nullopt, std::nullopt, std::nullopt,
            std::nullopt, std::nullopt, "ok"),
        row("mulog_clean_24", 1, 6171720000, 6197511800, 6197511800, 6197511700, 0, 0.0, 850.5,
            850.5, 0, "ok"),
    };
    return reply;
}

WorkerStatus sampleStatus() {
    WorkerStatus status;
    status.state = WorkerStatus::kRunning;
    status.version = QStringLiteral("0.9.1");
    status.pid = 4242;
    status.uptimeSeconds = 93784;
    status.config = QStringLiteral("/etc/mtga/mtga.yml");
    status.counts.messages = 1001;
    status.counts.written = 990;
    status.counts.filtered = 7;
    status.counts.failed = 4;
    status.counts.skippedOnRecovery = 13;
    status.counts.checkpoints = 17;
    status.counts.bytesWritten = 5242880;
    status.failureQueue = 3;
    status.transientFailures = 2;
    status.partitions = 6;
    status.lag = 263;
    status.lagSeconds = 3725.4;
    status.lastError = QStringLiteral("broker 127.0.0.1:9092 went away");
    status.selfCheck = {
        {QStringLiteral("librdkafka_snappy"), true, QStringLiteral("librdkafka 2.0.2 with snappy")},
        {QStringLiteral("checkpoint_vs_group"), false,
         QStringLiteral("mulog_clean_24[3]: local checkpoint 120, group commit 100")}};
    return status;
}

CliRun runMtga(const QStringList& arguments) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    environment.remove(QStringLiteral("LANGUAGE"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MTGA_BINARY), arguments);
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

}  // namespace mtga::test
