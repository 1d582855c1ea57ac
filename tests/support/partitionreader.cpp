#include "tests/support/partitionreader.h"

#include <QDeadlineTimer>

namespace mtga::test {

Result<std::vector<KafkaRecord>> PartitionReader::readAll(const std::string& bootstrapServers,
                                                          const std::string& topic, size_t expected,
                                                          int timeoutMs) {
    auto conf = makeKafkaConf({{"bootstrap.servers", bootstrapServers},
                               {"group.id", "mtga-test-reader"},
                               {"enable.auto.commit", "false"},
                               {"enable.partition.eof", "false"}});
    if (!conf) {
        return conf.error();
    }
    auto consumer = makeKafkaClient(RD_KAFKA_CONSUMER, std::move(conf).value());
    if (!consumer) {
        return consumer.error();
    }
    rd_kafka_t* client = consumer->get();
    rd_kafka_poll_set_consumer(client);
    auto partitions = topicPartitionCount(client, topic, 10'000);
    if (!partitions) {
        return partitions.error();
    }
    // assign() with explicit offsets: no group membership, no rebalance wait.
    KafkaPartitionList assignment(rd_kafka_topic_partition_list_new(partitions.value()));
    for (int32_t p = 0; p < partitions.value(); ++p) {
        rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), p)->offset =
            RD_KAFKA_OFFSET_BEGINNING;
    }
    if (rd_kafka_assign(client, assignment.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Error::of(ErrorCode::KafkaError, QStringLiteral("assign failed"));
    }
    std::vector<KafkaRecord> records;
    records.reserve(expected);
    const QDeadlineTimer deadline(timeoutMs);
    while (records.size() < expected && !deadline.hasExpired()) {
        KafkaMessage message(rd_kafka_consumer_poll(client, 100));
        if (!message || message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            continue;
        }
        KafkaRecord record;
        record.partition = message->partition;
        record.offset = message->offset;
        record.key.assign(static_cast<const char*>(message->key), message->key_len);
        record.value.assign(static_cast<const char*>(message->payload), message->len);
        records.push_back(std::move(record));
    }
    rd_kafka_consumer_close(client);
    return records;
}

}  // namespace mtga::test
