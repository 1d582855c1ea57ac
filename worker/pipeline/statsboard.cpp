#include "worker/pipeline/statsboard.h"

#include <utility>

namespace mtga {

void StatsBoard::publish(const PipelineCounters& counters) {
    std::lock_guard lock(m_mutex);
    m_counters = counters;
}

void StatsBoard::publishProgress(const std::vector<Progress>& progress) {
    std::lock_guard lock(m_mutex);
    for (const auto& [partition, next] : progress) {
        auto [it, added] = m_partitions.try_emplace(*partition);
        if (added) {
            it->second.partition = *partition;
        }
        it->second.nextOffset = next;
    }
}

void StatsBoard::publishPartitions(std::vector<PartitionProgress> partitions) {
    std::map<TopicPartition, PartitionProgress> byKey;
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

std::optional<PartitionProgress> StatsBoard::progressOf(const TopicPartition& partition) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_partitions.find(partition);
    return it == m_partitions.end() ? std::nullopt : std::optional<PartitionProgress>(it->second);
}

}  // namespace mtga
