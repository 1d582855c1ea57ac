#pragma once

// ControlClient: one blocking request/reply on a worker's control socket, for the CLI. It blocks
// its caller (never use it in the console's GUI thread) in an event loop of its own, never for
// longer than the timeout, and turns every way a call can fail into a message an operator can
// act on.

#include "shared/controlendpoint.h"
#include "shared/result.h"
#include "shared/values/alert.h"
#include "shared/values/failurejobs.h"
#include "shared/values/failurequeue.h"
#include "shared/values/kafkalag.h"
#include "shared/values/offsetresetreply.h"
#include "shared/values/offsetresetrequest.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <optional>

namespace mtga {

class ControlClient {
    Q_DECLARE_TR_FUNCTIONS(ControlClient)

public:
    static constexpr std::chrono::milliseconds kDefaultTimeout{10'000};

    // Connects to `endpoint` (a socket path, relative ones taken from the current directory; or a
    // socket on another host, through ssh), sends `cmd` with `args` and returns the reply's
    // result. `timeout` bounds the whole call: connect (ssh included), write and read. Errors:
    // the worker's own {code, message} when it replied an error, else a client code (ErrorCode:
    // not_running, permission_denied, timeout, connection_closed, connection_failed, bad_reply,
    // ssh_failed) with a translated message naming the socket.
    static Result<QJsonObject> call(const ControlEndpoint& endpoint, const QString& cmd,
                                    const QJsonObject& args = {},
                                    std::chrono::milliseconds timeout = kDefaultTimeout);

    // `status`, `offsets` and `kafka_lag` as typed values; a result that is not one is bad_reply,
    // naming the key that is missing or mistyped.
    static Result<WorkerStatus> status(const ControlEndpoint& endpoint,
                                       std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<OffsetsReply> offsets(const ControlEndpoint& endpoint,
                                        std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<KafkaLag> kafkaLag(const ControlEndpoint& endpoint,
                                     std::chrono::milliseconds timeout = kDefaultTimeout);
    // The alert history, newest first, and a test alert to every receiver (answers once each
    // has answered or timed out).
    static Result<AlertsReply> alerts(const ControlEndpoint& endpoint, qint64 limit,
                                      std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<AlertTestReply> alertsTest(const ControlEndpoint& endpoint,
                                             std::chrono::milliseconds timeout = kDefaultTimeout);

    // The failure-queue commands: the counts (with `matching` when `query` has filters), one page
    // from `cursor` (empty: the first), and a clear of what `query` matches; an empty query
    // clears everything ("all": true), so callers decide that before they call.
    static Result<FailureCounts> failureCounts(const ControlEndpoint& endpoint,
                                               const FailureQuery& query,
                                               std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<FailurePage> failurePage(const ControlEndpoint& endpoint,
                                           const FailureQuery& query, const QString& cursor,
                                           qint64 limit,
                                           std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<FailureClearReply> clearFailures(
        const ControlEndpoint& endpoint, const FailureQuery& query,
        std::chrono::milliseconds timeout = kDefaultTimeout);
    // The matching entries tried again (an empty query: all of them), and written to `path`, a
    // file of the worker's machine; both answer when done.
    static Result<FailureRetryReply> retryFailures(
        const ControlEndpoint& endpoint, const FailureQuery& query,
        std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<FailureExportReply> exportFailures(
        const ControlEndpoint& endpoint, const FailureQuery& query, const QString& path,
        std::chrono::milliseconds timeout = kDefaultTimeout);

    // The offset-reset commands. A reset that is applied answers once the partitions are
    // drained and moved: give it a timeout longer than the worker's pipeline.drain_timeout.
    static Result<OffsetResetReply> resetOffsets(
        const ControlEndpoint& endpoint, const OffsetResetRequest& request,
        std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<OffsetResetReply> undoReset(const ControlEndpoint& endpoint,
                                              std::optional<qint64> id, bool dryRun,
                                              std::chrono::milliseconds timeout = kDefaultTimeout);
    static Result<ResetJournal> resetJournal(const ControlEndpoint& endpoint, qint64 limit,
                                             std::chrono::milliseconds timeout = kDefaultTimeout);

    // "10" for 10 s, "0.5" for 500 ms: how timeouts appear in messages.
    static QString formatSeconds(std::chrono::milliseconds duration);

private:
    // The reply in one line from the worker; nullopt for a pushed event (not the reply).
    static std::optional<Result<QJsonObject>> readReply(const QByteArray& line,
                                                        const QString& where);
};

}  // namespace mtga
