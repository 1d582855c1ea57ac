#include "shared/controlclient.h"

#include "shared/commands.h"
#include "shared/controlerrors.h"
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

// A call whose result is a typed value: a result it cannot read is the worker's bad reply.
template <typename T, typename Read>
Result<T> typedCall(const QString& socketPath, QLatin1String cmd, const QJsonObject& args,
                    std::chrono::milliseconds timeout, Read read) {
    auto reply = ControlClient::call(socketPath, QString(cmd), args, timeout);
    if (!reply) {
        return reply.error();
    }
    auto value = read(reply.value());
    if (!value) {
        return ControlErrors::unreadableResult(QFileInfo(socketPath).absoluteFilePath(),
                                               QString(cmd), value.error().message);
    }
    return value;
}

template <typename T>
Result<T> typedCall(const QString& socketPath, QLatin1String cmd, const QJsonObject& args,
                    std::chrono::milliseconds timeout) {
    return typedCall<T>(socketPath, cmd, args, timeout,
                        [](const QJsonObject& json) { return T::fromJson(json); });
}

}  // namespace

Result<WorkerStatus> ControlClient::status(const QString& socketPath,
                                           std::chrono::milliseconds timeout) {
    return typedCall<WorkerStatus>(socketPath, kStatusCommand, {}, timeout);
}

Result<OffsetsReply> ControlClient::offsets(const QString& socketPath,
                                            std::chrono::milliseconds timeout) {
    return typedCall<OffsetsReply>(socketPath, kOffsetsCommand, {}, timeout);
}

Result<FailureCounts> ControlClient::failureCounts(const QString& socketPath,
                                                   const FailureQuery& query,
                                                   std::chrono::milliseconds timeout) {
    return typedCall<FailureCounts>(socketPath, kFailureQueueCountCommand, query.toArgs(), timeout,
                                    [](const QJsonObject& json) {
                                        return FailureCounts::fromJson(
                                            json, QString(kFailureQueueCountCommand));
                                    });
}

Result<FailurePage> ControlClient::failurePage(const QString& socketPath, const FailureQuery& query,
                                               const QString& cursor, qint64 limit,
                                               std::chrono::milliseconds timeout) {
    QJsonObject args = query.toArgs();
    args.insert(QStringLiteral("limit"), limit);
    if (!cursor.isEmpty()) {
        args.insert(QStringLiteral("cursor"), cursor);
    }
    return typedCall<FailurePage>(socketPath, kFailureQueueListCommand, args, timeout);
}

Result<FailureClearReply> ControlClient::clearFailures(const QString& socketPath,
                                                       const FailureQuery& query,
                                                       std::chrono::milliseconds timeout) {
    QJsonObject args = query.toArgs();
    if (query.isEmpty()) {
        args.insert(QStringLiteral("all"), true);
    }
    return typedCall<FailureClearReply>(socketPath, kClearFailureQueueCommand, args, timeout);
}

Result<KafkaLag> ControlClient::kafkaLag(const QString& socketPath,
                                         std::chrono::milliseconds timeout) {
    return typedCall<KafkaLag>(socketPath, kKafkaLagCommand, {}, timeout);
}

QString ControlClient::formatSeconds(std::chrono::milliseconds duration) {
    return ControlErrors::formatSeconds(duration);
}

Result<QJsonObject> ControlClient::call(const QString& socketPath, const QString& cmd,
                                        const QJsonObject& args,
                                        std::chrono::milliseconds timeout) {
    const QDeadlineTimer deadline(timeout);
    // QLocalSocket would look a relative name up in /tmp, not where the operator thinks it is.
    const QString path = QFileInfo(socketPath).absoluteFilePath();
    const auto timedOut = [&] { return ControlErrors::timedOut(cmd, timeout, path); };
    const auto closed = [&] { return ControlErrors::closedWithoutAnswer(cmd, path); };

    const QByteArray request = ControlProtocol::encodeRequest({kRequestId, cmd, args});
    if (request.size() - 1 > kMaxControlLineBytes) {
        return ControlErrors::requestTooLong(cmd);
    }

    QLocalSocket socket;
    socket.connectToServer(path);
    if (socket.state() != QLocalSocket::ConnectedState &&
        !socket.waitForConnected(remainingMs(deadline))) {
        return ControlErrors::connectFailed(socket.error(), path, cmd, timeout,
                                            socket.errorString());
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
            return Error::of(ErrorCode::ConnectionFailed,
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
                return ControlErrors::malformedReply(path, response.error().message);
            }
            // A worker may push events on any connection; they are not the reply.
            if (response->kind == ControlResponse::Kind::Event) {
                continue;
            }
            if (!response->id.isNull() && response->id.toInteger() != kRequestId) {
                return Error::of(ErrorCode::BadReply,
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
            return ControlErrors::replyLineTooLong(path);
        }
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(remainingMs(deadline))) {
            if (socket.state() != QLocalSocket::ConnectedState && socket.bytesAvailable() == 0) {
                return closed();
            }
            if (deadline.hasExpired() || socket.error() == QLocalSocket::SocketTimeoutError) {
                return timedOut();
            }
            if (socket.bytesAvailable() == 0) {
                return Error::of(ErrorCode::ConnectionFailed,
                                 tr("cannot read from %1: %2").arg(path, socket.errorString()));
            }
        }
        buffer += socket.readAll();
    }
}

}  // namespace mtga
