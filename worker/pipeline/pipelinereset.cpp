// Offset resets while the worker runs: only the reset partitions pause; what was taken of them is
// written and checkpointed first, then the new offsets go into the store with the journal entry in
// one batch, to the group, and to the consumer (a seek), and the partitions go on from there.

#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <QJsonDocument>

#include <future>
#include <set>

namespace mtga {

using namespace pipelineinternal;

namespace {

constexpr auto kKafkaTimeout = std::chrono::seconds(5);

Error aborted(const QString& why) {
    return Error::of(ErrorCode::ResetAborted,
                     Pipeline::tr("the reset was given up and nothing changed: %1").arg(why));
}

}  // namespace

Result<void> Pipeline::resetOffsets(OffsetResetRequest request, ResetAuthor author,
                                    ResetDone done) {
    return startReset([this, request = std::move(request), author, done = std::move(done)] {
        done(runReset(request, author, std::nullopt));
    });
}

Result<void> Pipeline::startReset(std::function<void()> job) {
    if (!m_source || m_stopping.load()) {
        return Error::of(ErrorCode::PipelineStopped, tr("the pipeline is not running"));
    }
    if (!m_resetJob.start(std::move(job))) {
        return Error::of(ErrorCode::Busy,
                         tr("another offset reset is running; try again when it is done"));
    }
    return {};
}

bool Pipeline::onSource(std::function<void()> task,
                        std::chrono::steady_clock::time_point deadline) {
    auto ran = std::make_shared<std::promise<void>>();
    std::future<void> future = ran->get_future();
    m_source->post([task = std::move(task), ran] {
        task();
        ran->set_value();
    });
    while (future.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
        if (m_stopping.load() || std::chrono::steady_clock::now() > deadline) {
            return false;
        }
    }
    return true;
}

void Pipeline::refreshResetStatesLocked(std::vector<OffsetResetPlanner::State>& states) const {
    for (OffsetResetPlanner::State& state : states) {
        state.owned = m_owned.contains(state.partition);
        state.current = knownNextOffset(state.partition);
        const auto it = m_checkpointed.find(state.partition);
        state.checkpointed = it != m_checkpointed.end() ? it->second : -1;
    }
}

Result<void> Pipeline::askResetWatermarks(std::vector<OffsetResetPlanner::State>& states) {
    std::vector<TopicPartition> owned;
    for (const OffsetResetPlanner::State& state : states) {
        if (state.owned) {
            owned.push_back(state.partition);
        }
    }
    // Asked now, not the monitor's last refresh: a reset to the log's ends must find them.
    auto marks = queryWatermarks(m_source->client(), owned, kKafkaTimeout);
    if (!marks) {
        return marks.error();
    }
    for (OffsetResetPlanner::State& state : states) {
        if (const auto it = marks->find(state.partition); it != marks->end()) {
            state.low = it->second.low;
            state.high = it->second.high;
        }
    }
    return {};
}

Result<std::vector<OffsetResetPlanner::State>> Pipeline::resetStates(
    const OffsetResetRequest& request, const std::vector<TopicPartition>& partitions) {
    std::vector<OffsetResetPlanner::State> states;
    std::vector<TopicPartition> owned;
    for (const TopicPartition& partition : partitions) {
        states.push_back({.partition = partition});
    }
    {
        std::lock_guard lock(m_stateMutex);
        refreshResetStatesLocked(states);
    }
    for (const OffsetResetPlanner::State& state : states) {
        if (state.owned) {
            owned.push_back(state.partition);
        }
    }
    if (auto ends = askResetWatermarks(states); !ends) {
        return ends.error();
    }
    std::map<TopicPartition, int64_t> atTime;
    const bool lookup = OffsetResetPlanner::needsTimeLookup(request);
    if (lookup) {
        auto found =
            queryOffsetsForTime(m_source->client(), owned,
                                OffsetResetPlanner::lookupTimeMs(request, nowMs()), kKafkaTimeout);
        if (!found) {
            return found.error();
        }
        atTime = std::move(found).value();
    }
    for (OffsetResetPlanner::State& state : states) {
        if (const auto it = atTime.find(state.partition); it != atTime.end()) {
            state.atTime = it->second;
            state.atTimeKnown = true;
        }
    }
    return states;
}

Result<void> Pipeline::awaitResetDrain(const std::map<TopicPartition, int64_t>& admittedNext,
                                       std::chrono::steady_clock::time_point deadline) {
    while (true) {
        bool drained = true;
        {
            std::lock_guard lock(m_stateMutex);
            for (const auto& [partition, next] : admittedNext) {
                const auto it = m_progress.find(partition);
                drained = drained && (next < 0 || (it != m_progress.end() && it->second >= next));
            }
        }
        if (drained) {
            return {};
        }
        if (m_stopping.load()) {
            return aborted(tr("the worker is stopping"));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return aborted(tr("what was taken of these partitions was not written in %1 s (is "
                              "the output blocked? see `mtga status`)")
                               .arg(m_options.drainTimeout.count() / 1000));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

Result<OffsetResetReply> Pipeline::runReset(const OffsetResetRequest& request,
                                            const ResetAuthor& author,
                                            std::optional<int64_t> undoes) {
    std::vector<TopicPartition> owned;
    {
        std::lock_guard lock(m_stateMutex);
        for (const auto& [partition, epoch] : m_owned) {
            owned.push_back(partition);
        }
    }
    auto scope = OffsetResetPlanner::scope(request, owned);
    if (!scope) {
        return scope.error();
    }
    auto states = resetStates(request, scope.value());
    if (!states) {
        return states.error();
    }
    OffsetResetReply reply;
    reply.dryRun = request.dryRun;
    reply.target = resetTargetName(request.target);
    reply.undoes = undoes;
    reply.partitions = OffsetResetPlanner::plan(request, states.value());
    if (request.dryRun) {
        return reply;
    }
    if (auto applicable = OffsetResetPlanner::checkApplicable(reply.partitions); !applicable) {
        return applicable.error();
    }

    const auto deadline = std::chrono::steady_clock::now() + m_options.drainTimeout;
    const std::vector<TopicPartition>& partitions = scope.value();
    std::map<TopicPartition, uint64_t> epochs;
    {
        std::lock_guard lock(m_stateMutex);
        for (const TopicPartition& partition : partitions) {
            epochs[partition] = m_owned.at(partition);
        }
    }
    auto admitted = std::make_shared<std::map<TopicPartition, int64_t>>();
    const auto release = [this](std::map<TopicPartition, int64_t> seekTo) {
        auto result = std::make_shared<Result<void>>();
        // Queued after the fence, so it runs after it even when the fence is late.
        const bool ran = onSource(
            [this, seekTo = std::move(seekTo), result] {
                for (const auto& [partition, offset] : seekTo) {
                    m_positions->repositioned(partition, offset);
                    m_arrivals.forget(partition);
                }
                *result = m_source->unfence(seekTo);
            },
            std::chrono::steady_clock::now() + std::chrono::seconds(15));
        return ran ? *result : Result<void>(aborted(tr("the consumer did not answer")));
    };
    const bool fenced = onSource(
        [this, partitions, admitted] {
            m_source->fence(partitions);
            for (const TopicPartition& partition : partitions) {
                const PositionGuard::Partition* position = m_positions->find(partition);
                (*admitted)[partition] = position ? position->admittedNext : -1;
            }
        },
        deadline);
    if (!fenced) {
        (void)release({});
        return aborted(tr("the consumer did not answer"));
    }
    if (auto drained = awaitResetDrain(*admitted, deadline); !drained) {
        if (!m_stopping.load()) {
            (void)release({});
        }
        return drained.error();
    }
    // Again now that the partitions stand still: High asked before the fence can lie behind what
    // was written meanwhile, and a reset to the end would then go back and replay.
    if (auto ends = askResetWatermarks(states.value()); !ends) {
        (void)release({});
        return aborted(ends.error().message);
    }
    auto applied = [&]() -> Result<OffsetResetReply> {
        std::unique_lock lock(m_stateMutex, std::defer_lock);
        if (!lock.try_lock_until(deadline)) {
            return aborted(tr("a checkpoint in progress did not end in time"));
        }
        return applyResetLocked(request, author, undoes, states.value(), epochs, deadline);
    }();
    if (!applied) {
        (void)release({});
        return applied.error();
    }
    std::map<TopicPartition, int64_t> next;
    for (const ResetRow& row : applied->partitions) {
        next[{row.topic.toStdString(), row.partition}] = row.next;
    }
    if (auto committed = m_source->commit(next, false); !committed) {
        applied->groupCommitError = committed.error().message;
    }
    if (auto moved = release(next); !moved) {
        // The store and the group hold the new offsets: a restart starts there.
        qCCritical(lcPipeline, "reset: %s", qUtf8Printable(moved.error().message));
        return moved.error();
    }
    qCInfo(lcPipeline, "offsets reset (%s) for %zu partition(s), journal entry %lld",
           qUtf8Printable(applied->target), applied->partitions.size(),
           static_cast<long long>(applied->journalId.value_or(0)));
    return applied;
}

Result<OffsetResetReply> Pipeline::applyResetLocked(
    const OffsetResetRequest& request, const ResetAuthor& author, std::optional<int64_t> undoes,
    std::vector<OffsetResetPlanner::State>& states,
    const std::map<TopicPartition, uint64_t>& epochs,
    std::chrono::steady_clock::time_point deadline) {
    for (const auto& [partition, epoch] : epochs) {
        const auto it = m_owned.find(partition);
        if (it == m_owned.end() || it->second != epoch) {
            return aborted(tr("a rebalance took or moved %1:%2 meanwhile")
                               .arg(QString::fromStdString(partition.topic))
                               .arg(partition.partition));
        }
    }
    // Where the partitions stand now that what was taken of them is written: a shift counts
    // from here, and the journal's "before" is this.
    refreshResetStatesLocked(states);
    OffsetResetReply reply;
    reply.dryRun = false;
    reply.target = resetTargetName(request.target);
    reply.undoes = undoes;
    reply.partitions = OffsetResetPlanner::plan(request, states);
    if (auto applicable = OffsetResetPlanner::checkApplicable(reply.partitions); !applicable) {
        return applicable.error();
    }
    std::map<TopicPartition, int64_t> ignored;
    if (auto checkpointed = checkpointLocked(&ignored, deadline); !checkpointed) {
        return aborted(checkpointed.error().message);
    }
    ResetJournalEntry entry;
    entry.id = m_store->takeResetId();
    entry.timeMs = nowMs();
    entry.uid = author.uid;
    entry.pid = author.pid;
    entry.target = reply.target;
    entry.request = request.toArgs();
    entry.undoes = undoes;
    CheckpointBatch batch;
    for (const ResetRow& row : reply.partitions) {
        batch.nextOffsets[{row.topic.toStdString(), row.partition}] = row.next;
        entry.partitions.push_back({row.topic, row.partition, row.current, row.next});
    }
    batch.resetJournal.emplace(
        entry.id, QJsonDocument(entry.toJson()).toJson(QJsonDocument::Compact).toStdString());
    if (auto stored = m_store->commit(batch); !stored) {
        return aborted(stored.error().message);
    }
    m_progressScratch.clear();
    for (const auto& [partition, offset] : batch.nextOffsets) {
        auto [it, added] = m_progress.insert_or_assign(partition, offset);
        m_checkpointed[partition] = offset;
        m_startOffsets[partition] = offset;
        m_progressScratch.emplace_back(&it->first, offset);
    }
    m_board.publishProgress(m_progressScratch);
    publishPartitions();
    reply.journalId = entry.id;
    return reply;
}

}  // namespace mtga
