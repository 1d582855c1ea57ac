#pragma once

// Control clients for abusing the socket: RawClient sends any bytes and collects every line that
// comes back while this thread's event loop runs; rawSubscriber() subscribes and never reads.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QLocalSocket>
#include <QString>

#include <optional>

namespace mtga::test {

class RawClient {
public:
    RawClient();
    bool connectTo(const QString& path);
    // Connects without waiting, and sends `greeting` once connected, as mtga-console does.
    void connectAndSend(const QString& path, const QByteArray& greeting);
    void send(const QByteArray& bytes) { m_socket.write(bytes); }
    // Whether everything was handed to the kernel in time (the worker reads as it goes).
    bool written(int timeoutMs = 10'000);
    // The first line whose "id" is `id`.
    std::optional<QJsonObject> reply(qint64 id) const;
    bool waitForReply(qint64 id, int timeoutMs = 10'000);
    const QList<QJsonObject>& replies() const { return m_replies; }
    bool isConnected() const { return m_socket.state() == QLocalSocket::ConnectedState; }
    bool gone() const { return m_socket.state() == QLocalSocket::UnconnectedState; }
    void abort() { m_socket.abort(); }
    QString describe() const;  // its state, error and lines, for a failure's message

private:
    QLocalSocket m_socket;
    QList<QJsonObject> m_replies;
};

// A client (a plain file descriptor, with a small receive buffer) that subscribes and then never
// reads; -1 when it cannot connect.
int rawSubscriber(const QString& path, qint64 intervalMs);
// Whether the other end closed the connection, without reading what it sent.
bool peerClosed(int fd);

}  // namespace mtga::test
