// KafkaSource's side of the group protocol: what it does when the group assigns or revokes
// partitions (a rebalance), and where assigned partitions start reading: the stored
// checkpoint, else the group's committed offset, checked against the log.

#include "worker/kafka/partitionlists.h"
#include "worker/source/kafkasource.h"
#include "worker/source/watermarkmonitor.h"

#include <QLoggingCategory>

#include <algorithm>
#include <iterator>

Q_DECLARE_LOGGING_CATEGORY(lcSource)

namespace mtga {
namespace {

constexpr int kCommittedTimeoutMs = 10'000;
constexpr auto kWatermarksTimeout = std::chrono::seconds(10);

}  // namespace

void KafkaSource::onRebalance(rd_kafka_t*, rd_kafka_resp_err_t error,
                              rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    static_cast<KafkaSource*>(opaque)->rebalance(error, partitions);
}

void KafkaSource::rebalance(rd_kafka_resp_err_t error,
                            rd_kafka_topic_partition_list_t* partitions) {
    if (error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        assignWithStartOffsets(partitions);
        return;
    }
    const auto revoked = partitionsOf(partitions);
    qCInfo(lcSource, "revoking %zu partition(s)", revoked.size());
    // What the pipeline has not taken yet is not ours to give it any more; if a partition comes
    // back, it starts again from its checkpoint.
    std::erase_if(m_backlog, [&](const KafkaMessage& message) {
        return std::find(revoked.begin(), revoked.end(),
                         TopicPartition{rd_kafka_topic_name(message->rkt), message->partition}) !=
               revoked.end();
    });
    m_listener.partitionsRevoking(revoked);
    unforward(partitions);  // before the empty assign (librdkafka #1335)
    rd_kafka_assign(m_client.get(), nullptr);
    m_held.clear();  // a partition that comes back is decided again
    m_fenced.clear();
    std::lock_guard lock(m_mutex);
    m_assignment.clear();
}

void KafkaSource::assignWithStartOffsets(rd_kafka_topic_partition_list_t* partitions) {
    const auto stored = m_listener.checkpointedOffsets();
    if (!stored) {
        // Where these partitions stand is unknown: none is consumed (the group still counts
        // them as ours, so nobody else reads them either), and the pipeline stops the worker.
        qCCritical(lcSource, "not consuming the assigned partitions: %s",
                   qUtf8Printable(stored.error().message));
        m_listener.errorOccurred(stored.error().message);
        KafkaPartitionList none(rd_kafka_topic_partition_list_new(0));
        (void)rd_kafka_assign(m_client.get(), none.get());
        return;
    }
    const std::map<TopicPartition, int64_t>& checkpointed = stored.value();
    // The group's committed offsets, to compare with ours.
    KafkaPartitionList committed(rd_kafka_topic_partition_list_copy(partitions));
    const rd_kafka_resp_err_t err =
        rd_kafka_committed(m_client.get(), committed.get(), kCommittedTimeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        qCWarning(lcSource, "cannot read the group's committed offsets: %s", rd_kafka_err2str(err));
    }
    std::vector<StartOffsetDecision> decisions;
    for (int i = 0; i < partitions->cnt; ++i) {
        rd_kafka_topic_partition_t& partition = partitions->elems[i];
        StartOffsetDecision decision;
        decision.partition = {partition.topic, partition.partition};
        if (const auto it = checkpointed.find(decision.partition); it != checkpointed.end()) {
            decision.checkpointed = it->second;
        }
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR && committed->elems[i].offset >= 0) {
            decision.committed = committed->elems[i].offset;
        }
        // The larger one wins: ours is ahead when the crash came between our checkpoint and the
        // group commit; the group's is ahead when another instance of the group processed the
        // partition after our last checkpoint of it.
        decision.chosen = std::max(decision.checkpointed, decision.committed);
        decisions.push_back(decision);
    }
    checkAgainstTheLog(decisions);
    for (int i = 0; i < partitions->cnt; ++i) {
        rd_kafka_topic_partition_t& partition = partitions->elems[i];
        const StartOffsetDecision& decision = decisions[static_cast<size_t>(i)];
        if (decision.chosen < 0) {
            partition.offset =
                m_options.startFromLatest ? RD_KAFKA_OFFSET_END : RD_KAFKA_OFFSET_BEGINNING;
        } else if (decision.belowLow()) {
            partition.offset = decision.low;
        } else {
            partition.offset = decision.chosen;
        }
        qCInfo(lcSource,
               "%s[%d]: checkpoint %lld, group %lld, starting at %lld (Low %lld, High %lld)",
               partition.topic, partition.partition, static_cast<long long>(decision.checkpointed),
               static_cast<long long>(decision.committed), static_cast<long long>(partition.offset),
               static_cast<long long>(decision.low), static_cast<long long>(decision.high));
    }
    const auto assigned = partitionsOf(partitions);
    {
        std::lock_guard lock(m_mutex);
        m_decisions = decisions;
        m_assignment = assigned;
    }
    m_listener.partitionsAssigned(assigned);
    // A partition whose position the log does not reach is not handed to librdkafka at all:
    // fetching it would fail out of range and rewind it to Low (the whole log again). The
    // group still counts it as ours, so nobody else reads it either.
    KafkaPartitionList taken(rd_kafka_topic_partition_list_new(partitions->cnt));
    for (int i = 0; i < partitions->cnt; ++i) {
        if (!decisions[static_cast<size_t>(i)].aboveHigh()) {
            rd_kafka_topic_partition_list_add(taken.get(), partitions->elems[i].topic,
                                              partitions->elems[i].partition)
                ->offset = partitions->elems[i].offset;
        }
    }
    if (const rd_kafka_resp_err_t assignErr = rd_kafka_assign(m_client.get(), taken.get());
        assignErr != RD_KAFKA_RESP_ERR_NO_ERROR) {
        qCCritical(lcSource, "assign failed: %s", rd_kafka_err2str(assignErr));
        m_listener.errorOccurred(tr("Cannot take the assigned partitions: %1")
                                     .arg(QString::fromUtf8(rd_kafka_err2str(assignErr))));
    }
    forwardToMessages(taken.get());
}

void KafkaSource::checkAgainstTheLog(std::vector<StartOffsetDecision>& decisions) {
    std::vector<TopicPartition> positioned;
    for (const StartOffsetDecision& decision : decisions) {
        if (decision.chosen >= 0) {
            positioned.push_back(decision.partition);
        }
    }
    if (positioned.empty()) {
        return;
    }
    const auto marks = queryWatermarks(m_client.get(), positioned, kWatermarksTimeout);
    if (!marks) {
        // Not fatal: the cluster may be slow; a position out of range then shows while
        // consuming.
        qCWarning(lcSource, "stored positions not checked against the log: %s",
                  qUtf8Printable(marks.error().message));
        return;
    }
    for (StartOffsetDecision& decision : decisions) {
        if (const auto it = marks->find(decision.partition); it != marks->end()) {
            decision.low = it->second.low;
            decision.high = it->second.high;
        }
    }
}

}  // namespace mtga
