#include "shared/controlclient.h"

#include "shared/commands.h"
#include "shared/controlerrors.h"
#include "shared/controlprotocol.h"

#include "shared/controltransport.h"

#include <QEventLoop>
#include <QTimer>

#include <memory>
#include <optional>

namespace mtga {
namespace {

// One request per connection, so any id will do; a reply must echo it (or null, which a server
// sends when it could not read the request at all).
constexpr qint64 kRequestId = 1;

// A call whose result is a typed value: a result it cannot read is the worker's bad reply.
template <typename T, typename Read>
Result<T> typedCall(const ControlEndpoint& endpoint, QLatin1String cmd, const QJsonObject& args,
                    std::chrono::milliseconds timeout, Read read) {
    auto reply = ControlClient::call(endpoint, QString(cmd), args, timeout);
    if (!reply) {
        return reply.error();
    }
    auto value = read(reply.value());
    if (!value) {
        return ControlErrors::unreadableResult(endpoint.describe(), QString(cmd),
                                               value.error().message);
    }
    return value;
}

template <typename T>
Result<T> typedCall(const ControlEndpoint& endpoint, QLatin1String cmd, const QJsonObject& args,
                    std::chrono::milliseconds timeout) {
    return typedCall<T>(endpoint, cmd, args, timeout,
                        [](const QJsonObject& json) { return T::fromJson(json); });
}

}  // namespace

Result<WorkerStatus> ControlClient::status(const ControlEndpoint& endpoint,
                                           std::chrono::milliseconds timeout) {
    return typedCall<WorkerStatus>(endpoint, kStatusCommand, {}, timeout);
}

Result<OffsetsReply> ControlClient::offsets(const ControlEndpoint& endpoint,
                                            std::chrono::milliseconds timeout) {
    return typedCall<OffsetsReply>(endpoint, kOffsetsCommand, {}, timeout);
}

Result<FailureCounts> ControlClient::failureCounts(const ControlEndpoint& endpoint,
                                                   const FailureQuery& query,
                                                   std::chrono::milliseconds timeout) {
    return typedCall<FailureCounts>(
        endpoint, kFailureQueueCountCommand, query.toArgs(), timeout, [](const QJsonObject& json) {
            return FailureCounts::fromJson(json, QString(kFailureQueueCountCommand));
        });
}

Result<FailurePage> ControlClient::failurePage(const ControlEndpoint& endpoint,
                                               const FailureQuery& query, const QString& cursor,
                                               qint64 limit, std::chrono::milliseconds timeout) {
    QJsonObject args = query.toArgs();
    args.insert(QStringLiteral("limit"), limit);
    if (!cursor.isEmpty()) {
        args.insert(QStringLiteral("cursor"), cursor);
    }
    return typedCall<FailurePage>(endpoint, kFailureQueueListCommand, args, timeout);
}

Result<FailureClearReply> ControlClient::clearFailures(const ControlEndpoint& endpoint,
                                                       const FailureQuery& query,
                                                       std::chrono::milliseconds timeout) {
    QJsonObject args = query.toArgs();
    if (query.isEmpty()) {
        args.insert(QStringLiteral("all"), true);
    }
    return typedCall<FailureClearReply>(endpoint, kClearFailureQueueCommand, args, timeout);
}

Result<FailureRetryReply> ControlClient::retryFailures(const ControlEndpoint& endpoint,
                                                       const FailureQuery& query,
                                                       std::chrono::milliseconds timeout) {
    QJsonObject args = query.toArgs();
    if (query.isEmpty()) {
        args.insert(QStringLiteral("all"), true);
    }
    return typedCall<FailureRetryReply>(endpoint, kRetryFailuresCommand, args, timeout);
}

Result<FailureExportReply> ControlClient::exportFailures(const ControlEndpoint& endpoint,
                                                         const FailureQuery& query,
                                                         const QString& path,
                                                         std::chrono::milliseconds timeout) {
    QJsonObject args = query.toArgs();
    args.insert(QStringLiteral("path"), path);
    return typedCall<FailureExportReply>(endpoint, kExportFailuresCommand, args, timeout);
}

Result<KafkaLag> ControlClient::kafkaLag(const ControlEndpoint& endpoint,
                                         std::chrono::milliseconds timeout) {
    return typedCall<KafkaLag>(endpoint, kKafkaLagCommand, {}, timeout);
}

Result<AlertsReply> ControlClient::alerts(const ControlEndpoint& endpoint, qint64 limit,
                                          std::chrono::milliseconds timeout) {
    return typedCall<AlertsReply>(endpoint, kAlertsCommand,
                                  QJsonObject{{QLatin1String("limit"), limit}}, timeout);
}

Result<AlertTestReply> ControlClient::alertsTest(const ControlEndpoint& endpoint,
                                                 std::chrono::milliseconds timeout) {
    return typedCall<AlertTestReply>(endpoint, kAlertsTestCommand, {}, timeout);
}

Result<OffsetResetReply> ControlClient::resetOffsets(const ControlEndpoint& endpoint,
                                                     const OffsetResetRequest& request,
                                                     std::chrono::milliseconds timeout) {
    return typedCall<OffsetResetReply>(endpoint, kResetOffsetsCommand, request.toArgs(), timeout);
}

Result<OffsetResetReply> ControlClient::undoReset(const ControlEndpoint& endpoint,
                                                  std::optional<qint64> id, bool dryRun,
                                                  std::chrono::milliseconds timeout) {
    QJsonObject args{{QStringLiteral("dry_run"), dryRun}};
    if (id) {
        args.insert(QStringLiteral("id"), *id);
    }
    return typedCall<OffsetResetReply>(endpoint, kUndoResetCommand, args, timeout);
}

Result<ResetJournal> ControlClient::resetJournal(const ControlEndpoint& endpoint, qint64 limit,
                                                 std::chrono::milliseconds timeout) {
    return typedCall<ResetJournal>(endpoint, kResetJournalCommand,
                                   {{QStringLiteral("limit"), limit}}, timeout);
}

QString ControlClient::formatSeconds(std::chrono::milliseconds duration) {
    return ControlErrors::formatSeconds(duration);
}

Result<QJsonObject> ControlClient::call(const ControlEndpoint& endpoint, const QString& cmd,
                                        const QJsonObject& args,
                                        std::chrono::milliseconds timeout) {
    const QString where = endpoint.describe();
    const QByteArray request = ControlProtocol::encodeRequest({kRequestId, cmd, args});
    if (request.size() - 1 > kMaxControlLineBytes) {
        return ControlErrors::requestTooLong(cmd);
    }

    // The transports are asynchronous (the console shares them); this call waits for its one
    // reply in an event loop of its own, which the deadline ends whatever the worker does.
    const std::unique_ptr<ControlTransport> transport(ControlTransport::create(endpoint, timeout));
    std::optional<Result<QJsonObject>> outcome;
    QEventLoop loop;
    const auto finish = [&](Result<QJsonObject> result) {
        if (!outcome) {
            outcome = std::move(result);
            loop.quit();
        }
    };
    QByteArray buffer;
    QObject::connect(transport.get(), &ControlTransport::opened, &loop,
                     [&] { transport->write(request); });
    QObject::connect(transport.get(), &ControlTransport::readyRead, &loop, [&] {
        buffer += transport->readAll();
        qsizetype newline = -1;
        while (!outcome && (newline = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(newline);
            buffer.remove(0, newline + 1);
            if (auto reply = readReply(line, where)) {
                finish(std::move(*reply));
            }
        }
        if (!outcome && buffer.size() > kMaxControlLineBytes) {
            finish(ControlErrors::replyLineTooLong(where));
        }
    });
    QObject::connect(transport.get(), &ControlTransport::failed, &loop, [&](const Error& reason) {
        if (reason.is(ErrorCode::ConnectionClosed)) {
            finish(ControlErrors::closedWithoutAnswer(cmd, where));
        } else if (reason.is(ErrorCode::Timeout)) {
            finish(ControlErrors::timedOut(cmd, timeout, where));
        } else {
            finish(reason);
        }
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop,
                     [&] { finish(ControlErrors::timedOut(cmd, timeout, where)); });
    deadline.start(timeout);
    transport->open();
    if (!outcome) {
        loop.exec();
    }
    transport->abort();
    return std::move(*outcome);
}

std::optional<Result<QJsonObject>> ControlClient::readReply(const QByteArray& line,
                                                            const QString& where) {
    auto response = ControlProtocol::parseResponse(line);
    if (!response) {
        return ControlErrors::malformedReply(where, response.error().message);
    }
    // A worker may push events on any connection; they are not the reply.
    if (response->kind == ControlResponse::Kind::Event) {
        return std::nullopt;
    }
    if (!response->id.isNull() && response->id.toInteger() != kRequestId) {
        return Error::of(ErrorCode::BadReply,
                         tr("the worker on %1 answered another request (id %2)")
                             .arg(where)
                             .arg(response->id.toInteger()));
    }
    if (!response->ok) {
        return Result<QJsonObject>(response->error);
    }
    return Result<QJsonObject>(std::move(response->result));
}

}  // namespace mtga
