#pragma once

// WatermarkMonitor: Low and High of the partitions a worker reads, asked of the cluster every few
// seconds on its own thread. librdkafka's own values are only as fresh as the last fetch, and
// Low is not updated at all while a partition is paused or caught up, so lag and the offsets
// view would drift; asking costs one ListOffsets round per broker per refresh.

#include "shared/result.h"
#include "worker/kafka/kafkahandles.h"
#include "worker/kafka/topicpartition.h"

#include <QCoreApplication>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mtga {

struct Watermarks {
    int64_t low = -1;
    int64_t high = -1;
    qint64 refreshedAtMs = 0;  // epoch ms of the answer these came from
};

// Low and High of `partitions`, asked of the cluster now: one ListOffsets round per leader.
// Partitions the cluster did not answer for are left out.
Result<std::map<TopicPartition, Watermarks>> queryWatermarks(
    rd_kafka_t* client, const std::vector<TopicPartition>& partitions,
    std::chrono::milliseconds timeout);

// The first offset of each partition whose message's timestamp is at or after `timestampMs`
// (Kafka's offsets-for-times); -1 for a partition with no such message. Partitions the cluster
// did not answer for are left out.
Result<std::map<TopicPartition, int64_t>> queryOffsetsForTime(
    rd_kafka_t* client, const std::vector<TopicPartition>& partitions, int64_t timestampMs,
    std::chrono::milliseconds timeout);

class WatermarkMonitor {
    Q_DECLARE_TR_FUNCTIONS(WatermarkMonitor)

public:
    using PartitionsProvider = std::function<std::vector<TopicPartition>()>;

    // `client` (a consumer or producer handle) must outlive the monitor; `partitions` is asked
    // for the current set at every refresh.
    WatermarkMonitor(rd_kafka_t* client, PartitionsProvider partitions,
                     std::chrono::milliseconds interval);
    ~WatermarkMonitor();
    WatermarkMonitor(const WatermarkMonitor&) = delete;
    WatermarkMonitor& operator=(const WatermarkMonitor&) = delete;

    void start();
    void stop();
    // Asks the cluster once, now; on error the previous values stay and the error is returned.
    Result<void> refresh(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    std::optional<Watermarks> watermarks(const TopicPartition& partition) const;

private:
    void run();

    rd_kafka_t* m_client;
    PartitionsProvider m_partitions;
    std::chrono::milliseconds m_interval;
    std::thread m_thread;
    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    bool m_stopping = false;  // guarded by m_wakeMutex
    mutable std::mutex m_mutex;
    std::map<TopicPartition, Watermarks> m_watermarks;
};

}  // namespace mtga
