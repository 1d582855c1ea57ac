#pragma once

// The offset-reset commands of the control socket (docs/protocol.md): reset_offsets and
// undo_reset answer when the pipeline's reset thread is done (a drain may take seconds), so they
// block neither other clients nor the pushed stats; reset_journal reads the store.

#include "worker/control/controlserver.h"
#include "worker/pipeline/pipeline.h"

#include <functional>

namespace mtga {

class ResetCommands {
    Q_DECLARE_TR_FUNCTIONS(ResetCommands)

public:
    using PipelineLookup = std::function<Result<Pipeline*>()>;
    static void registerOn(ControlServer& server, PipelineLookup pipeline);

    // The reply as the client gets it: an applied reset also says, for the audit log, where the
    // partitions were ("before") and where they are ("after"), keyed "topic:N".
    static QJsonObject replyJson(const OffsetResetReply& reply);
};

}  // namespace mtga
