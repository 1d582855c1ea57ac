#pragma once

// PartitionReader: a plain librdkafka consumer for tests. It reads every partition of a topic from
// the beginning without a consumer group (so no 3 s group join), to check what Kafka holds.

#include "shared/result.h"
#include "worker/kafka/kafkaclient.h"

#include <string>
#include <vector>

namespace mtga::test {

struct KafkaRecord {
    int32_t partition = 0;
    int64_t offset = 0;
    std::string key;
    std::string value;
};

class PartitionReader {
public:
    // Reads until `expected` records arrived or `timeoutMs` passed; returns what it got.
    static Result<std::vector<KafkaRecord>> readAll(const std::string& bootstrapServers,
                                                    const std::string& topic, size_t expected,
                                                    int timeoutMs);
};

}  // namespace mtga::test
