#pragma once

// HealthMonitor: samples every partition the pipeline owns every few seconds on its own thread,
// judges it (HealthRules), keeps the records in the store, and tells the pipeline of every state
// change. Readers (offsets, status, stats events, metrics) copy the published view, which never
// waits for a turn under way.

#include "shared/result.h"
#include "worker/health/healthrules.h"
#include "worker/kafka/topicpartition.h"

#include <QCoreApplication>

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

namespace mtga {

class Store;

struct HealthInput {
    TopicPartition partition;
    HealthSample sample;  // timeMs is set by the monitor
};

// What readers see of one partition.
struct PartitionHealth {
    HealthState state = HealthState::Ok;
    int64_t sinceMs = 0;
    int64_t lost = 0;
    HealthRates rates;
    std::vector<std::pair<int64_t, int64_t>> highs;  // (timeMs, High) of the kept samples
};

class HealthMonitor {
    Q_DECLARE_TR_FUNCTIONS(HealthMonitor)

public:
    using Inputs = std::function<std::vector<HealthInput>()>;
    using Changed = std::function<void(const TopicPartition&, const HealthTransition&)>;
    using Clock = std::function<int64_t()>;  // epoch ms

    // `store` must outlive the monitor.
    HealthMonitor(HealthOptions options, Store& store, Inputs inputs, Changed changed,
                  Clock clock = {});
    ~HealthMonitor();
    HealthMonitor(const HealthMonitor&) = delete;
    HealthMonitor& operator=(const HealthMonitor&) = delete;

    // Loads the records the store kept, then samples on its thread.
    Result<void> start();
    void stop();
    // One turn, now, on the caller's thread.
    void sampleNow();

    std::optional<PartitionHealth> health(const TopicPartition& partition) const;
    // The worst state of the partitions sampled last; ok when there are none.
    HealthState worst() const;
    // Since when (epoch ms) the message at `position` has been in the log, as far as the sampled
    // High values tell (the first sample that saw High past it); nullopt when none did.
    std::optional<int64_t> inLogSinceMs(const TopicPartition& partition, int64_t position) const;

private:
    static constexpr int64_t kPersistEveryMs = 10'000;

    void run();
    // The records of `only` (every record when empty) into the store. Turn lock held.
    void persist(const std::set<TopicPartition>& only);
    void publish(std::map<TopicPartition, PartitionHealth> views, HealthState worst);

    HealthRules m_rules;
    HealthOptions m_options;
    Store& m_store;
    Inputs m_inputs;
    Changed m_changed;
    Clock m_clock;
    std::map<TopicPartition, HealthRecord> m_records;  // the monitor's turns only
    int64_t m_persistedAtMs = 0;                       // the monitor's turns only
    std::mutex m_turnMutex;                            // one turn at a time

    std::thread m_thread;
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    bool m_stopping = false;  // guarded by m_wakeMutex

    mutable std::mutex m_viewMutex;
    std::map<TopicPartition, PartitionHealth> m_views;
    HealthState m_worst = HealthState::Ok;
};

}  // namespace mtga
