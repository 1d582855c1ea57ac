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

int64_t Pipeline::knownNextOffset(const TopicPartition& partition) const {
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

Result<void> Pipeline::checkpointLocked(std::map<TopicPartition, int64_t>* committedOffsets,
                                        std::chrono::steady_clock::time_point deadline) {
    const int64_t startedMs = steadyMs();
    m_outputWaitSince.store(startedMs);
    auto prepared = m_sink->prepareCheckpointBy(deadline);
    m_outputWaitSince.store(0);
    if (!prepared) {
        m_counters.lastError = prepared.error().message;
        publishCounters();
        if (prepared.error().is(ErrorCode::SinkLost) && m_fatal &&
            !m_fatalReported.exchange(true)) {
            m_fatal(prepared.error().message);
        }
        qCCritical(lcPipeline, "checkpoint postponed, the output is not durable yet: %s",
                   qUtf8Printable(prepared.error().message));
        return prepared.error();
    }
    const uint64_t wereWritten = m_failures->addRejections(
        prepared->rejected, m_progress,
        [this](const TopicPartition& partition) { return m_owned.contains(partition); }, nowMs());
    // Counted as written when the sink took them; they are failures after all.
    m_counters.failed += wereWritten;
    m_counters.written -= std::min(m_counters.written, wereWritten);
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
    m_failures->fill(batch);
    addRecoveryState(batch);
    if (auto committed = m_store->commit(batch); !committed) {
        m_counters.lastError = committed.error().message;
        publishCounters();
        return committed.error();
    }
    for (const auto& [partition, offset] : batch.nextOffsets) {
        m_checkpointed[partition] = offset;
    }
    m_failures->committed();
    m_recovery.markSaved();
    m_recoveredFiles.clear();
    m_bytesSinceCheckpoint = 0;
    ++m_counters.checkpoints;
    m_counters.lastCheckpointMs = nowMs();
    m_counters.lastCheckpointDurationMs = steadyMs() - startedMs;
    publishCounters();
    publishPartitions();
    *committedOffsets = batch.nextOffsets;
    return {};
}

Result<void> Pipeline::checkpointNow() {
    std::map<TopicPartition, int64_t> offsets;
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

void Pipeline::checkpointTurn() {
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
    if (const int64_t due = nextTransientReplayMs(); checkpointed && due >= 0 && due <= nowMs()) {
        const FailureReplayer::Report report = replayFailures(FailureReplayer::Scope::DueTransient);
        qCInfo(lcPipeline,
               "transient failures tried again: %llu written, %llu still failing, %llu "
               "not due yet",
               static_cast<unsigned long long>(report.written),
               static_cast<unsigned long long>(report.stillFailing),
               static_cast<unsigned long long>(report.notDue));
    }
}

void Pipeline::runRequestedReplay() {
    if (!m_checkpoints->takeReplayRequest()) {
        return;
    }
    if (m_reloadToAudit.exchange(false)) {
        (void)m_store->audit("reload", "{}");
    }
    const FailureReplayer::Report report = replayFailures(FailureReplayer::Scope::All);
    qCInfo(lcPipeline, "failure queue replayed: %llu written, %llu filtered, %llu still failing",
           static_cast<unsigned long long>(report.written),
           static_cast<unsigned long long>(report.filtered),
           static_cast<unsigned long long>(report.stillFailing));
}

int64_t Pipeline::nextTransientReplayMs() const {
    std::lock_guard lock(m_stateMutex);
    return m_failures->nextDueMs();
}

Result<uint64_t> Pipeline::clearFailures(const FailureFilter& filter) {
    std::lock_guard lock(m_stateMutex);
    if (!m_failures) {
        return Error::of(ErrorCode::PipelineStopped, tr("the pipeline has not started"));
    }
    auto removed = m_failures->clear(filter);
    if (removed) {
        publishCounters();
    }
    return removed;
}

Result<void> Pipeline::startFailureJob(std::function<void()> job) {
    if (!m_failures || m_stopping.load()) {
        return Error::of(ErrorCode::PipelineStopped, tr("the pipeline is not running"));
    }
    if (!m_failureJob.start(std::move(job))) {
        return Error::of(ErrorCode::Busy, tr("another retry or export of the failure queue is "
                                             "running; try again when it is done"));
    }
    return {};
}

FailureReplayer::Report Pipeline::retryFailures(const FailureFilter& filter) {
    const auto refusedAgain = [this] {
        std::lock_guard lock(m_stateMutex);
        return m_failures->refusedAgain();
    };
    const uint64_t before = refusedAgain();
    FailureReplayer::Report report = replayFailures(FailureReplayer::Scope::Matching, &filter);
    // The output confirms or refuses the lines in the checkpoint that ends the replay: what it
    // refused is failing again, not written.
    const uint64_t refused = std::min(refusedAgain() - before, report.written);
    report.written -= refused;
    report.stillFailing += refused;
    return report;
}

FailureReplayer::Report Pipeline::replayFailures(FailureReplayer::Scope scope,
                                                 const FailureFilter* matching) {
    // Under the state lock and with a checkpoint at the end: the replayed lines and the removal
    // of their entries become durable together.
    std::lock_guard lock(m_stateMutex);
    FailureReplayer::Report report =
        m_failures->replay(scope, m_settings->current(), m_options.transform, nowMs(), matching);
    m_bytesSinceCheckpoint += static_cast<qint64>(report.bytesWritten);
    if (!report.outputError.isEmpty()) {
        m_counters.lastError = report.outputError;
    }
    if (report.tryAgain) {
        m_checkpoints->requestReplayLater();  // with the next checkpoint that succeeds
    }
    publishCounters();
    std::map<TopicPartition, int64_t> offsets;
    if (auto done = checkpointLocked(&offsets); !done) {
        qCWarning(lcPipeline, "replayed events wait for the next checkpoint: %s",
                  qUtf8Printable(done.error().message));
        if (report.outputError.isEmpty()) {
            report.outputError = done.error().message;
        }
    }
    const bool all = scope == FailureReplayer::Scope::All;
    if (all || report.settled > 0) {
        (void)m_store->audit(all ? "replay_failures"
                             : scope == FailureReplayer::Scope::Matching
                                 ? "retry_failures"
                                 : "replay_transient_failures",
                             "{\"written\":" + std::to_string(report.written) +
                                 ",\"filtered\":" + std::to_string(report.filtered) +
                                 ",\"still_failing\":" + std::to_string(report.stillFailing) + "}");
    }
    return report;
}

}  // namespace mtga
