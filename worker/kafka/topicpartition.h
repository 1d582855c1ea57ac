#pragma once

// One Kafka partition of one topic: the key of offsets, watermarks, checkpoints and progress
// across the worker. Ordered by topic, then partition, as the store's offset keys sort.

#include <compare>
#include <cstdint>
#include <string>

namespace mtga {

struct TopicPartition {
    std::string topic;
    int32_t partition = 0;

    friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
    friend bool operator==(const TopicPartition&, const TopicPartition&) = default;
};

}  // namespace mtga
