#pragma once

// SelfCheck: the results of the worker's checks of itself (librdkafka with snappy, the store,
// the output topic, local checkpoints against the group's commits, the log's position), logged
// when found and shown by `mtga status`. A check done again replaces its earlier result.

#include "worker/source/kafkasource.h"

#include <QCoreApplication>
#include <QString>

#include <mutex>
#include <string>
#include <vector>

namespace mtga {

struct SelfCheckFinding {
    std::string check;  // librdkafka_snappy, store, output_topic, checkpoint_vs_group...
    bool ok = true;
    QString detail;
};

// One partition whose local checkpoint and group commit differ at an assignment.
struct CheckpointMismatch {
    TopicPartition partition;
    int64_t checkpointed = -1;
    int64_t committed = -1;
    int64_t chosen = -1;
};

class SelfCheck {
    Q_DECLARE_TR_FUNCTIONS(SelfCheck)

public:
    // Logs the finding (a warning when it failed) and keeps it. Any thread.
    void add(SelfCheckFinding finding);
    std::vector<SelfCheckFinding> findings() const;

    // Compares, for every partition with both, the local checkpoint with the group's commit. A
    // difference is normal after a crash (ours ahead) or a hand-over (the group's ahead); either
    // way it is reported with both values and where consumption starts.
    static SelfCheckFinding compareCheckpoints(const std::vector<StartOffsetDecision>& decisions,
                                               std::vector<CheckpointMismatch>* mismatches);

private:
    mutable std::mutex m_mutex;
    std::vector<SelfCheckFinding> m_findings;
};

}  // namespace mtga
