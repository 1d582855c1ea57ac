#include "shared/workerconnection.h"

#include "shared/commands.h"
#include "shared/controlerrors.h"
#include "shared/controlprotocol.h"

#include "shared/controltransport.h"

#include <QLoggingCategory>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcConnection, "mtga.client", QtInfoMsg)

namespace mtga {

WorkerConnection::WorkerConnection(const ControlEndpoint& endpoint, QObject* parent)
    : WorkerConnection(endpoint, Options{}, parent) {}

WorkerConnection::WorkerConnection(const ControlEndpoint& endpoint, Options options,
                                   QObject* parent)
    : QObject(parent),
      m_endpoint(endpoint),
      m_socketPath(endpoint.describe()),
      m_options(options),
      m_retryDelay(options.firstRetry) {
    m_connectTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        becomeUnreachable(ControlErrors::timedOut(QString(kHelloCommand), m_options.connectTimeout,
                                                  m_socketPath));
    });
    connect(&m_retryTimer, &QTimer::timeout, this, &WorkerConnection::connectNow);
}

WorkerConnection::~WorkerConnection() {
    // Nothing may reach this half-destroyed object: no slot, no callback.
    if (m_transport != nullptr) {
        disconnect(m_transport, nullptr, this, nullptr);
        m_transport->abort();
        delete m_transport;
    }
}

void WorkerConnection::open() {
    m_wanted = true;
    if (m_state == State::Connecting || m_state == State::Connected) {
        return;
    }
    m_retryTimer.stop();
    connectNow();
}

void WorkerConnection::close() {
    m_wanted = false;
    m_retryTimer.stop();
    m_connectTimer.stop();
    dropTransport();
    m_lastError = {};
    m_retryDelay = m_options.firstRetry;
    setState(State::Disconnected, {});
    failAll(
        Error::of(ErrorCode::ConnectionClosed,
                  tr("the call was cancelled: the connection to %1 was closed").arg(m_socketPath)));
}

qint64 WorkerConnection::call(const QString& cmd, const QJsonObject& args,
                              Callback<QJsonObject> done,
                              std::optional<std::chrono::milliseconds> timeout) {
    return enqueue(cmd, args, timeout.value_or(m_options.callTimeout),
                   [this, done = std::move(done)](qint64 id, const Result<QJsonObject>& reply) {
                       if (reply) {
                           Q_EMIT replied(id, reply.value());
                       } else {
                           Q_EMIT callFailed(id, reply.error());
                       }
                       if (done) {
                           done(reply);
                       }
                   });
}

template <typename T>
qint64 WorkerConnection::typedCall(const QString& cmd, Callback<T> done,
                                   void (WorkerConnection::*received)(qint64, const T&)) {
    return enqueue(
        cmd, {}, m_options.callTimeout,
        [this, cmd, received, done = std::move(done)](qint64 id, const Result<QJsonObject>& reply) {
            Result<T> value = reply ? T::fromJson(reply.value()) : Result<T>(reply.error());
            if (reply && !value) {
                value = ControlErrors::unreadableResult(m_socketPath, cmd, value.error().message);
            }
            if (value) {
                Q_EMIT(this->*received)(id, value.value());
            } else {
                Q_EMIT callFailed(id, value.error());
            }
            if (done) {
                done(value);
            }
        });
}

qint64 WorkerConnection::requestStatus(Callback<WorkerStatus> done) {
    return typedCall<WorkerStatus>(QString(kStatusCommand), std::move(done),
                                   &WorkerConnection::statusReceived);
}

qint64 WorkerConnection::requestOffsets(Callback<OffsetsReply> done) {
    return typedCall<OffsetsReply>(QString(kOffsetsCommand), std::move(done),
                                   &WorkerConnection::offsetsReceived);
}

