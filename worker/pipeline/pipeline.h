#pragma once

// Pipeline: the worker's main job, its lifecycle and the wiring of its parts. Kafka messages
// flow from the source through the work queues to N transform threads (one partition always on
// the same thread, so its order is kept) and into the sink; the checkpoint thread makes progress
// durable: flush the output, then one synced RocksDB batch (offsets, file lengths, failures),
// then commit the offsets to the group. After a crash, recovery skips the events already in the
// output's tails, so every event lands exactly once. The parts: WorkQueues, CheckpointScheduler,
// CrashRecovery, FailureReplayer, SelfCheck, StatsBoard, PositionGuard, RecoverySet.

#include "shared/result.h"
#include "shared/values/offsetresetreply.h"
#include "shared/values/offsetresetrequest.h"
#include "worker/health/arrivalclock.h"
#include "worker/health/healthmonitor.h"
#include "worker/pipeline/checkpointscheduler.h"
#include "worker/pipeline/crashrecovery.h"
#include "worker/pipeline/failurereplayer.h"
#include "worker/pipeline/offsetresetplanner.h"
#include "worker/pipeline/operatorjob.h"
#include "worker/pipeline/pipelineoptions.h"
#include "worker/pipeline/positionguard.h"
#include "worker/pipeline/recoveryset.h"
#include "worker/pipeline/sampleboard.h"
#include "worker/pipeline/selfcheck.h"
#include "worker/pipeline/statsboard.h"
#include "worker/pipeline/workbatch.h"
#include "worker/pipeline/workqueues.h"
#include "worker/sink/filesink.h"
#include "worker/sink/kafkasink.h"
#include "worker/source/kafkasource.h"
#include "worker/store/store.h"
#include "worker/transform/settingsregistry.h"
#include "worker/transform/transformer.h"

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace mtga {

// How the work queues see a librdkafka message.
struct KafkaMessageTraits {
    static std::string_view topic(const KafkaMessage& message) {
        return rd_kafka_topic_name(message->rkt);
    }
    static int32_t partition(const KafkaMessage& message) { return message->partition; }
    static qint64 bytes(const KafkaMessage& message) { return static_cast<qint64>(message->len); }
};
using MessageQueues = WorkQueues<KafkaMessage, KafkaMessageTraits>;

// Who asked for an offset reset, for its journal entry.
struct ResetAuthor {
    qint64 uid = -1;
    qint64 pid = -1;
};

class Pipeline : public KafkaSourceListener {
    Q_DECLARE_TR_FUNCTIONS(Pipeline)

public:
    using ResetDone = std::function<void(Result<OffsetResetReply>)>;

    static Result<std::unique_ptr<Pipeline>> create(PipelineOptions options);
    ~Pipeline() override;

    // Opens the store, recovers the files' tails, loads the settings, starts every thread.
    Result<void> start();
    // Stops consuming, writes what was taken, checkpoints, and joins every thread.
    Result<void> stop();
    // Called (from any thread, once) when the pipeline cannot go on without losing events: the
    // output lost bytes it had taken (a failed fdatasync). The worker must stop and start again
    // from its last checkpoint.
    void setFatalHandler(std::function<void(const QString& why)> handler);
    // Reloads the settings and, when they load, has the failure queue replayed with them (on the
    // checkpoint thread: a reload never waits for the output).
    Result<void> reloadSettings();

    // Offset resets (pipelinereset.cpp), one at a time (busy otherwise), on a thread of their
    // own, while the pipeline keeps running: `done` is called there with the dry run's rows, or
    // once the reset is applied (paused, drained, checkpointed, journalled, committed, moved),
    // or with why nothing changed.
    Result<void> resetOffsets(OffsetResetRequest request, ResetAuthor author, ResetDone done);
    // A reset back to journal entry `id`'s offsets before it (the newest entry not undone yet
    // when absent).
    Result<void> undoReset(std::optional<int64_t> id, bool dryRun, ResetAuthor author,
                           ResetDone done);
    Result<ResetJournal> resetJournal(size_t limit) const;
    // The last `limit` messages taken of `partition` and what became of them (`sample`);
    // not_owned when this worker does not read it. Never waits for the pipeline's threads.
    Result<SampleReply> sample(const TopicPartition& partition, size_t limit) const;

    // When the next transient entry is due (epoch ms), or -1 when there is none.
    int64_t nextTransientReplayMs() const;
    // An operator's clear of the failure queue (all of it, or what `filter` matches), under the
    // state lock so that no checkpoint in progress writes a cleared entry back. Returns how many
    // entries were removed; pipeline_stopped before start().
    Result<uint64_t> clearFailures(const FailureFilter& filter);
    // Runs `job` on the failure queue's operator thread (one at a time: busy otherwise); the
    // pipeline waits for it before it stops.
    Result<void> startFailureJob(std::function<void()> job);
    bool stopping() const { return m_stopping.load(); }
    // An operator's retry: the entries `filter` matches tried again now with the current
    // settings, due or not, then a checkpoint (blocks; for a failure job).
    FailureReplayer::Report retryFailures(const FailureFilter& filter);
    Result<void> checkpointNow();

    // Never waits for the pipeline's threads: a copy of what they published last.
    PipelineStats stats() const;
    // The worst health state of the owned partitions (ok before the first judgement).
    HealthState health() const;
    // Called on the health monitor's thread at every state change of a partition, with its lag
    // in time then.
    using HealthListener = std::function<void(const TopicPartition&, const HealthTransition&,
                                              std::optional<double> lagSeconds)>;
    void setHealthListener(HealthListener listener);
    std::vector<SelfCheckFinding> selfCheck() const { return m_selfCheck.findings(); }
    uint64_t failureCount() const { return m_store ? m_store->failureCount() : 0; }
    Store& store() { return *m_store; }
    Store* storeIfOpen() { return m_store.get(); }  // null before start() opened it
    // The apps whose settings are in force, ascending.
    std::vector<int> appIds() const;
    const std::vector<StartOffsetDecision> startDecisions() const;

private:
    explicit Pipeline(PipelineOptions options);
    Result<void> createSink();
    Result<void> recover();
    void workerLoop(size_t index);
    void checkpointTurn();
    // `deadline`: how long the output may take to confirm what it was given (a revoke's bound).
    Result<void> checkpointLocked(std::map<TopicPartition, int64_t>* committedOffsets,
                                  std::chrono::steady_clock::time_point deadline =
                                      std::chrono::steady_clock::time_point::max());
    // Replays the failure queue (under the state lock) and checkpoints what it settled.
    FailureReplayer::Report replayFailures(FailureReplayer::Scope scope,
                                           const FailureFilter* matching = nullptr);
    void runRequestedReplay();
    void transformInto(Transformer& transformer, TransformOutput& output,
                       const rd_kafka_message_t& message, WorkBatch& work);
    // Writes the batch and acknowledges it; while the output refuses, waits and tries again
    // without holding the state lock. False when it gave up (stopping): the batch is not
    // acknowledged, and what the output took of it is remembered by the recovery set.
    bool apply(WorkBatch& work);
    // One attempt under the state lock: true when every line is written (or skipped, or
    // dropped with its partition), and the batch is acknowledged.
    bool tryApply(WorkBatch& work, Error* failure, int* failedApp);
    void acknowledge(WorkBatch& work);
    void countByApp(const WorkBatch& work);  // state lock held
    void setLastError(const QString& error);
    // The counters and the given (or every owned) partitions to the stats board. State lock held.
    void publishCounters();
    void publishPartitions();
    std::vector<PartitionPosition> assignedPositions() const;
    // The next offset of a partition from its progress or its chosen start; -1 when neither is
    // known yet (start_from decides). State lock held.
    int64_t knownNextOffset(const TopicPartition& partition) const;
    void addRecoveryState(CheckpointBatch& batch);
    std::chrono::milliseconds revokeTimeout() const;
    void dropQueued(const std::vector<TopicPartition>& partitions);
    void reportCheckpointMismatches();
    // Health (pipelinehealth.cpp).
    Result<void> startHealth();
    std::vector<HealthInput> healthInputs();
    void healthChanged(const TopicPartition& partition, const HealthTransition& transition);
    void addHealth(PartitionProgress& progress, int64_t nowMs) const;
    // Low and High from the source, and the position clamped to Low.
    void addWatermarks(PartitionProgress& progress) const;
    // Offset resets (pipelinereset.cpp).
    Result<void> startReset(std::function<void()> job);
    Result<OffsetResetReply> runReset(const OffsetResetRequest& request, const ResetAuthor& author,
                                      std::optional<int64_t> undoes);
    Result<void> askResetWatermarks(std::vector<OffsetResetPlanner::State>& states);
    Result<std::vector<OffsetResetPlanner::State>> resetStates(
        const OffsetResetRequest& request, const std::vector<TopicPartition>& partitions);
    void refreshResetStatesLocked(std::vector<OffsetResetPlanner::State>& states) const;
    // Runs `task` on the source's thread and waits for it; false when it did not run in time.
    bool onSource(std::function<void()> task, std::chrono::steady_clock::time_point deadline);
    Result<void> awaitResetDrain(const std::map<TopicPartition, int64_t>& admittedNext,
                                 std::chrono::steady_clock::time_point deadline);
    Result<OffsetResetReply> applyResetLocked(const OffsetResetRequest& request,
                                              const ResetAuthor& author,
                                              std::optional<int64_t> undoes,
                                              std::vector<OffsetResetPlanner::State>& states,
                                              const std::map<TopicPartition, uint64_t>& epochs,
                                              std::chrono::steady_clock::time_point deadline);
    Result<OffsetResetRequest> undoRequest(std::optional<int64_t> id, bool dryRun,
                                           int64_t* undoes) const;

    // KafkaSourceListener
    Result<std::map<TopicPartition, int64_t>> checkpointedOffsets() override;
    void partitionsAssigned(const std::vector<TopicPartition>& partitions) override;
    void partitionsRevoking(const std::vector<TopicPartition>& partitions) override;
    bool messagesArrived(std::vector<KafkaMessage>& messages) override;
    void errorOccurred(const QString& message) override;

    PipelineOptions m_options;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SettingsRegistry> m_settings;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<KafkaSource> m_source;
    std::unique_ptr<MessageQueues> m_queues;
    std::unique_ptr<CheckpointScheduler> m_checkpoints;
    std::unique_ptr<CrashRecovery> m_crashRecovery;
    SelfCheck m_selfCheck;
    StatsBoard m_board;
    SampleBoard m_samples;
    ArrivalClock m_arrivals;  // Kafka timestamps of what was taken, for the lag in time
    std::unique_ptr<HealthMonitor> m_health;
    std::map<TopicPartition, int64_t> m_lostSeen;  // the health monitor's thread only
    std::mutex m_healthListenerMutex;
    HealthListener m_healthListener;

    std::vector<std::thread> m_workers;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_abandon{false};        // stop waiting for a sink that keeps failing
    std::atomic<bool> m_drainTimedOut{false};  // the stop gave up on what the output held
    // Bumped at every assignment and revoke: a batch taken in an earlier epoch writes nothing of
    // a partition revoked (or revoked and assigned again) since.
    std::atomic<uint64_t> m_epoch{1};
    std::mutex m_retryMutex;  // only for m_retryWake
    std::condition_variable m_retryWake;
    std::atomic<int> m_retryingWorkers{0};
    // Since when (steady ms) a checkpoint waits for the output to confirm; 0: none waits.
    std::atomic<int64_t> m_outputWaitSince{0};
    std::atomic<bool> m_reloadToAudit{false};
    OperatorJob m_resetJob;
    OperatorJob m_failureJob;  // retry_failures, export_failures
    std::function<void(const QString&)> m_fatal;
    std::atomic<bool> m_fatalReported{false};
    // The partitions the source thread hands over, and where they stand: that thread only.
    std::unique_ptr<PositionGuard> m_positions;

    // Everything below is guarded by m_stateMutex: what is written and what a checkpoint records
    // must change together. Nothing that reads the pipeline's state for others (stats) takes it.
    // Timed for a revoke only: its wait for a checkpoint in progress has the group's deadline.
    mutable std::timed_mutex m_stateMutex;
    std::map<TopicPartition, int64_t> m_progress;
    std::map<TopicPartition, int64_t> m_checkpointed;
    // Owned partitions with the epoch they were assigned in, and where each started.
    std::map<TopicPartition, uint64_t> m_owned;
    std::map<TopicPartition, int64_t> m_startOffsets;  // -1: start_from
    RecoverySet m_recovery;
    std::unique_ptr<FailureReplayer> m_failures;
    bool m_recovering = false;  // since the start found events to skip, until the set is gone
    std::vector<FileRecord> m_recoveredFiles;  // their full lengths, for the first checkpoint
    qint64 m_bytesSinceCheckpoint = 0;
    PipelineCounters m_counters;
    std::vector<StatsBoard::Progress> m_progressScratch;  // acknowledge()'s, reused
};

}  // namespace mtga
