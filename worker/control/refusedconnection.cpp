#include "worker/control/refusedconnection.h"

#include "shared/controlprotocol.h"

#include <QJsonValue>
#include <QLocalSocket>
#include <QTimer>

#include <sys/socket.h>

namespace mtga {
namespace {

// How long a refused connection stays half closed for its client to read the line and go.
constexpr int kRefusedGraceMs = 2000;

}  // namespace

void refuseConnection(QLocalSocket* socket, const Error& error) {
    socket->write(ControlProtocol::encodeError(QJsonValue(), error));
    QObject::connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    // A client writes its request as soon as it is connected. Closed with that request unread,
    // the connection is reset (the client's read or next write fails with ECONNRESET or EPIPE),
    // and a Qt client that meets the reset first never reads the line that was there. With
    // only the sending side ended, the client reads the line, then the end of the stream.
    socket->flush();
    if (socket->bytesToWrite() > 0 ||
        ::shutdown(static_cast<int>(socket->socketDescriptor()), SHUT_WR) != 0) {
        socket->disconnectFromServer();  // after the line is written
        return;
    }
    QObject::connect(socket, &QLocalSocket::readyRead, socket, [socket] { socket->readAll(); });
    QTimer::singleShot(kRefusedGraceMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();  // also when the abort finds it disconnected already
    });
}

}  // namespace mtga
