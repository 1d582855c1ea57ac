#pragma once

// ControlServer: the worker's end of the control socket (docs/protocol.md). It reads requests line
// by line from any number of clients, checks who may run what and with which arguments (both
// from the CommandTable), and calls the handler registered for each command in the thread that
// owns it (the worker's event loop).

#include "shared/commands.h"
#include "shared/result.h"
#include "worker/control/controlpeer.h"
#include "worker/control/controlreply.h"
#include "worker/control/controlserveroptions.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

class QLocalServer;
class QLocalSocket;
class QTimer;

namespace mtga {

class ControlServer : public QObject {
    Q_OBJECT

public:
    using Handler = std::function<Result<QJsonObject>(const QJsonObject& args)>;
    // A handler that needs to know who asked (to say so in what it records).
    using PeerHandler =
        std::function<Result<QJsonObject>(const QJsonObject& args, const ControlPeer& peer)>;
    // A command that answers later: it gets the request's reply handle and returns at once, so a
    // long command blocks neither the other clients nor the later requests of its own.
    using DeferredHandler = std::function<void(const QJsonObject& args, ControlReply reply)>;

    // `options.socket` is made absolute against the current directory. `commands` says which
    // commands may be registered, whether each is for admins only, and what arguments it takes;
    // tests add stand-ins to the builtin table.
    explicit ControlServer(const ControlServerOptions& options,
                           CommandTable commands = CommandTable::builtin(),
                           QObject* parent = nullptr);
    ~ControlServer() override;

    // Creates the socket's directory and listens, replacing a stale socket file left by a worker
    // that died. Fails (code "control_in_use") when another process answers on the path or the
    // path is something other than a socket, or ("control_listen_failed") when it cannot listen.
    Result<void> listen();
    bool isListening() const;
    QString socketPath() const { return m_socketPath; }

    // Registers or replaces the handler of `name`, a command of the table: its access and its
    // arguments come from there, and a handler only sees arguments that passed the table's
    // check. A name the table does not have is a programming error: it is logged and refused
    // (false), in every build, so that a command cannot exist without its access rule. "hello"
    // is built in and cannot be replaced. Handlers' errors go back to the client as they are
    // ({code, message}). Handlers run in this object's thread and must not spin a nested event
    // loop (a client could vanish under them).
    bool registerCommand(const QString& name, Handler handler);
    bool registerCommand(const QString& name, PeerHandler handler);
    // The same for a command whose handler answers through `reply`, now or later (see
    // ControlReply). Its replies may overtake or be overtaken by others on the same connection:
    // clients match them by id. The checks before the handler are those of every command.
    bool registerDeferredCommand(const QString& name, DeferredHandler handler);

    // Writes an event line to a connection (ControlPeer::connection). False when the connection
    // is gone, or when it had more than options.maxPendingEventBytes unsent: it is then closed,
    // so that a subscriber that does not read cannot make the worker buffer without bound.
    bool pushEvent(quint64 connection, const QByteArray& line);
    // A subscribed connection is never closed for being idle.
    void setSubscribed(quint64 connection, bool subscribed);
    int connectionCount() const { return static_cast<int>(m_connections.size()); }

Q_SIGNALS:
    // After each reply: `command` is empty when the line was not a readable request, `errorCode`
    // is empty when the reply was ok.
    void replied(const QString& command, const QString& errorCode);
    // A deferred command answered after its client had gone: the reply went nowhere.
    void replyDropped(const QString& command);
    // Every answer to a mutating command of the table, refusals (forbidden, bad arguments)
    // included, in the server's thread: what the worker's audit log records.
    void mutatingCommandAnswered(const mtga::CommandRecord& record);
    // A connection closed, for whatever kept state about it (subscriptions).
    void connectionClosed(quint64 connection);

private:
    struct Connection;
    friend class ControlReply;
    // The request being handled, for the reply handle of a deferred command.
    struct CurrentRequest {
        QLocalSocket* socket = nullptr;
        QJsonValue id;
        CommandRecord record;
        bool mutating = false;
        bool deferred = false;  // its handler answers through a ControlReply
    };

    void acceptConnections();
    void closeIdleConnections();
    Connection* findConnection(quint64 connection);
    void readFrom(QLocalSocket* socket);
    void replyLineTooLong(QLocalSocket* socket);
    QByteArray handleLine(const Connection& connection, const QByteArray& line);
    // The reply line of a request (an error instead when the result does not fit in one).
    QByteArray encodeReply(const QJsonValue& id, const QString& command,
                           const Result<QJsonObject>& result);
    void writeDeferredReply(const QPointer<QLocalSocket>& socket, const QJsonValue& id,
                            const CommandRecord& record, bool mutating,
                            const Result<QJsonObject>& result);
    void recordAnswer(CommandRecord record, const Result<QJsonObject>& result);
    Result<QJsonObject> runCommand(const Connection& connection, const QString& name,
                                   const QJsonObject& args);
    Result<QJsonObject> hello(const Connection& connection, const QJsonObject& args);
    bool isAdmin(const ControlPeer& peer) const;
    QStringList registeredCommands() const;  // with hello, sorted
    Result<void> prepareSocketPath();

    ControlServerOptions m_options;
    CommandTable m_table;
    QString m_socketPath;
    QLocalServer* m_server = nullptr;  // child
    QHash<QString, PeerHandler> m_handlers;
    std::unordered_map<QLocalSocket*, std::unique_ptr<Connection>> m_connections;
    CurrentRequest m_request;
    std::shared_ptr<ControlReply::Channel> m_replyChannel;
    QTimer* m_idleTimer = nullptr;  // child
    quint64 m_lastConnection = 0;
};

}  // namespace mtga
