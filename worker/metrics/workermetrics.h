#pragma once

// WorkerMetrics: what /metrics says of a worker, with Prometheus' naming conventions: the
// pipeline's counters (by app), the failure queue by reason, every partition's offsets, lag and
// health (the same rows `offsets` answers), the checkpoints and the build. /healthz's verdict too.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <map>
#include <string>

namespace mtga {

class Pipeline;

class WorkerMetrics {
    Q_DECLARE_TR_FUNCTIONS(WorkerMetrics)

public:
    // `pipeline` null or not running: the build and mtga_up 0 only. `failuresByReason`: the
    // failure queue's counts (read from the store, which the caller caches).
    static QByteArray render(const Pipeline* pipeline, bool running,
                             const std::map<std::string, uint64_t>& failuresByReason,
                             int64_t nowMs);

    struct Verdict {
        bool healthy = true;
        QString reason;  // why not, or the state when healthy
    };
    // Unhealthy (503) while no pipeline runs or a partition is stopped, rewound or lost events.
    static Verdict healthz(const Pipeline* pipeline, bool running);
};

}  // namespace mtga
