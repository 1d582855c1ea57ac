#pragma once

// ControlServer: the worker's end of the control socket (docs/protocol.md). It reads requests line
// by line from any number of clients, checks who may run what, and calls the handler registered
// for each command in the thread that owns it (the worker's event loop).

#include "shared/result.h"
#include "worker/control/controlserveroptions.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>

class QLocalServer;
class QLocalSocket;

namespace mtga {

class ControlServer : public QObject {
    Q_OBJECT

public:
    using Handler = std::function<Result<QJsonObject>(const QJsonObject& args)>;
    // Mutating commands change what the worker does (retry, clear, reset, stop...) and are
    // allowed only to the admins of ControlServerOptions; anyone who can open the socket may read.
    enum class Access { Read, Mutating };

    // `options.socket` is made absolute against the current directory.
    explicit ControlServer(const ControlServerOptions& options, QObject* parent = nullptr);
    ~ControlServer() override;

    // Creates the socket's directory and listens, replacing a stale socket file left by a worker
    // that died. Fails (code "control_in_use") when another process answers on the path or the
    // path is something other than a socket, or ("control_listen_failed") when it cannot listen.
    Result<void> listen();
    bool isListening() const;
    QString socketPath() const { return m_socketPath; }

    // Registers or replaces the handler of `name`. Handlers' errors go back to the client as they
    // are ({code, message}). "hello" is built in and cannot be replaced. Handlers run in this
    // object's thread and must not spin a nested event loop (a client could vanish under them).
    void registerCommand(const QString& name, Handler handler, Access access);

Q_SIGNALS:
    // After each reply: `command` is empty when the line was not a readable request, `errorCode`
    // is empty when the reply was ok.
    void replied(const QString& command, const QString& errorCode);

private:
    struct Command {
        Handler handler;
        Access access = Access::Read;
    };
    struct Connection;

    void acceptConnections();
    void readFrom(QLocalSocket* socket);
    void replyLineTooLong(QLocalSocket* socket);
    QByteArray handleLine(const Connection& connection, const QByteArray& line);
    Result<QJsonObject> runCommand(const Connection& connection, const QString& name,
                                   const QJsonObject& args);
    Result<QJsonObject> hello(const Connection& connection, const QJsonObject& args);
    bool isAdmin(const Connection& connection) const;
    Result<void> prepareSocketPath();

    ControlServerOptions m_options;
    QString m_socketPath;
    QLocalServer* m_server = nullptr;  // child
    QHash<QString, Command> m_commands;
    std::unordered_map<QLocalSocket*, std::unique_ptr<Connection>> m_connections;
};

}  // namespace mtga
