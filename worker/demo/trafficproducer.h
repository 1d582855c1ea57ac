#pragma once

// TrafficProducer: writes SampleEventGenerator events into a Kafka topic with Kafka-level snappy
// compression, event i to partition i % partitions, either all at once (tests) or at a steady
// rate from the event loop (`mtga demo`, `mtga generate`).

#include "shared/result.h"
#include "worker/demo/sampleevents.h"
#include "worker/kafka/kafkaclient.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace mtga {

struct TrafficOptions {
    std::string bootstrapServers;
    std::string topic;
    uint64_t seed = 1;
    std::vector<int> appIds{24};
    uint64_t firstIndex = 0;  // lets a second run continue where an earlier one stopped
    int invalidPerMille = 0;  // broken events per thousand
    KafkaProperties extraProperties;
};

class TrafficProducer : public QObject {
    Q_OBJECT

public:
    static Result<std::unique_ptr<TrafficProducer>> create(const TrafficOptions& options);
    ~TrafficProducer() override;

    int partitionCount() const { return m_partitions; }
    const SampleEventGenerator& generator() const { return m_generator; }

    // Enqueues the next `count` events, waiting for room in librdkafka's queue when it is full.
    Result<void> produce(uint64_t count);
    // Waits until every enqueued event is acknowledged or has failed.
    Result<void> flush(int timeoutMs);

    // Produces `eventsPerSecond` from the event loop until `limit` events (0: until stopped).
    void startPumping(double eventsPerSecond, uint64_t limit);
    void stopPumping();

    uint64_t enqueued() const { return m_nextIndex - m_options.firstIndex; }
    uint64_t delivered() const { return m_delivered.load(); }
    uint64_t failed() const { return m_failed.load(); }
    QString lastDeliveryError() const;

Q_SIGNALS:
    // The pump reached its limit and every event it sent was acknowledged or failed.
    void pumpFinished();

private:
    explicit TrafficProducer(const TrafficOptions& options);
    // Returns false when librdkafka's queue is full and the event was not taken.
    Result<bool> tryProduceNext();
    void pumpTick();
    static void onDelivery(rd_kafka_t* client, const rd_kafka_message_t* message, void* opaque);

    TrafficOptions m_options;
    SampleEventGenerator m_generator;
    KafkaHandle m_client;
    int m_partitions = 0;
    uint64_t m_nextIndex = 0;
    std::atomic<uint64_t> m_delivered{0};
    std::atomic<uint64_t> m_failed{0};
    rd_kafka_resp_err_t m_lastError = RD_KAFKA_RESP_ERR_NO_ERROR;

    QTimer m_pumpTimer;
    QElapsedTimer m_pumpClock;
    double m_pumpRate = 0;
    uint64_t m_pumpLimit = 0;
    uint64_t m_pumpStartIndex = 0;
};

}  // namespace mtga
