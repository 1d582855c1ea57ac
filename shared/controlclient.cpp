#include "shared/controlclient.h"

#include "shared/controlprotocol.h"

#include <QDeadlineTimer>
#include <QFileInfo>
#include <QLocalSocket>

#include <algorithm>

namespace mtga {
namespace {

// One request per connection, so any id will do; a reply must echo it (or null, which a server
// sends when it could not read the request at all).
constexpr qint64 kRequestId = 1;

int remainingMs(const QDeadlineTimer& deadline) {
    return static_cast<int>(std::clamp<qint64>(deadline.remainingTime(), 0, INT32_MAX));
}

}  // namespace

QString ControlClient::formatSeconds(std::chrono::milliseconds duration) {
    return QString::number(static_cast<double>(duration.count()) / 1000.0, 'g', 6);
}

Result<QJsonObject> ControlClient::call(const QString& socketPath, const QString& cmd,
                                        const QJsonObject& args,
                                        std::chrono::milliseconds timeout) {
    const QDeadlineTimer deadline(timeout);
    // QLocalSocket would look a relative name up in /tmp, not where the operator thinks it is.
    const QString path = QFileInfo(socketPath).absoluteFilePath();
    const auto timedOut = [&] {
        return controlError(ControlError::Timeout,
                            tr("the worker did not answer \"%1\" within %2 s (socket %3)")
                                .arg(cmd, formatSeconds(timeout), path));
    };
    const auto closed = [&] {
        return controlError(
            ControlError::ConnectionClosed,
            tr("the worker on %1 closed the connection without answering \"%2\"").arg(path, cmd));
    };

    const QByteArray request = ControlProtocol::encodeRequest({kRequestId, cmd, args});
    if (request.size() - 1 > kMaxControlLineBytes) {
        return controlError(ControlError::BadRequest,
                            tr("the request \"%1\" is longer than the protocol's %2 bytes")
                                .arg(cmd)
                                .arg(kMaxControlLineBytes));
    }

    QLocalSocket socket;
    socket.connectToServer(path);
    if (socket.state() != QLocalSocket::ConnectedState &&
        !socket.waitForConnected(remainingMs(deadline))) {
        switch (socket.error()) {
            case QLocalSocket::ServerNotFoundError:
            case QLocalSocket::ConnectionRefusedError:
                // No file, or a file left by a worker that died: either way nobody is there.
                return controlError(
                    ControlError::NotRunning,
                    tr("no worker is listening on %1 (is mtga running?)").arg(path));
            case QLocalSocket::SocketAccessError:
                return controlError(
                    ControlError::PermissionDenied,
                    tr("permission denied on %1: the control socket is open only to the worker's "
                       "user and group")
                        .arg(path));
            case QLocalSocket::SocketTimeoutError:
                return timedOut();
            default:
                return controlError(ControlError::ConnectionFailed,
                                    tr("cannot connect to %1: %2").arg(path, socket.errorString()));
        }
    }

    socket.write(request);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(remainingMs(deadline))) {
            if (deadline.hasExpired() || socket.error() == QLocalSocket::SocketTimeoutError) {
                return timedOut();
            }
            if (socket.state() != QLocalSocket::ConnectedState) {
                return closed();
            }
            return controlError(ControlError::ConnectionFailed,
                                tr("cannot send to %1: %2").arg(path, socket.errorString()));
        }
    }

    QByteArray buffer;
    while (true) {
        qsizetype newline = -1;
        while ((newline = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(newline);
            buffer.remove(0, newline + 1);
            auto response = ControlProtocol::parseResponse(line);
            if (!response) {
                return controlError(ControlError::BadReply,
                                    tr("the worker on %1 sent a malformed reply: %2")
                                        .arg(path, response.error().message));
            }
            // A worker may push events on any connection; they are not the reply.
            if (response->kind == ControlResponse::Kind::Event) {
                continue;
            }
            if (!response->id.isNull() && response->id.toInteger() != kRequestId) {
                return controlError(ControlError::BadReply,
                                    tr("the worker on %1 answered another request (id %2)")
                                        .arg(path)
                                        .arg(response->id.toInteger()));
            }
            if (!response->ok) {
                return response->error;
            }
            return std::move(response->result);
        }
        if (buffer.size() > kMaxControlLineBytes) {
            return controlError(ControlError::BadReply,
                                tr("the worker on %1 sent a reply line longer than %2 bytes")
                                    .arg(path)
                                    .arg(kMaxControlLineBytes));
        }
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(remainingMs(deadline))) {
            if (socket.state() != QLocalSocket::ConnectedState && socket.bytesAvailable() == 0) {
                return closed();
            }
            if (deadline.hasExpired() || socket.error() == QLocalSocket::SocketTimeoutError) {
                return timedOut();
            }
            if (socket.bytesAvailable() == 0) {
                return controlError(ControlError::ConnectionFailed,
                                    tr("cannot read from %1: %2").arg(path, socket.errorString()));
            }
        }
        buffer += socket.readAll();
    }
}

}  // namespace mtga
