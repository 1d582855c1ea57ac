#include "worker/control/controlserver.h"

#include "shared/controlprotocol.h"
#include "shared/values/helloreply.h"
#include "shared/version.h"
#include "worker/control/refusedconnection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QTimer>

#include <sys/socket.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <exception>

Q_LOGGING_CATEGORY(lcControl, "mtga.control", QtInfoMsg)

namespace mtga {
namespace {

// How long listen() waits for an answer on an existing socket file before deciding it is stale.
// A live worker accepts in the kernel at once, so this only matters for a wedged one.
constexpr int kProbeTimeoutMs = 1000;

}  // namespace

struct ControlServer::Connection {
    QLocalSocket* socket = nullptr;
    QByteArray buffer;
    bool discarding = false;  // inside a line that was too long, until its '\n'
    bool subscribed = false;
    int repliesOwed = 0;         // deferred commands not answered yet: it waits, it is not idle
    QElapsedTimer sinceRequest;  // since its last request or deferred reply, or since it connected
    ControlPeer peer;
};

ControlServer::ControlServer(const ControlServerOptions& options, CommandTable commands,
                             QObject* parent)
    : QObject(parent),
      m_options(options),
      m_table(std::move(commands)),
      m_socketPath(QFileInfo(options.socket).absoluteFilePath()),
      m_server(new QLocalServer(this)),
      m_replyChannel(std::make_shared<ControlReply::Channel>()),
      m_idleTimer(new QTimer(this)) {
    m_replyChannel->server = this;
    connect(m_server, &QLocalServer::newConnection, this, &ControlServer::acceptConnections);
    // A quarter of the timeout: a connection is closed at most a quarter late.
    const auto check = std::clamp<qint64>(m_options.idleTimeout.count() / 4, 50, 10'000);
    m_idleTimer->setInterval(static_cast<int>(check));
    connect(m_idleTimer, &QTimer::timeout, this, &ControlServer::closeIdleConnections);
}

ControlServer::~ControlServer() {
    {
        // Replies still owed are dropped from now on, from whichever thread they come.
        std::lock_guard lock(m_replyChannel->mutex);
        m_replyChannel->server = nullptr;
    }
    // Closing removes the socket file, so the next worker starts without a stale one.
    m_server->close();
    delete m_server;  // and with it the client sockets, while m_connections still exists
}

bool ControlServer::isListening() const {
    return m_server->isListening();
}

bool ControlServer::registerCommand(const QString& name, Handler handler) {
    return registerCommand(name, PeerHandler([handler = std::move(handler)](const QJsonObject& args,
                                                                            const ControlPeer&) {
                               return handler(args);
                           }));
}

bool ControlServer::registerCommand(const QString& name, PeerHandler handler) {
    if (name == kHelloCommand || m_table.find(name) == nullptr) {
        qCCritical(lcControl) << "refusing to register" << name
                              << "- not a command of the table in shared/commands.cpp, or built in";
        return false;
    }
    m_handlers.insert(name, std::move(handler));
    return true;
}

bool ControlServer::registerDeferredCommand(const QString& name, DeferredHandler handler) {
    // Registered as a plain handler, so that a deferred command goes through the same checks and
    // error handling as any other; handleLine then writes nothing for it.
    return registerCommand(
        name, [this, handler = std::move(handler)](const QJsonObject& args) -> Result<QJsonObject> {
            const ControlReply reply(m_replyChannel, m_request.socket, m_request.id,
                                     m_request.record, m_request.mutating);
            try {
                handler(args, reply);
            } catch (const std::exception& exception) {
                if (reply.claim()) {
                    throw;  // runCommand answers with the error
                }
                qCCritical(lcControl) << "the handler of" << m_request.record.command
                                      << "threw after answering:" << exception.what();
            }
            m_request.deferred = true;
            return QJsonObject();
        });
}

Result<void> ControlServer::prepareSocketPath() {
    const QFileInfo info(m_socketPath);
    if (!QDir().mkpath(info.absolutePath())) {
        return Error::of(
            ErrorCode::ControlListenFailed,
            tr("cannot create the directory of the control socket %1").arg(m_socketPath));
    }
    struct stat status {};
    if (::lstat(QFile::encodeName(m_socketPath).constData(), &status) != 0) {
        return {};  // nothing there
    }
    if (!S_ISSOCK(status.st_mode)) {
        return Error::of(
            ErrorCode::ControlInUse,
            tr("%1 exists and is not a socket; remove it or set another control.socket")
                .arg(m_socketPath));
    }
    QLocalSocket probe;
    probe.connectToServer(m_socketPath);
    if (probe.state() == QLocalSocket::ConnectedState || probe.waitForConnected(kProbeTimeoutMs)) {
        probe.abort();
        return Error::of(ErrorCode::ControlInUse,
                         tr("another mtga is already listening on %1").arg(m_socketPath));
    }
    switch (probe.error()) {
        case QLocalSocket::ConnectionRefusedError:
        case QLocalSocket::ServerNotFoundError:
            break;  // stale: its worker died without removing it
        case QLocalSocket::SocketAccessError:
            return Error::of(ErrorCode::ControlInUse,
                             tr("%1 belongs to another user, who may be running mtga on it; set "
                                "another control.socket")
                                 .arg(m_socketPath));
        default:
            return Error::of(ErrorCode::ControlInUse,
                             tr("something holds %1 but does not answer (%2); is another mtga "
                                "stuck?")
                                 .arg(m_socketPath, probe.errorString()));
    }
    qCInfo(lcControl) << "removing the stale control socket" << m_socketPath;
    if (!QFile::remove(m_socketPath) && QFileInfo::exists(m_socketPath)) {
        return Error::of(ErrorCode::ControlListenFailed,
                         tr("cannot remove the stale control socket %1").arg(m_socketPath));
    }
    return {};
}

Result<void> ControlServer::listen() {
    if (auto prepared = prepareSocketPath(); !prepared) {
        return prepared;
    }
    // Qt binds in a private directory, sets the mode, then renames into place: the socket is
    // never reachable by others, not even for a moment.
    m_server->setSocketOptions(QLocalServer::UserAccessOption | QLocalServer::GroupAccessOption);
    if (!m_server->listen(m_socketPath)) {
        return Error::of(ErrorCode::ControlListenFailed,
                         tr("cannot listen on %1: %2").arg(m_socketPath, m_server->errorString()));
    }
    qCInfo(lcControl) << "listening on" << m_socketPath;
    m_idleTimer->start();
    return {};
}

void ControlServer::acceptConnections() {
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        if (connectionCount() >= m_options.maxConnections) {
            qCWarning(lcControl) << "refusing a control connection: already" << connectionCount()
                                 << "(control.max_connections)";
            refuseConnection(socket, Error::of(ErrorCode::TooManyConnections,
                                               tr("the worker serves at most %1 control "
                                                  "connections at once (control.max_connections); "
                                                  "try again later")
                                                   .arg(m_options.maxConnections)));
            continue;
        }
        auto connection = std::make_unique<Connection>();
        connection->socket = socket;
        connection->sinceRequest.start();
        connection->peer.connection = ++m_lastConnection;
        struct ucred credentials {};
        socklen_t size = sizeof(credentials);
        if (::getsockopt(static_cast<int>(socket->socketDescriptor()), SOL_SOCKET, SO_PEERCRED,
                         &credentials, &size) == 0) {
            connection->peer.known = true;
            connection->peer.uid = credentials.uid;
            connection->peer.gid = credentials.gid;
            connection->peer.pid = credentials.pid;
            connection->peer.admin = isAdmin(connection->peer);
        } else {
            qCWarning(lcControl) << "cannot read the peer's credentials:" << std::strerror(errno)
                                 << "- it may only read";
        }
        qCDebug(lcControl) << "client connected: pid" << connection->peer.pid << "uid"
                           << connection->peer.uid;
        m_connections.emplace(socket, std::move(connection));
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket, id = m_lastConnection] {
            m_connections.erase(socket);
            Q_EMIT connectionClosed(id);
        });
        readFrom(socket);  // it may have written before we connected readyRead
    }
}

