#pragma once

// The failure-queue commands of the control socket (docs/protocol.md): failure_queue_count and
// failure_queue_list read the store (each scan with its own iterator, beside the pipeline);
// clear_failure_queue goes through the pipeline, whose view of the queue must forget what is
// removed; it, retry_failures and export_failures run on the pipeline's failure-job thread and
// answer when done.

#include "shared/values/failurejobs.h"
#include "shared/values/failurequeue.h"
#include "worker/control/controlserver.h"
#include "worker/pipeline/pipeline.h"

#include <functional>

namespace mtga {

class FailureCommands {
    Q_DECLARE_TR_FUNCTIONS(FailureCommands)

public:
    // As WorkerCommands' lookup, but the clear changes the pipeline.
    using PipelineLookup = std::function<Result<Pipeline*>()>;
    static void registerOn(ControlServer& server, PipelineLookup pipeline);

    static Result<FailureCounts> count(const Store& store, const QJsonObject& args);
    static Result<FailurePage> list(const Store& store, const QJsonObject& args);
    static Result<FailureClearReply> clear(Pipeline& pipeline, const QJsonObject& args);

    static FailureFilter filterOf(const FailureQuery& query);
    // The filter of a clear or a retry: "all", or filters, never neither nor both.
    static Result<FailureFilter> destructiveFilterOf(const QJsonObject& args);
    static FailureRetryReply retryReplyOf(const FailureReplayer::Report& report);
    static FailureRecord recordOf(const FailureEntry& entry);
};

}  // namespace mtga
