// The pipeline's side of the consumer group: assignments and revokes, bounded so the group
// never waits past its limits.

#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <QByteArray>

#include <algorithm>
#include <set>

namespace mtga {

using namespace pipelineinternal;

Result<std::map<TopicPartition, int64_t>> Pipeline::checkpointedOffsets() {
    auto offsets = m_store->nextOffsets();
    if (!offsets && m_fatal && !m_fatalReported.exchange(true)) {
        // Where the partitions stand is unknown: the source consumes none of them, and the
        // worker must start again.
        m_fatal(offsets.error().message);
    }
    return offsets;
}

void Pipeline::partitionsAssigned(const std::vector<TopicPartition>& partitions) {
    for (const TopicPartition& partition : partitions) {
        m_arrivals.forget(partition);
    }
    {
        std::lock_guard lock(m_stateMutex);
        const uint64_t epoch = m_epoch.fetch_add(1) + 1;
        for (const TopicPartition& partition : partitions) {
            m_owned[partition] = epoch;
            m_startOffsets[partition] = -1;
        }
        for (const StartOffsetDecision& decision : m_source->startDecisions()) {
            if (!m_owned.contains(decision.partition)) {
                continue;
            }
            m_startOffsets[decision.partition] = decision.chosen;
            if (decision.checkpointed >= 0) {
                m_checkpointed[decision.partition] = decision.checkpointed;
            }
            // A group commit ahead of our checkpoint is durable too (another worker wrote those
            // events); committing our older checkpoint would move the group back.
            if (decision.chosen >= 0) {
                auto [it, added] = m_checkpointed.emplace(decision.partition, decision.chosen);
                it->second = std::max(it->second, decision.chosen);
            }
        }
        publishPartitions();
    }
    m_positions->assigned(m_source->startDecisions());
    qCInfo(lcPipeline, "%zu partition(s) assigned", partitions.size());
    reportCheckpointMismatches();
}

void Pipeline::reportCheckpointMismatches() {
    std::vector<CheckpointMismatch> mismatches;
    m_selfCheck.add(SelfCheck::compareCheckpoints(m_source->startDecisions(), &mismatches));
    for (const CheckpointMismatch& mismatch : mismatches) {
        (void)m_store->audit("checkpoint_mismatch",
                             "{\"topic\":\"" + mismatch.partition.topic + "\",\"partition\":" +
                                 std::to_string(mismatch.partition.partition) +
                                 ",\"checkpoint\":" + std::to_string(mismatch.checkpointed) +
                                 ",\"group\":" + std::to_string(mismatch.committed) +
                                 ",\"start\":" + std::to_string(mismatch.chosen) + "}");
    }
}

std::chrono::milliseconds Pipeline::revokeTimeout() const {
    // The group waits for a revoking member at most its rebalance timeout, max.poll.interval.ms;
    // past it another member takes the partitions while this one would still write them.
    int64_t maxPoll = 300'000;
    for (const auto& [key, value] : m_options.source.properties) {
        if (key == "max.poll.interval.ms") {
            maxPoll = QByteArray::fromStdString(value).toLongLong();
        }
    }
    return std::min(m_options.drainTimeout,
                    std::chrono::milliseconds(std::max<int64_t>(maxPoll / 2, 1000)));
}

void Pipeline::dropQueued(const std::vector<TopicPartition>& partitions) {
    const std::set<TopicPartition> revoked(partitions.begin(), partitions.end());
    (void)m_queues->drop([&](std::string_view topic, int32_t partition) {
        return revoked.contains({std::string(topic), partition});
    });
}

void Pipeline::partitionsRevoking(const std::vector<TopicPartition>& partitions) {
    // Everything taken from these partitions must be written and checkpointed before another
    // worker starts on them from the offsets committed here; but never for longer than the
    // stop's bound, or the group's (the next owner would start while this one still writes).
    // One deadline for the drain and the checkpoint after it: the output's confirmations
    // count against the same bound.
    const bool stopping = m_stopping.load();
    const std::chrono::milliseconds bound = stopping ? m_options.drainTimeout : revokeTimeout();
    const auto deadline = std::chrono::steady_clock::now() + bound;
    const bool drained = m_queues->waitDrained(deadline);
    for (const TopicPartition& partition : partitions) {
        m_arrivals.forget(partition);
    }
    // Batches taken before now write nothing of these partitions once they are not owned.
    m_epoch.fetch_add(1);
    if (!drained && stopping) {
        qCCritical(lcPipeline,
                   "stopping before every event could be written (the output did not take them "
                   "in %lld s); what is not written will be consumed again",
                   static_cast<long long>(bound.count() / 1000));
        m_drainTimedOut.store(true);
        m_abandon.store(true);
        m_sink->abandon();
        m_queues->abandon();
    } else if (!drained) {
        qCCritical(lcPipeline,
                   "revoke: the output did not take every event in %lld s; what is not written "
                   "goes to the partitions' next owner",
                   static_cast<long long>(bound.count() / 1000));
    }
    std::map<TopicPartition, int64_t> offsets;
    bool settled = false;
    {
        std::unique_lock lock(m_stateMutex, std::defer_lock);
        bool late = false;
        if (!lock.try_lock_until(deadline)) {
            // A checkpoint in progress holds it (it ends within the output's own limits); past
            // the deadline the partitions go without a checkpoint of their own.
            qCWarning(lcPipeline, "revoke: waiting for the checkpoint in progress");
            lock.lock();
            late = true;
        }
        // Drained but not checkpointed (the output failed at the flush, or did not confirm in
        // time) is no better than not drained: the sink may hold lines of these partitions that
        // must not reach it later.
        settled = drained && !late && checkpointLocked(&offsets, deadline).ok();
        if (drained && !settled) {
            qCCritical(lcPipeline,
                       "revoke: the checkpoint failed; what is not written goes to "
                       "the partitions' next owner");
        }
        if (!settled) {
            for (const TopicPartition& partition : partitions) {
                m_owned.erase(partition);
            }
            if (m_owned.empty()) {
                // Nothing more of these partitions may reach the output. What the output holds
                // unwritten is dropped; lines of batches already acknowledged may be among it,
                // so their offsets are not checkpointed; what is in the files is remembered.
                // Remembered lines the output had not written yet are not in it after all.
                forEachLine(m_sink->discardUnwritten(),
                            [&](std::string_view line) { (void)m_recovery.take(line); });
                for (const TopicPartition& partition : partitions) {
                    if (const auto it = m_progress.find(partition); it != m_progress.end()) {
                        m_recovery.raiseHorizon(partition, it->second);
                        m_progress.erase(it);
                    }
                }
                (void)m_crashRecovery->rememberUncheckpointed();
            }
            // What the output has confirmed of the other partitions: a moment more, since
            // what it held of these is gone.
            (void)checkpointLocked(&offsets, std::max(deadline, std::chrono::steady_clock::now() +
                                                                    std::chrono::seconds(1)));
        }
        offsets.clear();
        // Every revoked partition's checkpointed offset, not only those that just changed: the
        // next owner starts from the group's commit.
        for (const TopicPartition& partition : partitions) {
            if (const auto it = m_checkpointed.find(partition); it != m_checkpointed.end()) {
                offsets[partition] = it->second;
            }
            m_progress.erase(partition);
            m_checkpointed.erase(partition);
            m_owned.erase(partition);
            m_startOffsets.erase(partition);
        }
        publishPartitions();
    }
    {
        std::lock_guard lock(m_retryMutex);
        m_retryWake.notify_all();
    }
    if (!settled) {
        dropQueued(partitions);
    }
    m_positions->revoked(partitions);
    if (m_source) {
        (void)m_source->commit(offsets, false);
    }
    qCInfo(lcPipeline, "%zu partition(s) revoked after a checkpoint", partitions.size());
}

}  // namespace mtga
