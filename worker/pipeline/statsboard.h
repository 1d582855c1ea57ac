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

// One app's records since the pipeline started.
struct AppCounts {
    uint64_t consumed = 0;  // records of the app's events taken from Kafka
    uint64_t written = 0;   // lines the output took
    uint64_t filtered = 0;
    uint64_t failed = 0;
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
    int64_t lastCheckpointMs = 0;          // epoch ms of the last successful checkpoint; 0: none
    int64_t lastCheckpointDurationMs = 0;  // how long it took, output confirmation included
    std::map<int, AppCounts> apps;         // by app id (-1: records whose app is not known)
    QString lastError;
};

// Per-app counts with the last app looked up at hand: a batch's records come in runs of one app.
class AppTally {
public:
    explicit AppTally(std::map<int, AppCounts>& apps) : m_apps(apps) {}
    AppCounts& of(int app) {
        if (m_last == nullptr || app != m_lastApp) {
            m_last = &m_apps[app];
            m_lastApp = app;
        }
        return *m_last;
    }

private:
    std::map<int, AppCounts>& m_apps;
    AppCounts* m_last = nullptr;
    int m_lastApp = 0;
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
