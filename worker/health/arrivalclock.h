#pragma once

// ArrivalClock: the Kafka timestamps of the messages a worker has taken but may not have
// processed yet, kept as runs (first and last offset and timestamp of each partition's stretch
// in a fetch), so that the lag in time of a partition is the broker's own time of its next
// unprocessed message, not the event's time nor a guess. The source thread records a run per
// partition per fetch; readers ask from any thread. Bounded per partition.

#include "worker/kafka/topicpartition.h"

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace mtga {

class ArrivalClock {
public:
    static constexpr size_t kMaxRuns = 256;

    struct Run {
        int64_t first = 0;
        int64_t last = 0;
        int64_t firstMs = -1;  // Kafka timestamps; -1 when the message had none
        int64_t lastMs = -1;
    };

    void record(const TopicPartition& partition, const Run& run);
    // The partition's position moved (assigned, revoked, reset): what was taken is no guide.
    void forget(const TopicPartition& partition);
    // The timestamp of the message at `offset` (or of the first taken after it, when offsets
    // have gaps), interpolated within its run; nullopt when nothing at or after it was taken.
    // Runs wholly before `offset` are processed and dropped.
    std::optional<int64_t> timestampAt(const TopicPartition& partition, int64_t offset) const;
    // One past the newest offset taken of the partition; -1 when none was since it moved.
    int64_t readNext(const TopicPartition& partition) const;

private:
    struct Partition {
        std::deque<Run> runs;  // not processed yet as far as the last lookup knew
        int64_t readNext = -1;
    };

    mutable std::mutex m_mutex;
    mutable std::map<TopicPartition, Partition> m_partitions;  // lookups drop processed runs
};

}  // namespace mtga
