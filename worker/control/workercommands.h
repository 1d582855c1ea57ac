#pragma once

// The read-only commands `mtga run` answers on its control socket, built from the pipeline's
// state: status (counts, self-check), offsets (Low/High/Current/Lag per partition) and
// kafka_lag (their total), as the typed values every client reads (shared/values/).

#include "shared/values/kafkalag.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"
#include "worker/control/controlserver.h"
#include "worker/pipeline/pipeline.h"

#include <QElapsedTimer>

#include <functional>

namespace mtga {

class WorkerCommands {
    Q_DECLARE_TR_FUNCTIONS(WorkerCommands)

public:
    // The pipeline the commands read, looked up at each call: the worker host replaces its
    // pipeline in the same process, and has none while a restart failed to start one (the
    // commands then answer the lookup's error). A pipeline it returns must stay alive until the
    // event loop runs again.
    using PipelineLookup = std::function<Result<const Pipeline*>()>;
    static void registerOn(ControlServer& server, PipelineLookup pipeline,
                           const QString& configFile);

    static WorkerStatus status(const Pipeline& pipeline, const QString& configFile,
                               qint64 uptimeMs);
    static OffsetsReply offsets(const Pipeline& pipeline);
    // The total of offsets(): the same rows, so the two never disagree.
    static KafkaLag kafkaLag(const Pipeline& pipeline);
};

}  // namespace mtga
