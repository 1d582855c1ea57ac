#include "worker/kafka/partitionlists.h"

namespace mtga {

KafkaPartitionList toPartitionList(const std::vector<TopicPartition>& partitions) {
    KafkaPartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto& [topic, partition] : partitions) {
        rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    }
    return list;
}

std::vector<TopicPartition> partitionsOf(const rd_kafka_topic_partition_list_t* list) {
    std::vector<TopicPartition> partitions;
    for (int i = 0; list && i < list->cnt; ++i) {
        partitions.push_back({list->elems[i].topic, list->elems[i].partition});
    }
    return partitions;
}

}  // namespace mtga
