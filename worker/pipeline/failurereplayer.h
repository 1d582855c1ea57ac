#pragma once

// FailureReplayer: the pipeline's side of the failure queue. It keeps what the next checkpoint
// must write of the queue (new and updated entries, entries replayed successfully, lines the
// sink refused), counts the transient entries and when the first is due, and replays entries:
// those that now succeed are written (or dropped by a filter) and leave the queue with the next
// checkpoint, the others count one more attempt. Guarded by the pipeline's state lock: what is
// written and what a checkpoint records change together.

#include "worker/pipeline/failurebackoff.h"
#include "worker/pipeline/recoveryset.h"
#include "worker/sink/sink.h"
#include "worker/store/store.h"
#include "worker/transform/transformer.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mtga {

class FailureReplayer {
public:
    struct Report {
        uint64_t written = 0;
        uint64_t filtered = 0;
        uint64_t stillFailing = 0;
        uint64_t notDue = 0;   // transient entries whose backoff has not passed yet
        uint64_t matched = 0;  // Matching: the entries the filter matched
        uint64_t bytesWritten = 0;
        uint64_t settled = 0;   // entries resolved or updated (their change waits for a checkpoint)
        QString outputError;    // the output refused some lines (they stay queued)
        bool tryAgain = false;  // a whole replay the output did not take completely
    };
    enum class Scope {
        All,           // after a reload: every entry, with the new settings
        DueTransient,  // on the timer: transient entries whose backoff has passed, in slices
        Matching,      // an operator's retry: the entries a filter matches, due or not
    };

    FailureReplayer(Store& store, Sink& sink, RecoverySet& recovery, FailureBackoff backoff);

    // Counts the queue's transient entries and schedules the first (at start).
    Result<void> countTransient();
    // A failure of the transform, for the next checkpoint.
    void add(FailureEntry entry) { m_pending.push_back(std::move(entry)); }

    // Tries the queue's entries again (see the class comment). One attempt at the output:
    // entries whose lines it does not take stay as they are. The caller checkpoints afterwards.
    // `matching` is Matching's filter.
    Report replay(Scope scope, std::shared_ptr<const SettingsSet> settings,
                  const TransformerOptions& options, int64_t nowMs,
                  const FailureFilter* matching = nullptr);

    // Lines the sink refused since the last checkpoint become entries, unless their offsets are
    // not acknowledged yet (`progress`: the next offset per partition): those are held for a
    // later checkpoint when their partition is still `owned`, else dropped (consumed again).
    // Returns how many refused lines had been counted as written (they are failures now).
    uint64_t addRejections(std::vector<SinkRejection>& rejected,
                           const std::map<TopicPartition, int64_t>& progress,
                           const std::function<bool(const TopicPartition&)>& owned, int64_t nowMs);

    // An operator's clear: removes the entries `filter` matches from the store and from this
    // view of the queue, so that no update waiting for the next checkpoint writes one back and
    // the transient count stays right. Failures since the last checkpoint are not in the queue
    // yet and stay. Returns how many entries left the store.
    Result<uint64_t> clear(const FailureFilter& filter);

    // What a checkpoint writes of the queue, and what it does once the batch is committed.
    void fill(CheckpointBatch& batch) const;
    void committed();

    // Replayed lines the sink refused after all, since the start: an operator's retry counts
    // them as failing again, not written.
    uint64_t refusedAgain() const { return m_refusedAgain; }
    int64_t transientCount() const { return std::max<int64_t>(m_transient, 0); }
    // When the next transient entry is due (epoch ms), or -1 when there is none.
    int64_t nextDueMs() const { return m_transient > 0 ? m_nextDueMs : -1; }

private:
    void schedule(int64_t dueMs) { FailureBackoff::keepEarliest(m_nextDueMs, dueMs); }

    Store& m_store;
    Sink& m_sink;
    RecoverySet& m_recovery;
    FailureBackoff m_backoff;
    std::vector<FailureEntry> m_pending;
    // Lines the sink refused whose offsets are not acknowledged yet (a partly taken batch).
    std::vector<SinkRejection> m_held;
    std::vector<std::string> m_resolved;  // keys replayed successfully
    // Entries replayed since the last checkpoint (their removal is pending): a replay skips
    // them, and if the sink refuses one again it goes back to the queue with its history
    // (attempts, first time) instead of as a new entry.
    std::map<std::string, FailureEntry> m_replayed;
    std::string m_cursor;  // where the next timed pass goes on scanning the queue
    int64_t m_transient = 0;
    int64_t m_nextDueMs = -1;
    uint64_t m_refusedAgain = 0;
    bool m_unsettled = false;  // replayed lines may be written, their entries not removed
};

}  // namespace mtga
