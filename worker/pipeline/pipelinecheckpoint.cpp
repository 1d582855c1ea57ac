// The pipeline's checkpoints: one consistent cut of offsets, file lengths, failures and the
// recovery set, made durable, then committed to the group.

#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <QFileInfo>

#include <algorithm>

namespace mtga {

using namespace pipelineinternal;

void Pipeline::addRecoveryState(CheckpointBatch& batch) {
    if (const size_t remembered = m_recovery.size();
        remembered > 0 && m_recovery.expire(assignedPositions())) {
        qCInfo(lcPipeline,
               "recovery done: every partition is past the remembered events; %zu of them never "
               "came again",
               remembered);
        m_recovering = false;
    } else if (m_recovering && m_recovery.empty()) {
        qCInfo(lcPipeline, "recovery done: every remembered event came again and was skipped");
        m_recovering = false;
    }
    if (m_recovery.dirty()) {
        batch.meta[kRecoveryIdentitiesKey] = m_recovery.serialize();
    }
}

void Pipeline::rememberUncheckpointedLines() {
    // Like recovery after a crash, but with the files open: only complete lines count.
    size_t lines = 0;
    for (const FileRecord& record : m_store->files()) {
        const QFileInfo info(record.path);
        if (!info.exists() || info.size() <= record.length) {
            continue;
        }
        const auto tail = completeTail(record.path, record.length);
        if (!tail) {
            qCCritical(lcPipeline, "%s", qUtf8Printable(tail.error().message));
            continue;
        }
        lines +=
            forEachLine(tail.value(), [&](std::string_view line) { m_recovery.remember(line); });
    }
    if (lines > 0) {
        qCWarning(lcPipeline,
                  "%zu event(s) written but not checkpointed are remembered: they are skipped "
                  "if this worker consumes them again",
                  lines);
    }
}

int64_t Pipeline::knownNextOffset(const TopicPartitionKey& partition) const {
    if (const auto progress = m_progress.find(partition); progress != m_progress.end()) {
        return progress->second;
    }
    if (const auto start = m_startOffsets.find(partition); start != m_startOffsets.end()) {
        return start->second;  // -1: start_from decides
    }
    return -1;
}

std::vector<PartitionPosition> Pipeline::assignedPositions() const {
    std::vector<PartitionPosition> positions;
    for (const auto& [partition, epoch] : m_owned) {
        PartitionPosition position;
        position.partition = partition;
        int64_t low = -1;
        if (m_source) {
            m_source->watermarks(partition, &low, &position.high);
        }
        position.next = knownNextOffset(partition);
        if (position.next < 0) {
            // No stored position: consumption starts at Low or High, as start_from says.
            position.next = m_options.source.startFromLatest ? position.high : low;
        }
        // Nothing below Low can be consumed again.
        if (low >= 0 && position.next >= 0) {
            position.next = std::max(position.next, low);
        }
        positions.push_back(position);
    }
    return positions;
}

Result<void> Pipeline::checkpointLocked(std::map<TopicPartitionKey, int64_t>* committedOffsets,
                                        std::chrono::steady_clock::time_point deadline) {
    auto prepared = m_sink->prepareCheckpointBy(deadline);
    if (!prepared) {
        m_stats.lastError = prepared.error().message;
        if (prepared.error().code == QLatin1String("sink_lost") && m_fatal &&
            !m_fatalReported.exchange(true)) {
            m_fatal(prepared.error().message);
        }
        qCCritical(lcPipeline, "checkpoint postponed, the output is not durable yet: %s",
                   qUtf8Printable(prepared.error().message));
        return prepared.error();
    }
    prepared->rejected.insert(prepared->rejected.begin(),
                              std::make_move_iterator(m_heldRejections.begin()),
                              std::make_move_iterator(m_heldRejections.end()));
    m_heldRejections.clear();
    addRejections(prepared->rejected);
    CheckpointBatch batch;
    for (const auto& [partition, offset] : m_progress) {
        const auto it = m_checkpointed.find(partition);
        if (it == m_checkpointed.end() || it->second != offset) {
            batch.nextOffsets[partition] = offset;
        }
    }
    for (const OpenFile& file : prepared->files) {
        batch.files.push_back({file.path, file.length});
    }
    for (const FileRecord& recovered : m_recoveredFiles) {
        const bool open =
            std::any_of(prepared->files.begin(), prepared->files.end(),
                        [&](const OpenFile& file) { return file.path == recovered.path; });
        if (!open) {
            batch.files.push_back(recovered);
        }
    }
    batch.closedFiles = prepared->closed;
    batch.failures = m_pendingFailures;
    batch.resolvedFailures = m_pendingResolved;
    addRecoveryState(batch);
    if (m_replayUnsettled) {
        batch.meta[kReplayPendingKey] = "";  // the replayed entries' removal is in this batch
    }
    if (auto committed = m_store->commit(batch); !committed) {
        m_stats.lastError = committed.error().message;
        return committed.error();
    }
    for (const auto& [partition, offset] : batch.nextOffsets) {
        m_checkpointed[partition] = offset;
    }
    for (const FailureEntry& entry : m_pendingFailures) {
        if (isTransientFailure(entry.code)) {
            scheduleTransient(backoffDueMs(entry));
        }
    }
    m_pendingFailures.clear();
    m_pendingResolved.clear();
    m_replayedEntries.clear();
    m_recovery.markSaved();
    m_recoveredFiles.clear();
    m_replayUnsettled = false;
    m_bytesSinceCheckpoint = 0;
    ++m_stats.checkpoints;
    *committedOffsets = batch.nextOffsets;
    return {};
}

Result<void> Pipeline::checkpointNow() {
    std::map<TopicPartitionKey, int64_t> offsets;
    {
        std::lock_guard lock(m_stateMutex);
        if (auto done = checkpointLocked(&offsets); !done) {
            return done;
        }
        // Every owned partition, not only those that moved: a commit that failed is made good
        // by the next one, and a partition that stopped moving keeps its commit fresh for the
        // group's next owner.
        for (const auto& [partition, epoch] : m_owned) {
            if (const auto it = m_checkpointed.find(partition); it != m_checkpointed.end()) {
                offsets[partition] = it->second;
            }
        }
    }
    if (m_source) {
        (void)m_source->commit(offsets, true);
    }
    return {};
}

void Pipeline::checkpointLoop() {
    while (!m_stopping.load()) {
        {
            std::unique_lock lock(m_checkpointWakeMutex);
            m_checkpointWake.wait_for(lock, m_options.checkpointInterval, [this] {
                return m_stopping.load() || m_checkpointSoon.load() || m_replayRequested.load();
            });
        }
        if (m_stopping.load()) {
            break;
        }
        m_checkpointSoon.store(false);
        const bool checkpointed = checkpointNow().ok();
        {
            std::lock_guard lock(m_stateMutex);
            m_sink->closeIdle();
        }
        // Only after a checkpoint that settled everything: a replay while an earlier one is
        // unsettled would try the same entries again (and write them twice).
        if (checkpointed) {
            runRequestedReplay();
        }
        if (const int64_t due = nextTransientReplayMs();
            checkpointed && due >= 0 && due <= nowMs()) {
            const ReplayReport report = replayFailures(ReplayScope::DueTransient);
            qCInfo(lcPipeline,
                   "transient failures tried again: %llu written, %llu still failing, %llu "
                   "not due yet",
                   static_cast<unsigned long long>(report.written),
                   static_cast<unsigned long long>(report.stillFailing),
                   static_cast<unsigned long long>(report.notDue));
        }
    }
}

void Pipeline::runRequestedReplay() {
    if (!m_replayRequested.exchange(false)) {
        return;
    }
    if (m_reloadToAudit.exchange(false)) {
        (void)m_store->audit("reload", "{}");
    }
    const ReplayReport report = replayFailures(ReplayScope::All);
    qCInfo(lcPipeline, "failure queue replayed: %llu written, %llu filtered, %llu still failing",
           static_cast<unsigned long long>(report.written),
           static_cast<unsigned long long>(report.filtered),
           static_cast<unsigned long long>(report.stillFailing));
}

}  // namespace mtga