void ControlServer::readFrom(QLocalSocket* socket) {
    const auto found = m_connections.find(socket);
    if (found == m_connections.end()) {
        return;
    }
    Connection& connection = *found->second;
    connection.buffer += socket->readAll();
    qsizetype start = 0;
    qsizetype newline = -1;
    while ((newline = connection.buffer.indexOf('\n', start)) >= 0) {
        const QByteArray line = connection.buffer.mid(start, newline - start);
        start = newline + 1;
        if (connection.discarding) {
            connection.discarding = false;  // that was the end of the long line
            continue;
        }
        if (line.size() > kMaxControlLineBytes) {
            replyLineTooLong(socket);
            continue;
        }
        if (line.trimmed().isEmpty()) {
            continue;  // tolerate blank lines (a human typing into socat)
        }
        connection.sinceRequest.restart();
        socket->write(handleLine(connection, line));
    }
    // Now, not when the event loop next gets to it: a `stop` ends the loop right after.
    socket->flush();
    connection.buffer.remove(0, start);
    if (connection.discarding) {
        connection.buffer.clear();
    } else if (connection.buffer.size() > kMaxControlLineBytes) {
        // Answer now rather than buffer the rest: the client may be waiting for a reply before it
        // sends the newline, and the connection stays usable once the line ends.
        qCDebug(lcControl) << "discarding a request line longer than" << kMaxControlLineBytes
                           << "bytes";
        connection.buffer.clear();
        connection.discarding = true;
        replyLineTooLong(socket);
    }
}

