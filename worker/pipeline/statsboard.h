#pragma once

// StatsBoard: what `status` and `offsets` read of the pipeline. The pipeline publishes its
// counters and partitions here when they change, under its state lock; readers copy them under
// the board's own lock, held only for the copy, so a read never waits for the output or the
// disk (a checkpoint can hold the state lock for as long as the output takes to confirm).

#include "shared/healthstate.h"
#include "worker/source/watermarkmonitor.h"

#include <QString>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace mtga {

struct PartitionProgress {
    TopicPartition partition;
    int64_t nextOffset = -1;    // processed (written or buffered)
    int64_t checkpointed = -1;  // durable
    int64_t low = -1;
    int64_t high = -1;
    // From the health monitor and the arrival clock (Pipeline::stats(), not the board).
    std::optional<double> lagSeconds;
    std::optional<double> consumeRate;
    std::optional<double> produceRate;
    std::optional<int64_t> etaSeconds;
    HealthState health = HealthState::Ok;
    int64_t healthSinceMs = 0;
    int64_t lost = 0;
};

struct PipelineCounters {
    uint64_t messages = 0;
    uint64_t written = 0;
    uint64_t filtered = 0;
    uint64_t failed = 0;
    uint64_t skippedOnRecovery = 0;
    uint64_t transientFailures = 0;  // in the failure queue, waiting for their next attempt
    uint64_t checkpoints = 0;
    uint64_t bytesWritten = 0;
    QString lastError;
};

struct PipelineStats : PipelineCounters {
    bool blocked = false;  // the output is not taking lines (or not confirming them)
    std::vector<PartitionProgress> partitions;
};

class StatsBoard {
public:
    void publish(const PipelineCounters& counters);
    // Partitions' next offsets now (a batch's); a partition not published yet is added.
    using Progress = std::pair<const TopicPartition*, int64_t>;
    void publishProgress(const std::vector<Progress>& progress);
    // Every partition at once (after an assignment, a revoke or a checkpoint).
    void publishPartitions(std::vector<PartitionProgress> partitions);
    PipelineStats read() const;
    // One partition's progress; nullopt when it is not on the board.
    std::optional<PartitionProgress> progressOf(const TopicPartition& partition) const;

private:
    mutable std::mutex m_mutex;
    PipelineCounters m_counters;
    std::map<TopicPartition, PartitionProgress> m_partitions;
};

}  // namespace mtga