qint64 WorkerConnection::enqueue(const QString& cmd, const QJsonObject& args,
                                 std::chrono::milliseconds timeout, Finisher finisher) {
    const qint64 id = m_nextId++;
    Pending pending;
    pending.cmd = cmd;
    pending.line = ControlProtocol::encodeRequest({id, cmd, args});
    pending.finish = std::move(finisher);
    pending.deadline = new QTimer(this);
    pending.deadline->setSingleShot(true);
    connect(pending.deadline, &QTimer::timeout, this, [this, id, cmd, timeout] {
        finish(id, ControlErrors::timedOut(cmd, timeout, m_socketPath));
    });
    pending.deadline->start(timeout);
    const bool tooLong = pending.line.size() - 1 > kMaxControlLineBytes;
    Pending& stored = m_pending.emplace(id, std::move(pending)).first->second;
    if (tooLong) {
        finishLater(id, ControlErrors::requestTooLong(cmd));
    } else if (m_state == State::Connected) {
        write(stored);
    } else if (m_state != State::Connecting) {
        finishLater(
            id, m_state == State::Unreachable
                    ? m_lastError
                    : Error::of(
                          ErrorCode::ConnectionClosed,
                          tr("not connected to %1: the connection is not open").arg(m_socketPath)));
    }
    return id;
}

void WorkerConnection::write(Pending& pending) {
    pending.sent = true;
    m_transport->write(pending.line);
}

void WorkerConnection::finish(qint64 id, const Result<QJsonObject>& reply) {
    auto node = m_pending.extract(id);
    if (node.empty()) {
        return;  // already ended: timed out, or failed with its connection
    }
    Pending& pending = node.mapped();
    if (pending.deadline != nullptr) {
        pending.deadline->stop();
        pending.deadline->deleteLater();  // it may be the timer whose timeout brought us here
    }
    pending.finish(id, reply);
}

void WorkerConnection::finishLater(qint64 id, const Error& error) {
    // The caller gets its id before it hears how the call ended.
    QMetaObject::invokeMethod(
        this, [this, id, error] { finish(id, error); }, Qt::QueuedConnection);
}

void WorkerConnection::connectNow() {
    dropTransport();
    m_transport = ControlTransport::create(m_endpoint, m_options.connectTimeout, this);
    connect(m_transport, &ControlTransport::opened, this, &WorkerConnection::sendHello);
    connect(m_transport, &ControlTransport::readyRead, this, &WorkerConnection::readLines);
    connect(m_transport, &ControlTransport::failed, this, &WorkerConnection::transportFailed);
    setState(State::Connecting, {});
    m_connectTimer.start(m_options.connectTimeout);
    qCDebug(lcConnection) << "connecting to" << m_socketPath;
    // It may fail before it returns (no such file): transportFailed() has run by then.
    m_transport->open();
}

void WorkerConnection::sendHello() {
    const qint64 id = m_nextId++;
    Pending hello;
    hello.cmd = QString(kHelloCommand);
    hello.line = ControlProtocol::encodeRequest(
        {id, hello.cmd, QJsonObject{{QStringLiteral("protocol"), kControlProtocolVersion}}});
    hello.finish = [this](qint64, const Result<QJsonObject>& reply) { helloAnswered(reply); };
    write(m_pending.emplace(id, std::move(hello)).first->second);
}

void WorkerConnection::helloAnswered(const Result<QJsonObject>& reply) {
    if (!reply) {
        becomeUnreachable(reply.error());  // unsupported_protocol, most likely
        return;
    }
    auto hello = HelloReply::fromJson(reply.value());
    if (!hello) {
        becomeUnreachable(ControlErrors::unreadableResult(m_socketPath, QString(kHelloCommand),
                                                          hello.error().message));
        return;
    }
    m_connectTimer.stop();
    m_hello = std::move(hello).value();
    m_lastError = {};
    m_retryDelay = m_options.firstRetry;
    qCDebug(lcConnection) << "connected to" << m_socketPath << "pid" << m_hello->pid;
    setState(State::Connected, {});
    // Calls made while connecting go out now, in the order they were made.
    for (auto& [id, pending] : m_pending) {
        if (!pending.sent && m_state == State::Connected) {
            write(pending);
        }
    }
}

void WorkerConnection::readLines() {
    ControlTransport* transport = m_transport;
    if (transport == nullptr) {
        return;
    }
    m_buffer += transport->readAll();
    qsizetype start = 0;
    qsizetype newline = -1;
    while ((newline = m_buffer.indexOf('\n', start)) >= 0) {
        const QByteArray line = m_buffer.mid(start, newline - start);
        start = newline + 1;
        if (line.size() > kMaxControlLineBytes) {
            becomeUnreachable(ControlErrors::replyLineTooLong(m_socketPath));
            return;
        }
        if (!line.trimmed().isEmpty()) {
            handleLine(line);
        }
        if (m_transport != transport) {
            return;  // a handler closed or reopened the connection; the rest is moot
        }
    }
    m_buffer.remove(0, start);
    // A worker cannot make us buffer without bound: past the limit without a newline, the line
    // can only be too long, and nothing after it can be matched to a call any more.
    if (m_buffer.size() > kMaxControlLineBytes) {
        becomeUnreachable(ControlErrors::replyLineTooLong(m_socketPath));
    }
}

