#pragma once

// KafkaSource: the worker's consumer. It owns the librdkafka consumer on one thread, hands each
// message to the pipeline, starts every assigned partition at the right offset, and on a
// rebalance revoke lets the pipeline finish and checkpoint those partitions before they go.

#include "shared/result.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/source/watermarkmonitor.h"

#include <QCoreApplication>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace mtga {

// The kafka section of the worker's configuration.
struct KafkaSourceOptions {
    std::string brokers = "127.0.0.1:9092";
    std::vector<std::string> topics{"mulog_clean_24"};
    std::string group = "mtga";
    bool startFromLatest = false;  // where a partition without a stored position starts
    // Group: the consumer group assigns the topics' partitions (subscribe); Static: exactly
    // staticPartitions (assign), which are ignored with Group.
    enum class Assignment { Group, Static } assignment = Assignment::Group;
    std::vector<TopicPartition> staticPartitions;
    KafkaProperties properties;                        // pass-through, applied last
    std::chrono::milliseconds watermarkRefresh{5000};  // Low and High for the offsets view

    friend bool operator==(const KafkaSourceOptions&, const KafkaSourceOptions&) = default;
};

// What the pipeline does for the source. Every call comes from the source's thread.
class KafkaSourceListener {
public:
    virtual ~KafkaSourceListener() = default;
    // The next offset to read of each partition the worker has checkpointed.
    // An error (the store cannot be read) means no partition is consumed.
    virtual Result<std::map<TopicPartition, int64_t>> checkpointedOffsets() = 0;
    virtual void partitionsAssigned(const std::vector<TopicPartition>& partitions) = 0;
    // Must return only once every message of these partitions is written and checkpointed.
    virtual void partitionsRevoking(const std::vector<TopicPartition>& partitions) = 0;
    // Takes what the pipeline has room for (waiting a moment at most) and leaves the rest in
    // `messages`, in fetch order, to be offered again. False: stop consuming.
    virtual bool messagesArrived(std::vector<KafkaMessage>& messages) = 0;
    // A consumer error that is not a message (broker down, ...), already logged.
    virtual void errorOccurred(const QString& message) = 0;
};

struct StartOffsetDecision {
    TopicPartition partition;
    int64_t checkpointed = -1;  // -1: none
    int64_t committed = -1;     // -1: none
    int64_t chosen = -1;        // -1: start_from
    // The log as the cluster had it at the assignment (-1: not known). A stored position below
    // Low (retention deleted events before they were read) starts at Low; one above High (the
    // topic was recreated, an unclean election lost data) is not consumed: that partition is
    // paused until an operator decides.
    int64_t low = -1;
    int64_t high = -1;
    bool belowLow() const { return chosen >= 0 && low >= 0 && chosen < low; }
    bool aboveHigh() const { return chosen >= 0 && high >= 0 && chosen > high; }
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
    Result<void> commit(const std::map<TopicPartition, int64_t>& nextOffsets, bool async);
    // Pausing stops fetching for these partitions, so memory stays bounded while queues are full.
    // pause(), resume() and hold() are for the source's thread only (hold()'s set is its).
    void pause(const std::vector<TopicPartition>& partitions);
    void resume(const std::vector<TopicPartition>& partitions);
    // Stops fetching these partitions until they are assigned again: unlike a pause for
    // back-pressure, the source's own resume leaves them alone.
    void hold(const std::vector<TopicPartition>& partitions);

    // Runs `task` on the source's thread between two polls (within a few hundred ms), in order.
    // Tasks still queued when the source stops are dropped without running.
    void post(std::function<void()> task);
    // An offset reset's two steps, on the source's thread. fence(): these partitions are neither
    // fetched nor handed to the pipeline any more; what was fetched of them and not handed over
    // is dropped, and where it began is remembered. unfence(): each goes on at `seekTo`'s offset
    // or, when it has none, where the fence cut it off. A rebalance ends every fence.
    void fence(const std::vector<TopicPartition>& partitions);
    Result<void> unfence(const std::map<TopicPartition, int64_t>& seekTo);

    // The start decisions of the last assignment (for the start-up self-check and `status`).
    std::vector<StartOffsetDecision> startDecisions() const;
    // Low and High of an assigned partition, as the cluster said at the last refresh (or as
    // librdkafka last saw them before the first); false when unknown.
    bool watermarks(const TopicPartition& partition, int64_t* low, int64_t* high) const;
    std::vector<TopicPartition> assignment() const;
    rd_kafka_t* client() const { return m_client.get(); }

private:
    KafkaSource(const KafkaSourceOptions& options, KafkaSourceListener& listener);
    void run();
    // Moves up to `max` messages of `queue` (waiting up to `waitMs`) to m_backlog; consumer
    // errors go to the listener. Serving the consumer queue also runs the rebalance callback.
    void take(rd_kafka_queue_t* queue, int waitMs, size_t max);
    bool fenced(const KafkaMessage& message);  // dropping it, if so
    void runPosted();
    // Where the next messages of these partitions go: m_messages, whatever the consumer queue
    // does meanwhile (rebalances must be served while the pipeline is full).
    void forwardToMessages(const rd_kafka_topic_partition_list_t* partitions);
    void unforward(const rd_kafka_topic_partition_list_t* partitions);
    void rebalance(rd_kafka_resp_err_t error, rd_kafka_topic_partition_list_t* partitions);
    void assignWithStartOffsets(rd_kafka_topic_partition_list_t* partitions);
    // Fills in Low and High of the partitions with a stored position.
    void checkAgainstTheLog(std::vector<StartOffsetDecision>& decisions);
    static void onRebalance(rd_kafka_t* client, rd_kafka_resp_err_t error,
                            rd_kafka_topic_partition_list_t* partitions, void* opaque);
    // Every commit's outcome, asynchronous ones included: a failure is logged (the next
    // checkpoint commits every owned partition again).
    static void onCommitted(rd_kafka_t* client, rd_kafka_resp_err_t error,
                            rd_kafka_topic_partition_list_t* offsets, void* opaque);

    KafkaSourceOptions m_options;
    KafkaSourceListener& m_listener;
    KafkaHandle m_client;
    std::unique_ptr<WatermarkMonitor> m_watermarks;
    // Messages get a queue of their own, so the consumer queue (rebalances, errors) can be
    // served while the pipeline has no room; m_backlog is what it has not taken yet. Both are
    // the source thread's.
    KafkaQueue m_messages;
    std::vector<KafkaMessage> m_backlog;
    std::vector<rd_kafka_message_t*> m_raw;  // take()'s buffer
    std::set<TopicPartition> m_held;         // hold()'s partitions; the source thread's
    // fence()'s partitions, with the first offset dropped (-1: none yet); the source thread's.
    std::map<TopicPartition, int64_t> m_fenced;
    std::mutex m_postedMutex;  // guards m_posted
    std::vector<std::function<void()>> m_posted;
    std::thread m_thread;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_commitFailing{false};  // the last commit failed; logged once until it works
    mutable std::mutex m_mutex;                // guards the two below
    std::vector<StartOffsetDecision> m_decisions;
    std::vector<TopicPartition> m_assignment;
};

}  // namespace mtga