ControlServer::Connection* ControlServer::findConnection(quint64 connection) {
    // Linear: there are at most control.max_connections.
    for (auto& [socket, state] : m_connections) {
        if (state->peer.connection == connection) {
            return state.get();
        }
    }
    return nullptr;
}

bool ControlServer::pushEvent(quint64 connection, const QByteArray& line) {
    Connection* found = findConnection(connection);
    if (found == nullptr || found->socket->state() != QLocalSocket::ConnectedState) {
        return false;
    }
    QLocalSocket* socket = found->socket;
    if (socket->bytesToWrite() > m_options.maxPendingEventBytes) {
        qCWarning(lcControl) << "dropping the control connection of pid" << found->peer.pid
                             << ": it does not read its events (" << socket->bytesToWrite()
                             << "bytes unsent)";
        socket->abort();
        socket->deleteLater();
        return false;
    }
    socket->write(line);
    return true;
}

void ControlServer::setSubscribed(quint64 connection, bool subscribed) {
    if (Connection* found = findConnection(connection)) {
        found->subscribed = subscribed;
        found->sinceRequest.restart();
    }
}

void ControlServer::closeIdleConnections() {
    const qint64 limit = m_options.idleTimeout.count();
    for (auto& [socket, connection] : m_connections) {
        if (!connection->subscribed && connection->repliesOwed <= 0 &&
            connection->sinceRequest.elapsed() >= limit &&
            socket->state() == QLocalSocket::ConnectedState) {
            qCInfo(lcControl) << "closing the control connection of pid" << connection->peer.pid
                              << ": no request for" << limit << "ms (control.idle_timeout)";
            // Disconnected (and then deleted) once its last reply is written.
            socket->disconnectFromServer();
        }
    }
}

void ControlServer::replyLineTooLong(QLocalSocket* socket) {
    socket->write(ControlProtocol::encodeError(
        QJsonValue(),
        Error::of(ErrorCode::LineTooLong,
                  tr("the request line is longer than %1 bytes").arg(kMaxControlLineBytes))));
    Q_EMIT replied(QString(), QString(errorCodeName(ErrorCode::LineTooLong)));
}

QByteArray ControlServer::handleLine(const Connection& connection, const QByteArray& line) {
    auto request = ControlProtocol::parseRequest(line);
    if (!request) {
        qCDebug(lcControl) << "bad request from pid" << connection.peer.pid << ":"
                           << request.error().message;
        Q_EMIT replied(QString(), request.error().codeName());
        return ControlProtocol::encodeError(ControlProtocol::requestIdForError(line),
                                            request.error());
    }
    const CommandSpec* spec = m_table.find(request->cmd);
    CommandRecord record;
    record.peer = connection.peer;
    record.command = request->cmd;
    record.args = request->args;
    record.receivedMs = QDateTime::currentMSecsSinceEpoch();
    m_request = CurrentRequest{connection.socket, request->id, std::move(record),
                               spec != nullptr && spec->access == CommandAccess::Mutating};
    auto result = runCommand(connection, request->cmd, request->args);
    if (m_request.deferred) {
        // Counted after the handler, which may have answered already (then this evens it out).
        ++m_connections.at(connection.socket)->repliesOwed;
        return {};  // its ControlReply answers
    }
    if (m_request.mutating) {
        recordAnswer(m_request.record, result);
    }
    return encodeReply(request->id, request->cmd, result);
}

void ControlServer::recordAnswer(CommandRecord record, const Result<QJsonObject>& result) {
    record.answeredMs = QDateTime::currentMSecsSinceEpoch();
    record.ok = result.ok();
    if (result) {
        record.result = result.value();
    } else {
        record.errorCode = result.error().codeName();
        record.errorMessage = result.error().message;
    }
    Q_EMIT mutatingCommandAnswered(record);
}

QByteArray ControlServer::encodeReply(const QJsonValue& id, const QString& command,
                                      const Result<QJsonObject>& result) {
    if (!result) {
        Q_EMIT replied(command, result.error().codeName());
        return ControlProtocol::encodeError(id, result.error());
    }
    QByteArray reply = ControlProtocol::encodeOk(id, result.value());
    if (reply.size() - 1 > kMaxControlLineBytes) {
        qCWarning(lcControl) << "the reply to" << command << "is" << reply.size()
                             << "bytes, over the protocol's limit";
        const Error error = Error::of(
            ErrorCode::ReplyTooLarge,
            tr("the reply to \"%1\" would be longer than %2 bytes; ask for less (a smaller page)")
                .arg(command)
                .arg(kMaxControlLineBytes));
        Q_EMIT replied(command, error.codeName());
        return ControlProtocol::encodeError(id, error);
    }
    Q_EMIT replied(command, QString());
    return reply;
}

