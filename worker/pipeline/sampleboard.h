#pragma once

// SampleBoard: the last messages of each partition with what became of their records, for the
// `sample` command, in a ring of `ringSize` per partition. SampleGate decides which messages go
// there: about a hundred a second per partition, in bursts of up to a ring, so a busy pipeline
// pays for little copying and a quiet one (even one whose messages come in batches) shows every
// message.

#include "shared/values/samplereply.h"
#include "worker/kafka/topicpartition.h"
#include "worker/transform/outcome.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string_view>

namespace mtga {

class SampleBoard {
public:
    static constexpr size_t kDefaultRingSize = 50;
    static constexpr double kDefaultPerSecond = 100.0;

    explicit SampleBoard(size_t ringSize = kDefaultRingSize);

    void keep(const TopicPartition& partition, int64_t offset, int64_t nowMs,
              std::string_view payload, const TransformOutput& output);

    // The last `limit` messages of `partition`, newest first.
    std::vector<SampleMessage> last(const TopicPartition& partition, size_t limit) const;
    void drop(const TopicPartition& partition);
    size_t ringSize() const { return m_ringSize; }

private:
    const size_t m_ringSize;
    mutable std::mutex m_mutex;
    std::map<TopicPartition, std::deque<SampleMessage>> m_rings;  // oldest first
};

// One transform thread's side: whether a message is due for the board. No lock: all messages of
// a partition go to one thread. Partitions are told apart by librdkafka's topic handle, which
// lives as long as the consumer.
class SampleGate {
public:
    explicit SampleGate(double perSecond = SampleBoard::kDefaultPerSecond,
                        double burst = static_cast<double>(SampleBoard::kDefaultRingSize))
        : m_perMs(perSecond / 1000.0), m_burst(burst) {}
    bool due(const void* topic, int32_t partition, int64_t nowMs);

private:
    struct Bucket {
        double tokens = 0;
        int64_t lastMs = 0;
    };
    const double m_perMs;
    const double m_burst;
    std::map<std::pair<const void*, int32_t>, Bucket> m_buckets;
};

}  // namespace mtga
