#pragma once

// EmbeddedKafka: librdkafka's mock cluster on loopback. It speaks the real Kafka protocol, so any
// client (mtga's own, kcat) can use it; it backs `mtga demo`, `mtga dev-kafka` and the tests.
//
// Limits of librdkafka 2.0.2's mock that callers must respect: it keeps at most 5 MiB of
// compressed data per partition and silently drops older message sets (Low moves up), and a new
// consumer group's first join takes about 3 s.

#include "shared/result.h"
#include "worker/kafka/kafkahandles.h"

#include <QCoreApplication>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mtga {

struct TopicSpec {
    std::string name;
    int partitions = 1;

    // Parses "NAME:PARTITIONS" (or "NAME", one partition) as `mtga dev-kafka --topic` takes it.
    static Result<TopicSpec> parse(const QString& text);
};

class EmbeddedKafka {
    Q_DECLARE_TR_FUNCTIONS(EmbeddedKafka)

public:
    // Brokers get ids 1..brokerCount.
    static Result<std::unique_ptr<EmbeddedKafka>> start(int brokerCount);

    EmbeddedKafka(const EmbeddedKafka&) = delete;
    EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;
    ~EmbeddedKafka();

    const std::string& bootstrapServers() const { return m_bootstrapServers; }
    int brokerCount() const { return m_brokerCount; }

    Result<void> createTopic(const TopicSpec& topic);

    // Fault injection: a broker that is down closes its connections and accepts none.
    Result<void> setBrokerDown(int32_t brokerId);
    Result<void> setBrokerUp(int32_t brokerId);
    // Every broker answers each request this much later: a slow network or a loaded cluster,
    // so a consumer stays behind long enough for tests to act while it lags.
    Result<void> setRoundTripMs(int milliseconds);
    // The next requests of this API key (e.g. RD_KAFKA_... Fetch = 1) fail with these errors.
    void pushRequestErrors(int16_t apiKey, const std::vector<rd_kafka_resp_err_t>& errors);
    void clearRequestErrors(int16_t apiKey);

private:
    EmbeddedKafka(KafkaHandle handle, KafkaMockCluster cluster, int brokerCount);

    // Declared before the cluster: the cluster must be destroyed first.
    KafkaHandle m_handle;
    KafkaMockCluster m_cluster;
    int m_brokerCount;
    std::string m_bootstrapServers;
};

}  // namespace mtga
