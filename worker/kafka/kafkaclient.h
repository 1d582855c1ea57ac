#pragma once

// Builds librdkafka clients the way mtga wants them everywhere: properties checked one by one
// with the offending key in the error, and librdkafka's log routed into Qt's "mtga.kafka" category.

#include "shared/result.h"
#include "worker/kafka/kafkahandles.h"

#include <string>
#include <utility>
#include <vector>

namespace mtga {

using KafkaProperties = std::vector<std::pair<std::string, std::string>>;

// A configuration with every property applied, or the first one librdkafka refused.
Result<KafkaConf> makeKafkaConf(const KafkaProperties& properties);

// Creates a producer or consumer from a configuration (takes ownership of it).
Result<KafkaHandle> makeKafkaClient(rd_kafka_type_t type, KafkaConf conf);

// Whether this librdkafka decodes snappy (builtin.features): without it every compressed batch
// would fail.
bool kafkaHasSnappy();

// The number of partitions of a topic, as the cluster's metadata says.
Result<int> topicPartitionCount(rd_kafka_t* client, const std::string& topic, int timeoutMs);

}  // namespace mtga