void WorkerConnection::handleLine(const QByteArray& line) {
    if (!m_options.rawEvents.isEmpty()) {
        const QString name = ControlProtocol::leadingEventName(line);
        if (!name.isEmpty() && m_options.rawEvents.contains(name)) {
            Q_EMIT eventLineReceived(name, line);
            return;
        }
    }
    auto response = ControlProtocol::parseResponse(line);
    if (!response) {
        // Not a reply to anything we can tell: its call, if any, ends by its deadline.
        qCWarning(lcConnection) << "ignoring a malformed line from" << m_socketPath << ":"
                                << response.error().message;
        return;
    }
    if (response->kind == ControlResponse::Kind::Event) {
        Q_EMIT eventReceived(response->event, response->body);
        return;
    }
    qint64 id = 0;
    if (response->id.isNull()) {
        // The worker could not read a request: replies come in request order, so it is the
        // oldest one still waiting.
        const auto oldest = std::find_if(m_pending.begin(), m_pending.end(),
                                         [](const auto& entry) { return entry.second.sent; });
        if (oldest == m_pending.end()) {
            return;
        }
        id = oldest->first;
    } else {
        id = response->id.toInteger();
    }
    if (!m_pending.contains(id)) {
        qCDebug(lcConnection) << "a reply to" << id << "came after its deadline";
        return;
    }
    if (response->ok) {
        finish(id, response->result);
    } else {
        finish(id, response->error);
    }
}

void WorkerConnection::transportFailed(const Error& reason) {
    if (m_transport == nullptr || sender() != m_transport) {
        return;  // an old attempt's transport
    }
    if (reason.is(ErrorCode::Timeout)) {
        // Connecting has one deadline, the connect timer's, and the message names it.
        becomeUnreachable(ControlErrors::timedOut(QString(kHelloCommand), m_options.connectTimeout,
                                                  m_socketPath));
        return;
    }
    becomeUnreachable(reason);
}

void WorkerConnection::becomeUnreachable(const Error& reason) {
    m_connectTimer.stop();
    dropTransport();
    m_lastError = reason;
    qCDebug(lcConnection) << m_socketPath << "is unreachable:" << reason.message << "- retrying in"
                          << m_retryDelay.count() << "ms";
    if (m_wanted) {
        m_retryTimer.start(m_retryDelay);
        m_retryDelay = std::min(m_retryDelay * 2, m_options.maxRetry);
    }
    setState(State::Unreachable, reason);
    failAll(reason);
}

void WorkerConnection::failAll(const Error& reason) {
    std::map<qint64, Pending> failed;
    failed.swap(m_pending);
    for (auto& [id, pending] : failed) {
        if (pending.deadline != nullptr) {
            pending.deadline->stop();
            pending.deadline->deleteLater();
        }
        if (pending.cmd == kHelloCommand && pending.deadline == nullptr) {
            continue;  // the attempt's own hello: its failure is `reason`
        }
        // A sent call that was cut off was not answered; one that was waiting never went out.
        const Error error = pending.sent && reason.is(ErrorCode::ConnectionClosed) && m_wanted
                                ? ControlErrors::closedWithoutAnswer(pending.cmd, m_socketPath)
                                : reason;
        pending.finish(id, error);
    }
}

void WorkerConnection::dropTransport() {
    if (m_transport == nullptr) {
        return;
    }
    ControlTransport* transport = std::exchange(m_transport, nullptr);
    disconnect(transport, nullptr, this, nullptr);
    transport->abort();
    transport->deleteLater();  // we may be inside one of its signals
    m_buffer.clear();
    m_hello.reset();
}

void WorkerConnection::setState(State state, const Error& reason) {
    if (state == m_state) {
        return;
    }
    m_state = state;
    Q_EMIT stateChanged(state, reason);
}

}  // namespace mtga
