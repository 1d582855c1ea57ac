#pragma once

// WorkerConnection: the console's asynchronous door to one worker's control socket. It connects
// and says `hello` (protocol version; the reply tells whether this connection is an admin's),
// keeps every call pending under its own request id with its own deadline, delivers results as
// typed signals and pushed events as they come, and when the worker goes away, reports why and
// connects again with a backoff that doubles up to a cap. QLocalSocket signals only: it never
// blocks the thread it lives in (never a waitFor*), so a window stays responsive whatever the
// worker does.

#include "shared/controlendpoint.h"
#include "shared/result.h"
#include "shared/values/helloreply.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>
#include <map>
#include <optional>

namespace mtga {

class ControlTransport;

class WorkerConnection : public QObject {
    Q_OBJECT

public:
    // Disconnected: not opened, or closed. Connecting: connecting and saying hello. Connected:
    // hello answered; calls go out at once. Unreachable: the last attempt failed or the worker
    // went away (lastError() says why); the next attempt comes after the backoff.
    enum class State { Disconnected, Connecting, Connected, Unreachable };
    Q_ENUM(State)

    struct Options {
        std::chrono::milliseconds callTimeout{10'000};    // a call's deadline unless it has its own
        std::chrono::milliseconds connectTimeout{5'000};  // connecting and hello, together
        std::chrono::milliseconds firstRetry{250};        // the backoff after the first failure
        std::chrono::milliseconds maxRetry{30'000};       // ... doubling up to this
        // Events delivered unparsed, as eventLineReceived(), when their line begins with their
        // name (ControlProtocol::leadingEventName): the console decodes its 2,000-row stats
        // events on another thread. Others, and these written another way, are eventReceived().
        QStringList rawEvents;
    };

    template <typename T>
    using Callback = std::function<void(const Result<T>&)>;

    explicit WorkerConnection(const ControlEndpoint& endpoint, QObject* parent = nullptr);
    WorkerConnection(const ControlEndpoint& endpoint, Options options, QObject* parent = nullptr);
    ~WorkerConnection() override;

    // Starts connecting (now, even while waiting out a backoff), and keeps reconnecting until
    // close(). Nothing happens before the event loop runs.
    void open();
    // Disconnects and stops reconnecting; pending calls fail with connection_closed.
    void close();

    State state() const { return m_state; }
    // Why the connection is Unreachable (not_running, permission_denied, timeout, bad_reply,
    // unsupported_protocol...); empty code otherwise.
    const Error& lastError() const { return m_lastError; }
    // The worker's hello while Connected; nullopt otherwise.
    const std::optional<HelloReply>& hello() const { return m_hello; }
    // Whether this connection may run mutating commands (a console greys out the rest).
    bool isAdmin() const { return m_hello && m_hello->admin; }
    // How messages name the worker: the socket's absolute path, or "host:PATH" over ssh.
    QString socketPath() const { return m_socketPath; }
    const ControlEndpoint& endpoint() const { return m_endpoint; }
    // The wait before the next attempt after a failure.
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    int pendingCalls() const { return static_cast<int>(m_pending.size()); }

    // Sends `cmd`; returns its request id. It ends with exactly one of replied() (or the typed
    // signal of requestStatus/requestOffsets) and callFailed(), then `done` if given, and never
    // before this function has returned. Calls made while Connecting wait for hello; while
    // Unreachable or Disconnected they fail at once with lastError(). `timeout` (default
    // Options::callTimeout) counts from now.
    qint64 call(const QString& cmd, const QJsonObject& args = {}, Callback<QJsonObject> done = {},
                std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    qint64 requestStatus(Callback<WorkerStatus> done = {});
    qint64 requestOffsets(Callback<OffsetsReply> done = {});

Q_SIGNALS:
    // `reason` has no message unless `state` is Unreachable.
    void stateChanged(mtga::WorkerConnection::State state, const mtga::Error& reason);
    void replied(qint64 id, const QJsonObject& result);
    void statusReceived(qint64 id, const mtga::WorkerStatus& status);
    void offsetsReceived(qint64 id, const mtga::OffsetsReply& offsets);
    void callFailed(qint64 id, const mtga::Error& error);
    // A line the worker pushed on its own: {"event":NAME,...}; `body` is the whole object.
    void eventReceived(const QString& name, const QJsonObject& body);
    // One of Options::rawEvents, its whole line as the worker sent it (without the newline).
    void eventLineReceived(const QString& name, const QByteArray& line);

private:
    using Finisher = std::function<void(qint64 id, const Result<QJsonObject>& reply)>;
    struct Pending {
        QString cmd;
        QByteArray line;
        bool sent = false;
        QTimer* deadline = nullptr;  // child; none for hello, which the connect timer bounds
        Finisher finish;
    };

    template <typename T>
    qint64 typedCall(const QString& cmd, Callback<T> done,
                     void (WorkerConnection::*received)(qint64, const T&));
    qint64 enqueue(const QString& cmd, const QJsonObject& args, std::chrono::milliseconds timeout,
                   Finisher finisher);
    void finish(qint64 id, const Result<QJsonObject>& reply);
    void finishLater(qint64 id, const Error& error);
    void write(Pending& pending);

    void connectNow();
    void sendHello();
    void helloAnswered(const Result<QJsonObject>& reply);
    void readLines();
    void handleLine(const QByteArray& line);
    void transportFailed(const mtga::Error& reason);
    void becomeUnreachable(const Error& reason);
    void dropTransport();
    void setState(State state, const Error& reason);
    // Takes every pending call out and fails it: the hang-up's calls end as not answered.
    void failAll(const Error& reason);

    ControlEndpoint m_endpoint;
    QString m_socketPath;  // m_endpoint.describe(): absolute
    Options m_options;
    State m_state = State::Disconnected;
    bool m_wanted = false;                    // open() and no close() since: reconnect
    ControlTransport* m_transport = nullptr;  // child; a new one per attempt
    QByteArray m_buffer;
    QTimer m_connectTimer;
    QTimer m_retryTimer;
    std::chrono::milliseconds m_retryDelay;
    Error m_lastError;
    std::optional<HelloReply> m_hello;
    qint64 m_nextId = 1;
    std::map<qint64, Pending> m_pending;  // by id: the order the calls were made
};

}  // namespace mtga
