#pragma once

// Between the worker's partitions (TopicPartition) and librdkafka's partition lists, which the
// consumer's assign, pause, resume, commit and rebalance calls take and give.

#include "worker/kafka/kafkahandles.h"
#include "worker/kafka/topicpartition.h"

#include <librdkafka/rdkafka.h>

#include <vector>

namespace mtga {

KafkaPartitionList toPartitionList(const std::vector<TopicPartition>& partitions);
// The list's partitions in its order; none for a null list.
std::vector<TopicPartition> partitionsOf(const rd_kafka_topic_partition_list_t* list);

}  // namespace mtga
