#pragma once

// Pipeline: the worker's main job. Kafka messages flow from the source to N transform threads
// (one partition always on the same thread, so its order is kept) and into the file sink; a
// checkpoint thread makes progress durable: flush the files, then one synced RocksDB batch
// (offsets, file lengths, failures), then commit the offsets to the group. After a crash,
// recovery skips the events already in the files' tails, so every event lands exactly once.

#include "shared/result.h"
#include "worker/pipeline/pipelineoptions.h"
#include "worker/pipeline/positionguard.h"
#include "worker/pipeline/recoveryset.h"
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
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <thread>
#include <vector>

namespace mtga {

struct PartitionProgress {
    TopicPartitionKey partition;
    int64_t nextOffset = -1;    // processed (written or buffered)
    int64_t checkpointed = -1;  // durable
    int64_t low = -1;
    int64_t high = -1;
};

// One result of the start-up self-check, logged and shown by `mtga status`.
struct SelfCheckFinding {
    std::string check;  // librdkafka_snappy, store, checkpoint_vs_group
    bool ok = true;
    QString detail;
};

struct PipelineStats {
    uint64_t messages = 0;
    uint64_t written = 0;
    uint64_t filtered = 0;
    uint64_t failed = 0;
    uint64_t skippedOnRecovery = 0;
    uint64_t transientFailures = 0;  // in the failure queue, waiting for their next attempt
    uint64_t checkpoints = 0;
    uint64_t bytesWritten = 0;
    QString lastError;
    bool blocked = false;  // a worker is waiting for the output to take its lines
    bool stale = false;    // the pipeline was busy: these are the last values it could give
    std::vector<PartitionProgress> partitions;
};

class Pipeline : public KafkaSourceListener {
    Q_DECLARE_TR_FUNCTIONS(Pipeline)

public:
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

    struct ReplayReport {
        uint64_t written = 0;
        uint64_t filtered = 0;
        uint64_t stillFailing = 0;
        uint64_t notDue = 0;  // transient entries whose backoff has not passed yet
    };
    enum class ReplayScope {
        All,           // after a reload: every entry, with the new settings
        DueTransient,  // on the timer: transient entries whose backoff has passed
    };
    // Tries the failure queue's entries again: those that now succeed are written (or dropped by
    // a filter) and leave the queue, the others count one more attempt. Entries of the transform
    // are transformed again; entries a sink refused hold their TA line and are written as is.
    // One attempt at the output: entries whose lines it does not take stay as they are.
    ReplayReport replayFailures(ReplayScope scope = ReplayScope::All);
    // When the next transient entry is due (epoch ms), or -1 when there is none.
    int64_t nextTransientReplayMs() const;
    Result<void> checkpointNow();

    // Waits at most `wait` for the pipeline's state; when it is held longer (a checkpoint waiting
    // for a slow output), returns the last answer marked `stale`.
    PipelineStats stats(std::chrono::milliseconds wait = std::chrono::milliseconds(500)) const;
    std::vector<SelfCheckFinding> selfCheck() const;
    uint64_t failureCount() const { return m_store ? m_store->failureCount() : 0; }
    Store& store() { return *m_store; }
    const std::vector<StartOffsetDecision> startDecisions() const;

private:
    struct Queue {
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<KafkaMessage> messages;
        qint64 bytes = 0;
    };

    explicit Pipeline(PipelineOptions options);
    // Returns how many files are shorter than their checkpoint (for the self-check).
    Result<size_t> recover();
    void workerLoop(size_t index);
    void checkpointLoop();
    // `deadline`: how long the output may take to confirm what it was given (a revoke's bound).
    Result<void> checkpointLocked(std::map<TopicPartitionKey, int64_t>* committedOffsets,
                                  std::chrono::steady_clock::time_point deadline =
                                      std::chrono::steady_clock::time_point::max());
    // What one worker made of a batch of messages, applied under the state lock.
    struct WorkBatch {
        // Remembered: taken, and in the recovery set until the batch is acknowledged; so is a
        // line skipped as already written (its identity was used up) once an attempt failed.
        enum class LineState : uint8_t {
            Pending,
            Taken,
            Remembered,
            Skipped,
            SkippedRemembered,
            Dropped
        };
        struct Line {
            uint32_t slot;  // its partition in `partitions`
            int appId;
            int64_t offset;
            uint32_t index;
            size_t begin;
            size_t size;
            LineState state = LineState::Pending;
        };
        struct Partition {
            std::string_view topic;  // librdkafka's, alive while the batch's messages are
            int32_t partition;
            int64_t next = -1;  // one past its last message in the batch
            bool owned = true;  // still ours since the batch was taken
        };
        uint64_t epoch = 0;  // the assignment epoch when the batch was taken from its queue
        std::string text;
        std::vector<Line> lines;
        std::vector<Partition> partitions;
        std::vector<FailureEntry> failures;
        std::vector<uint32_t> failureSlots;
        uint64_t messages = 0;
        uint64_t filtered = 0;
        bool counted = false;  // its messages are in the stats
        void clear() {
            text.clear();
            lines.clear();
            partitions.clear();
            failures.clear();
            failureSlots.clear();
            messages = filtered = 0;
            counted = false;
        }
        uint32_t slotOf(std::string_view topic, int32_t partition);
    };
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
    // The output took `bytes` of the lines' text: the whole lines among them are taken.
    static void markTaken(const std::vector<WorkBatch::Line*>& lines, size_t bytes);
    void addRejections(std::vector<SinkRejection>& rejected);
    int64_t backoffDueMs(const FailureEntry& entry) const;
    void countTransientFailures();
    void addFinding(SelfCheckFinding finding);
    void scheduleTransient(int64_t dueMs);
    void addRecoveryState(CheckpointBatch& batch);
    std::vector<PartitionPosition> assignedPositions() const;
    // The next offset of a partition from its progress or its chosen start; -1 when neither is
    // known yet (start_from decides). State lock held.
    int64_t knownNextOffset(const TopicPartitionKey& partition) const;
    // The complete lines in the files past their checkpointed lengths join the recovery set.
    void rememberUncheckpointedLines();
    std::chrono::milliseconds revokeTimeout() const;
    void dropQueued(const std::vector<TopicPartitionKey>& partitions);
    void runRequestedReplay();
    size_t queueFor(const char* topic, int32_t partition) const;

