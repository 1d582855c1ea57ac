#pragma once

// The read-only commands `mtga run` answers on its control socket, built from the pipeline's
// state: status (counts, self-check) and offsets (Low/High/Current/Lag per partition).

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

    static QJsonObject status(const Pipeline& pipeline, const QString& configFile, qint64 uptimeMs);
    static QJsonObject offsets(const Pipeline& pipeline);
};

}  // namespace mtga