void ControlServer::writeDeferredReply(const QPointer<QLocalSocket>& socket, const QJsonValue& id,
                                       const CommandRecord& record, bool mutating,
                                       const Result<QJsonObject>& result) {
    const QString& command = record.command;
    if (mutating) {
        recordAnswer(record, result);  // what it did counts, whether or not the client stayed
    }
    if (socket) {
        if (const auto found = m_connections.find(socket.data()); found != m_connections.end()) {
            --found->second->repliesOwed;
            found->second->sinceRequest.restart();
        }
    }
    if (!socket || socket->state() != QLocalSocket::ConnectedState) {
        qCDebug(lcControl) << "the client of" << command << "has gone; its reply is dropped";
        Q_EMIT replyDropped(command);
        return;
    }
    socket->write(encodeReply(id, command, result));
    socket->flush();
}

QStringList ControlServer::registeredCommands() const {
    QStringList commands = m_handlers.keys();
    commands << QString(kHelloCommand);
    commands.sort();
    return commands;
}

Result<QJsonObject> ControlServer::runCommand(const Connection& connection, const QString& name,
                                              const QJsonObject& args) {
    const CommandSpec* spec = m_table.find(name);
    const auto found = m_handlers.constFind(name);
    if (name != kHelloCommand && found == m_handlers.cend()) {
        return Error::of(ErrorCode::UnknownCommand,
                         tr("unknown command \"%1\"; this worker knows: %2")
                             .arg(name, registeredCommands().join(QStringLiteral(", "))));
    }
    if (spec != nullptr && spec->access == CommandAccess::Mutating) {
        if (!connection.peer.admin) {
            qCWarning(lcControl) << "refused" << name << "to uid" << connection.peer.uid << "gid"
                                 << connection.peer.gid << "pid" << connection.peer.pid;
            return Error::of(
                ErrorCode::Forbidden,
                connection.peer.known
                    ? tr("\"%1\" changes the worker and is only for admins: uid %2 (gid %3) is in "
                         "neither control.admin_uids nor control.admin_gids")
                          .arg(name)
                          .arg(connection.peer.uid)
                          .arg(connection.peer.gid)
                    : tr("\"%1\" changes the worker and is only for admins, and the worker could "
                         "not tell who you are")
                          .arg(name));
        }
        // Who changed what, for the operators' log.
        qCInfo(lcControl) << "uid" << connection.peer.uid << "pid" << connection.peer.pid << "runs"
                          << name;
    } else {
        qCDebug(lcControl) << "pid" << connection.peer.pid << "runs" << name;
    }
    if (spec != nullptr) {
        if (auto checked = spec->checkArguments(args); !checked) {
            return checked.error();
        }
    }
    if (name == kHelloCommand) {
        return hello(connection, args);
    }
    // A copy: the handler may register or replace commands.
    const PeerHandler handler = found.value();
    try {
        return handler(args, connection.peer);
    } catch (const std::exception& exception) {
        // The socket is an API edge: one broken handler must not take the worker down.
        qCCritical(lcControl) << "the handler of" << name << "threw:" << exception.what();
        return Error::of(ErrorCode::Internal,
                         tr("\"%1\" failed inside the worker: %2")
                             .arg(name, QString::fromLocal8Bit(exception.what())));
    }
}

Result<QJsonObject> ControlServer::hello(const Connection& connection, const QJsonObject& args) {
    // The table checked that a protocol, if given, is an integer.
    const QJsonValue protocol = args.value(QLatin1String("protocol"));
    if (!protocol.isUndefined() && !protocol.isNull() &&
        protocol.toInteger() != kControlProtocolVersion) {
        return Error::of(ErrorCode::UnsupportedProtocol,
                         tr("this worker speaks control protocol %1, not %2; use a matching mtga "
                            "or mtga-console")
                             .arg(kControlProtocolVersion)
                             .arg(protocol.toInteger()));
    }
    HelloReply reply;
    reply.protocol = kControlProtocolVersion;
    reply.server = QStringLiteral("mtga");
    reply.version = QLatin1String(kVersion);
    reply.pid = QCoreApplication::applicationPid();
    reply.commands = registeredCommands();
    reply.admin = connection.peer.admin;
    return reply.toJson();
}

bool ControlServer::isAdmin(const ControlPeer& peer) const {
    if (!peer.known) {
        return false;
    }
    const auto contains = [](const std::vector<uint32_t>& list, uint32_t id) {
        return std::find(list.begin(), list.end(), id) != list.end();
    };
    return contains(m_options.adminUids, peer.uid) || contains(m_options.adminGids, peer.gid);
}

}  // namespace mtga
