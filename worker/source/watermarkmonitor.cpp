#include "worker/source/watermarkmonitor.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWatermarks, "mtga.source.watermarks", QtInfoMsg)

namespace mtga {

WatermarkMonitor::WatermarkMonitor(rd_kafka_t* client, PartitionsProvider partitions,
                                   std::chrono::milliseconds interval)
    : m_client(client), m_partitions(std::move(partitions)), m_interval(interval) {}

WatermarkMonitor::~WatermarkMonitor() {
    stop();
}

void WatermarkMonitor::start() {
    m_thread = std::thread([this] { run(); });
}

void WatermarkMonitor::stop() {
    {
        std::lock_guard lock(m_wakeMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void WatermarkMonitor::run() {
    bool failing = false;
    std::unique_lock lock(m_wakeMutex);
    while (!m_stopping) {
        lock.unlock();
        // Short: stop() waits for a refresh under way.
        const Result<void> refreshed = refresh(std::chrono::seconds(3));
        // One warning when it starts failing and one line when it recovers, not one per refresh.
        if (!refreshed && !failing) {
            qCWarning(lcWatermarks, "cannot refresh Low/High (the last known values stay): %s",
                      qUtf8Printable(refreshed.error().message));
        } else if (refreshed && failing) {
            qCInfo(lcWatermarks, "Low/High refreshed again");
        }
        failing = !refreshed;
        lock.lock();
        m_wake.wait_for(lock, m_interval, [this] { return m_stopping; });
    }
}

Result<std::map<TopicPartition, Watermarks>> queryWatermarks(
    rd_kafka_t* client, const std::vector<TopicPartition>& partitions,
    std::chrono::milliseconds timeout) {
    std::map<TopicPartition, Watermarks> answer;
    if (partitions.empty()) {
        return answer;
    }
    // ListOffsets with the special timestamps -2 (earliest) and -1 (latest): one request per
    // partition leader for all partitions, instead of two per partition with
    // rd_kafka_query_watermark_offsets.
    auto query = [&](int64_t which) -> Result<KafkaPartitionList> {
        KafkaPartitionList list(
            rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
        for (const auto& [topic, partition] : partitions) {
            rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset = which;
        }
        const rd_kafka_resp_err_t err =
            rd_kafka_offsets_for_times(client, list.get(), static_cast<int>(timeout.count()));
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return Error::of(ErrorCode::KafkaError,
                             WatermarkMonitor::tr("cannot ask the cluster for Low/High: %1")
                                 .arg(QString::fromUtf8(rd_kafka_err2str(err))));
        }
        return list;
    };
    auto lows = query(RD_KAFKA_OFFSET_BEGINNING);
    if (!lows) {
        return lows.error();
    }
    auto highs = query(RD_KAFKA_OFFSET_END);
    if (!highs) {
        return highs.error();
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < lows.value()->cnt; ++i) {
        const rd_kafka_topic_partition_t& low = lows.value()->elems[i];
        const rd_kafka_topic_partition_t* high =
            rd_kafka_topic_partition_list_find(highs.value().get(), low.topic, low.partition);
        if (low.err != RD_KAFKA_RESP_ERR_NO_ERROR || !high ||
            high->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            continue;
        }
        answer[{low.topic, low.partition}] = {low.offset, high->offset, now};
    }
    return answer;
}

Result<std::map<TopicPartition, int64_t>> queryOffsetsForTime(
    rd_kafka_t* client, const std::vector<TopicPartition>& partitions, int64_t timestampMs,
    std::chrono::milliseconds timeout) {
    std::map<TopicPartition, int64_t> answer;
    if (partitions.empty()) {
        return answer;
    }
    KafkaPartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const auto& [topic, partition] : partitions) {
        rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition)->offset =
            timestampMs;
    }
    const rd_kafka_resp_err_t err =
        rd_kafka_offsets_for_times(client, list.get(), static_cast<int>(timeout.count()));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Error::of(
            ErrorCode::KafkaError,
            WatermarkMonitor::tr("cannot ask the cluster for the offsets at a time: %1")
                .arg(QString::fromUtf8(rd_kafka_err2str(err))));
    }
    for (int i = 0; i < list->cnt; ++i) {
        const rd_kafka_topic_partition_t& found = list->elems[i];
        if (found.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            answer[{found.topic, found.partition}] = found.offset;
        }
    }
    return answer;
}

Result<void> WatermarkMonitor::refresh(std::chrono::milliseconds timeout) {
    auto answer = queryWatermarks(m_client, m_partitions(), timeout);
    if (!answer) {
        return answer.error();
    }
    std::lock_guard lock(m_mutex);
    for (const auto& [partition, marks] : answer.value()) {
        m_watermarks[partition] = marks;  // the others keep their last known values
    }
    return {};
}

std::optional<Watermarks> WatermarkMonitor::watermarks(const TopicPartition& partition) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_watermarks.find(partition);
    if (it == m_watermarks.end()) {
        return std::nullopt;
    }
    return it->second;
}

}  // namespace mtga
