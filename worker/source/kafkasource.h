#pragma once

// KafkaSource: the worker's consumer. It owns the librdkafka consumer on one thread, hands each
// message to the pipeline, starts every assigned partition at the right offset, and on a
// rebalance revoke lets the pipeline finish and checkpoint those partitions before they go.

#include "shared/result.h"
#include "worker/source/kafkaclient.h"
#include "worker/source/watermarkmonitor.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace mtga {

struct KafkaSourceOptions {
    std::string brokers;
    std::vector<std::string> topics;
    std::string group;
    bool startFromLatest = false;
    // Empty: consumer group (subscribe); else exactly these partitions (assign).
    std::vector<TopicPartitionKey> staticPartitions;
    KafkaProperties properties;  // pass-through, applied last
    std::chrono::milliseconds watermarkRefresh{5000};
};

// What the pipeline does for the source. Every call comes from the source's thread.
class KafkaSourceListener {
public:
    virtual ~KafkaSourceListener() = default;
    // The next offset to read of each partition the worker has checkpointed.
    virtual std::map<TopicPartitionKey, int64_t> checkpointedOffsets() = 0;
    virtual void partitionsAssigned(const std::vector<TopicPartitionKey>& partitions) = 0;
    // Must return only once every message of these partitions is written and checkpointed.
    virtual void partitionsRevoking(const std::vector<TopicPartitionKey>& partitions) = 0;
    // Takes the messages (a batch, in fetch order); may block while the pipeline is full.
    // False: stop consuming.
    virtual bool messagesArrived(std::vector<KafkaMessage>& messages) = 0;
    // A consumer error that is not a message (broker down, ...), already logged.
    virtual void errorOccurred(const QString& message) = 0;
};

struct StartOffsetDecision {
    TopicPartitionKey partition;
    int64_t checkpointed = -1;  // -1: none
    int64_t committed = -1;     // -1: none
    int64_t chosen = -1;        // -1: start_from
};

class KafkaSource {
    Q_DECLARE_TR_FUNCTIONS(KafkaSource)

public:
    static Result<std::unique_ptr<KafkaSource>> create(const KafkaSourceOptions& options,
                                                       KafkaSourceListener& listener);
    ~KafkaSource();
    KafkaSource(const KafkaSource&) = delete;
    KafkaSource& operator=(const KafkaSource&) = delete;

    void start();
    // Stops polling, revokes (so the pipeline checkpoints), closes the consumer, joins.
    void stop();

    // Commits offsets to the group (after the checkpoint that holds them is durable).
    Result<void> commit(const std::map<TopicPartitionKey, int64_t>& nextOffsets, bool async);
    // Pausing stops fetching for these partitions, so memory stays bounded while queues are full.
    void pause(const std::vector<TopicPartitionKey>& partitions);
    void resume(const std::vector<TopicPartitionKey>& partitions);

    // The start decisions of the last assignment (for the start-up self-check and `status`).
    std::vector<StartOffsetDecision> startDecisions() const;
    // Low and High of an assigned partition, as the cluster said at the last refresh (or as
    // librdkafka last saw them before the first); false when unknown.
    bool watermarks(const TopicPartitionKey& partition, int64_t* low, int64_t* high) const;
    std::vector<TopicPartitionKey> assignment() const;
    rd_kafka_t* client() const { return m_client.get(); }

private:
    KafkaSource(const KafkaSourceOptions& options, KafkaSourceListener& listener);
    void run();
    void rebalance(rd_kafka_resp_err_t error, rd_kafka_topic_partition_list_t* partitions);
    void assignWithStartOffsets(rd_kafka_topic_partition_list_t* partitions);
    static void onRebalance(rd_kafka_t* client, rd_kafka_resp_err_t error,
                            rd_kafka_topic_partition_list_t* partitions, void* opaque);

    KafkaSourceOptions m_options;
    KafkaSourceListener& m_listener;
    KafkaHandle m_client;
    std::unique_ptr<WatermarkMonitor> m_watermarks;
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    mutable std::mutex m_mutex;  // guards the two below
    std::vector<StartOffsetDecision> m_decisions;
    std::vector<TopicPartitionKey> m_assignment;
};

}  // namespace mtga