    // KafkaSourceListener
    std::map<TopicPartitionKey, int64_t> checkpointedOffsets() override;
    void partitionsAssigned(const std::vector<TopicPartitionKey>& partitions) override;
    void partitionsRevoking(const std::vector<TopicPartitionKey>& partitions) override;
    bool messagesArrived(std::vector<KafkaMessage>& messages) override;
    void errorOccurred(const QString& message) override;

    PipelineOptions m_options;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SettingsRegistry> m_settings;
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<KafkaSource> m_source;

    std::vector<std::unique_ptr<Queue>> m_queues;
    std::vector<std::thread> m_workers;
    std::thread m_checkpointer;
    std::atomic<bool> m_stopping{false};
    std::atomic<bool> m_abandon{false};        // stop waiting for a sink that keeps failing
    std::atomic<bool> m_drainTimedOut{false};  // the stop gave up on what the output held
    // Bumped at every assignment and revoke: a batch taken in an earlier epoch writes nothing of
    // a partition revoked (or revoked and assigned again) since.
    std::atomic<uint64_t> m_epoch{1};
    std::mutex m_retryMutex;  // only for m_retryWake
    std::condition_variable m_retryWake;
    std::atomic<int> m_retryingWorkers{0};
    std::atomic<bool> m_replayRequested{false};
    std::atomic<bool> m_reloadToAudit{false};
    std::atomic<bool> m_checkpointSoon{false};
    std::function<void(const QString&)> m_fatal;
    std::atomic<bool> m_fatalReported{false};  // a new file, or many bytes since the last one
    bool m_replayUnsettled = false;  // replayed lines may be written, their entries not removed
    // The partitions the source thread hands over, and where they stand: that thread only.
    std::unique_ptr<PositionGuard> m_positions;
    std::atomic<int64_t> m_inFlight{0};
    std::mutex m_drainMutex;
    std::condition_variable m_drained;

    // Everything below is guarded by m_stateMutex: what is written and what a checkpoint records
    // must change together.
    // Timed: `status` must answer even while a worker waits in the sink holding this lock.
    mutable std::timed_mutex m_stateMutex;
    std::map<TopicPartitionKey, int64_t> m_progress;
    std::map<TopicPartitionKey, int64_t> m_checkpointed;
    std::vector<FailureEntry> m_pendingFailures;
    // Lines the sink refused whose offsets are not acknowledged yet (a partly taken batch).
    std::vector<SinkRejection> m_heldRejections;
    std::vector<std::string> m_pendingResolved;  // failure-queue keys replayed successfully
    // Owned partitions with the epoch they were assigned in, and where each started.
    std::map<TopicPartitionKey, uint64_t> m_owned;
    std::map<TopicPartitionKey, int64_t> m_startOffsets;  // -1: start_from
    RecoverySet m_recovery;
    bool m_recovering = false;  // since the start found events to skip, until the set is gone
    std::vector<FileRecord> m_recoveredFiles;  // their full lengths, for the first checkpoint
    qint64 m_bytesSinceCheckpoint = 0;
    // Transient entries in the failure queue (committed or pending) and when the first is due.
    int64_t m_transientFailures = 0;
    int64_t m_nextTransientDueMs = -1;
    // Entries replayed since the last checkpoint (their removal is pending): a replay skips them,
    // and if the sink refuses one again it goes back to the queue with its history (attempts,
    // first time) instead of as a new entry.
    std::map<std::string, FailureEntry> m_replayedEntries;
    std::string m_transientCursor;  // where the next timed pass goes on scanning the queue
    PipelineStats m_stats;
    mutable std::mutex m_lastStatsMutex;
    mutable PipelineStats m_lastStats;    // the last answer of stats(), for when the lock is busy
    mutable std::mutex m_selfCheckMutex;  // not the state lock: `status` reads it
    std::vector<SelfCheckFinding> m_selfCheck;
    std::mutex m_checkpointWakeMutex;
    std::condition_variable m_checkpointWake;
    std::atomic<uint64_t> m_settingsGeneration{0};
};

}  // namespace mtga
