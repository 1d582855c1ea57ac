#include "shared/localtransport.h"

#include "shared/commands.h"
#include "shared/controlerrors.h"

#include <QCoreApplication>
#include <QLocalSocket>
#include <QPointer>

namespace mtga {

LocalTransport::LocalTransport(const ControlEndpoint& endpoint, QObject* parent)
    : ControlTransport(endpoint, parent), m_socket(new QLocalSocket(this)) {
    connect(m_socket, &QLocalSocket::connected, this, [this] {
        m_connected = true;
        Q_EMIT opened();
    });
    connect(m_socket, &QLocalSocket::readyRead, this, &LocalTransport::readyRead);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &LocalTransport::socketFailed);
    connect(m_socket, &QLocalSocket::disconnected, this, &LocalTransport::socketFailed);
}

void LocalTransport::open() {
    m_socket->connectToServer(where());
}

void LocalTransport::write(const QByteArray& bytes) {
    m_socket->write(bytes);
}

QByteArray LocalTransport::readAll() {
    return m_socket->readAll();
}

void LocalTransport::abort() {
    m_aborted = true;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

void LocalTransport::socketFailed() {
    if (m_ended || m_aborted) {
        return;  // the second signal of the same failure (errorOccurred, then disconnected)
    }
    m_ended = true;
    const QPointer<LocalTransport> self(this);
    // Lines that came with the hang-up are still answers.
    if (m_socket->bytesAvailable() > 0) {
        Q_EMIT readyRead();
        if (self.isNull() || m_aborted) {
            return;
        }
    }
    // The messages were WorkerConnection's before the transport was its own class: the same
    // context keeps their translations.
    const char* context = "mtga::WorkerConnection";
    const QLocalSocket::LocalSocketError error = m_socket->error();
    Error reason;
    if (!m_connected && error != QLocalSocket::PeerClosedError &&
        error != QLocalSocket::UnknownSocketError) {
        // Only waitForConnected() times out, which this class never calls.
        reason =
            ControlErrors::connectFailed(error, where(), QString(kHelloCommand),
                                         std::chrono::milliseconds(0), m_socket->errorString());
    } else if (error == QLocalSocket::PeerClosedError ||
               m_socket->state() != QLocalSocket::ConnectedState) {
        reason = Error::of(ErrorCode::ConnectionClosed,
                           QCoreApplication::translate(
                               context, "the worker on %1 closed the connection (did it stop?)")
                               .arg(where()));
    } else {
        reason = Error::of(ErrorCode::ConnectionFailed,
                           QCoreApplication::translate(context, "the connection to %1 failed: %2")
                               .arg(where(), m_socket->errorString()));
    }
    Q_EMIT failed(reason);
}

}  // namespace mtga
