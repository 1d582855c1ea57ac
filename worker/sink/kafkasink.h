#pragma once

// KafkaSink: TA lines to a Kafka topic instead of files, with the files' contract. A line is
// acknowledged once the output cluster confirmed it; the producer is idempotent, so its own
// retries never write a line twice, and a source partition's lines share one key, so they stay
// in order in one output partition. A line the cluster refused becomes a failure-queue entry in
// the checkpoint that passes its offset: transient reasons (unreachable past
// message.timeout.ms, no leader) are tried again with a backoff, the others (too large) wait
// for an operator.

#include "shared/result.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/sink/sink.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

namespace mtga {

struct KafkaSinkOptions {
    std::string brokers;
    std::string topic;
    KafkaProperties properties;  // producer pass-through, applied last
    // How long a checkpoint waits for outstanding deliveries before it is postponed.
    std::chrono::milliseconds flushTimeout{10'000};
    // How long one write waits for room in a full producer queue before it returns what it took.
    std::chrono::milliseconds fullQueueWait{250};
};

class KafkaSink : public Sink {
    Q_DECLARE_TR_FUNCTIONS(KafkaSink)

public:
    static Result<std::unique_ptr<KafkaSink>> create(const KafkaSinkOptions& options);
    ~KafkaSink() override;
    KafkaSink(const KafkaSink&) = delete;
    KafkaSink& operator=(const KafkaSink&) = delete;

    bool wantsOrigins() const override { return true; }
    // Waits at most fullQueueWait for room in the producer's queue, then returns the lines
    // taken so far.
    Result<size_t> write(int appId, std::string_view lines,
                         std::span<const LineOrigin> origins) override;
    Result<SinkCheckpoint> prepareCheckpointBy(
        std::chrono::steady_clock::time_point deadline) override;
    std::vector<QString> closeIdle() override { return {}; }

    void abandon() override { m_abandon.store(true); }
    // Purges what the producer holds; those lines are neither confirmed nor refused. Lines in
    // flight may have reached the topic all the same.
    std::string discardUnwritten() override;
    // Lines handed to the producer and not yet confirmed or refused.
    int64_t outstanding() const;

    static bool isTransient(rd_kafka_resp_err_t error);
    // The producer, for tests that inject faults (rd_kafka_test_fatal_error).
    rd_kafka_t* producer() const { return m_client.get(); }
    // How many producers were replaced after a fatal error.
    int replacements() const { return m_replacements; }

private:
    struct Pending;
    explicit KafkaSink(const KafkaSinkOptions& options);
    Result<void> connect();
    // Hands one line to the producer, waiting until `deadline` while its queue is full;
    // NO_ERROR once taken, else why it was not (QUEUE_FULL: still full at the deadline).
    rd_kafka_resp_err_t produce(std::string_view payload, const std::string& key, Pending* pending,
                                std::chrono::steady_clock::time_point deadline);
    Result<void> replaceFailedProducer();  // keeps the old one while it has lines to report
    static void onDelivery(rd_kafka_t* client, const rd_kafka_message_t* message, void* opaque);
    void delivered(const rd_kafka_message_t& message);
    void reject(Pending& pending, std::string line, rd_kafka_resp_err_t error,
                bool possiblyWritten = false);

    KafkaSinkOptions m_options;
    KafkaHandle m_client;
    KafkaTopic m_topic;                     // after m_client: destroyed before it
    std::vector<SinkRejection> m_rejected;  // since the last checkpoint
    std::atomic<bool> m_abandon{false};
    bool m_destroying = false;
    uint64_t m_discards = 0;  // lines produced before the last discard are not reported
    std::string m_discarded;  // their text, as their reports come
    int m_replacements = 0;
};

}  // namespace mtga
