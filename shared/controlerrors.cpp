#include "shared/controlerrors.h"

#include "shared/controlprotocol.h"

namespace mtga {

QString ControlErrors::formatSeconds(std::chrono::milliseconds duration) {
    return QString::number(static_cast<double>(duration.count()) / 1000.0, 'g', 6);
}

Error ControlErrors::connectFailed(QLocalSocket::LocalSocketError error, const QString& path,
                                   const QString& cmd, std::chrono::milliseconds timeout,
                                   const QString& errorString) {
    switch (error) {
        case QLocalSocket::ServerNotFoundError:
        case QLocalSocket::ConnectionRefusedError:
            // No file, or a file left by a worker that died: either way nobody is there.
            return Error::of(ErrorCode::NotRunning,
                             tr("no worker is listening on %1 (is mtga running?)").arg(path));
        case QLocalSocket::SocketAccessError:
            return Error::of(ErrorCode::PermissionDenied,
                             tr("permission denied on %1: the control socket is open only to the "
                                "worker's user and group")
                                 .arg(path));
        case QLocalSocket::SocketTimeoutError:
            return timedOut(cmd, timeout, path);
        default:
            return Error::of(ErrorCode::ConnectionFailed,
                             tr("cannot connect to %1: %2").arg(path, errorString));
    }
}

Error ControlErrors::timedOut(const QString& cmd, std::chrono::milliseconds timeout,
                              const QString& path) {
    return Error::of(ErrorCode::Timeout,
                     tr("the worker did not answer \"%1\" within %2 s (socket %3)")
                         .arg(cmd, formatSeconds(timeout), path));
}

Error ControlErrors::closedWithoutAnswer(const QString& cmd, const QString& path) {
    return Error::of(
        ErrorCode::ConnectionClosed,
        tr("the worker on %1 closed the connection without answering \"%2\"").arg(path, cmd));
}

Error ControlErrors::requestTooLong(const QString& cmd) {
    return Error::of(ErrorCode::BadRequest,
                     tr("the request \"%1\" is longer than the protocol's %2 bytes")
                         .arg(cmd)
                         .arg(kMaxControlLineBytes));
}

Error ControlErrors::malformedReply(const QString& path, const QString& why) {
    return Error::of(ErrorCode::BadReply,
                     tr("the worker on %1 sent a malformed reply: %2").arg(path, why));
}

Error ControlErrors::replyLineTooLong(const QString& path) {
    return Error::of(ErrorCode::BadReply,
                     tr("the worker on %1 sent a reply line longer than %2 bytes")
                         .arg(path)
                         .arg(kMaxControlLineBytes));
}

Error ControlErrors::unreadableResult(const QString& path, const QString& cmd, const QString& why) {
    return Error::of(ErrorCode::BadReply,
                     tr("the worker on %1 answered \"%2\" with a result this mtga cannot read: %3")
                         .arg(path, cmd, why));
}

}  // namespace mtga
