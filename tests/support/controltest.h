#pragma once

// What the control-socket tests share: a raw line client that lets this thread's event loop run
// (so a server in the same thread answers), the test's command table, a stale socket file,
// ControlClient in a thread of its own, `mtga status` as a process, and a sample `status`.

#include "shared/commands.h"
#include "shared/result.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"
#include "worker/control/controlserver.h"
#include "worker/control/controlserveroptions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QLocalSocket>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace mtga::test {

inline constexpr int kReplyTimeoutMs = 10'000;

ControlServerOptions controlConfig(const QString& socket, std::vector<uint32_t> uids = {},
                                   std::vector<uint32_t> gids = {});

// The builtin commands and the tests' stand-ins: `echo` (read; returns its arguments, which are
// declared for the values the tests send), `measure` (read; the length of its `pad`), `poke`
// (mutating) and `nudge` (mutating, with an integer `by`).
CommandTable testCommands();

// A ControlServer of testCommands() listening on `config.socket`, with these handlers; nullptr
// (and a warning) when a handler's command is not in the table or it cannot listen.
std::unique_ptr<ControlServer> startTestServer(
    const ControlServerOptions& config,
    std::vector<std::pair<QString, ControlServer::Handler>> handlers = {});
// `echo`'s handler: its arguments are its result.
ControlServer::Handler echoHandler();
// A handler that always answers `result`.
ControlServer::Handler resultHandler(QJsonObject result);

// A client that speaks raw bytes and lets the event loop run while it waits.
class LineClient {
public:
    bool connectTo(const QString& path);
    void send(const QByteArray& bytes);
    // The next line from the server as a JSON object; empty when none came in time.
    QJsonObject nextReply(int timeoutMs = kReplyTimeoutMs);
    // True when nothing more arrives within `ms`.
    bool staysQuiet(int ms);
    bool isConnected() const { return m_socket.state() == QLocalSocket::ConnectedState; }

private:
    QLocalSocket m_socket;
};

QString errorCode(const QJsonObject& reply);
QString errorMessage(const QJsonObject& reply);

// A socket file whose listener is gone, as a worker killed with SIGKILL leaves it.
bool makeStaleSocket(const QString& path);
bool isSocketFile(const QString& path);

// For QVERIFY2, which evaluates its message even when the check passes.
QByteArray describe(const Result<QJsonObject>& result);

// ControlClient blocks, so it runs in its own thread while this one runs the server under test.
struct ThreadedCall {
    std::optional<Result<QJsonObject>> result;
    qint64 elapsedMs = -1;
};
ThreadedCall callInThread(const QString& path, const QString& cmd, const QJsonObject& args = {},
                          std::chrono::milliseconds timeout = std::chrono::seconds(10));

// The `status` the sample worker returns, with distinct numbers so that the report can be
// checked field by field; one of its two self-checks failed.
WorkerStatus sampleStatus();
// An `offsets` answer out of order on purpose (the table sorts them), partition 10 after 1
// (numbers, not text), one partition that has brought nothing yet; its lag is 263.
OffsetsReply sampleOffsets();

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};
// Runs `mtga ARGS` in the C locale without blocking this thread, whose event loop may serve the
// socket.
CliRun runMtga(const QStringList& arguments);

}  // namespace mtga::test
