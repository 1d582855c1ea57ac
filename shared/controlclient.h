#pragma once

// ControlClient: one blocking request/reply on a worker's control socket, for the CLI. It blocks
// the calling thread (never use it in the console's GUI thread), but never for longer than the
// timeout, and turns every way a call can fail into a message an operator can act on.

#include "shared/result.h"
#include "shared/values/failurequeue.h"
#include "shared/values/kafkalag.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <chrono>

namespace mtga {

class ControlClient {
    Q_DECLARE_TR_FUNCTIONS(ControlClient)

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};

    // Connects to `socketPath` (relative paths are taken from the current directory), sends
    // `cmd` with `args` and returns the reply's result. `timeout` bounds the whole call: connect,
    // write and read. Errors: the worker's own {code, message} when it replied an error, else a
    // client code (ErrorCode: not_running, permission_denied, timeout, connection_closed,
    // connection_failed, bad_reply) with a translated message naming the socket.
    static Result<QJsonObject> call(const QString& socketPath, const QString& cmd,
                                    const QJsonObject& args = {},
                                    std::chrono::milliseconds timeout = kDefaultTimeout);

    // `status`, `offsets` and `kafka_lag` as typed values; a result that is not one is bad_reply,
    // naming the key that is missing or mistyped.
    static Result<WorkerStatus> status(const QString& socketPath,
                                       std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<OffsetsReply> offsets(const QString& socketPath,
                                        std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<KafkaLag> kafkaLag(const QString& socketPath,
                                     std::chrono::milliseconds timeout = kDefaultTimeout);

    // The failure-queue commands: the counts (with `matching` when `query` has filters), one page
    // from `cursor` (empty: the first), and a clear of what `query` matches; an empty query
    // clears everything ("all": true), so callers decide that before they call.
    static Result<FailureCounts> failureCounts(const QString& socketPath, const FailureQuery& query,
                                               std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<FailurePage> failurePage(const QString& socketPath, const FailureQuery& query,
                                           const QString& cursor, qint64 limit,
                                           std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<FailureClearReply> clearFailures(
        const QString& socketPath, const FailureQuery& query,
        std::chrono::milliseconds timeout = kDefaultTimeout);

    // "10" for 10 s, "0.5" for 500 ms: how timeouts appear in messages.
    static QString formatSeconds(std::chrono::milliseconds duration);
};

}  // namespace mtga
