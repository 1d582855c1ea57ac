#include "worker/pipeline/statsboard.h"

#include <utility>

namespace mtga {

void StatsBoard::publish(const PipelineCounters& counters) {
    std::lock_guard lock(m_mutex);
    m_counters = counters;
}

void StatsBoard::publishPartition(const TopicPartitionKey& partition, int64_t nextOffset,
                                  int64_t checkpointed) {
    std::lock_guard lock(m_mutex);
    PartitionProgress& progress = m_partitions[partition];
    progress.partition = partition;
    progress.nextOffset = nextOffset;
    progress.checkpointed = checkpointed;
}

void StatsBoard::publishPartitions(std::vector<PartitionProgress> partitions) {
    std::map<TopicPartitionKey, PartitionProgress> byKey;
    for (PartitionProgress& progress : partitions) {
        byKey.emplace(progress.partition, std::move(progress));
    }
    std::lock_guard lock(m_mutex);
    m_partitions = std::move(byKey);
}

PipelineStats StatsBoard::read() const {
    PipelineStats stats;
    std::lock_guard lock(m_mutex);
    static_cast<PipelineCounters&>(stats) = m_counters;
    stats.partitions.reserve(m_partitions.size());
    for (const auto& [key, progress] : m_partitions) {
        stats.partitions.push_back(progress);
    }
    return stats;
}

}  // namespace mtga
