#pragma once

// The read-only commands `mtga run` answers on its control socket, built from the pipeline's
// state: status (counts, self-check) and offsets (Low/High/Current/Lag per partition), as the
// typed values every client reads (shared/values/).

#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"
#include "worker/control/controlserver.h"
#include "worker/pipeline/pipeline.h"

#include <QElapsedTimer>

namespace mtga {

class WorkerCommands {
    Q_DECLARE_TR_FUNCTIONS(WorkerCommands)

public:
    // `pipeline` must outlive `server`'s use of the commands.
    static void registerOn(ControlServer& server, const Pipeline& pipeline,
                           const QString& configFile);

    static WorkerStatus status(const Pipeline& pipeline, const QString& configFile,
                               qint64 uptimeMs);
    static OffsetsReply offsets(const Pipeline& pipeline);
};

}  // namespace mtga
