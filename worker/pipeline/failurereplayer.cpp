#include "worker/pipeline/failurereplayer.h"

#include "worker/pipeline/pipelineinternal.h"

#include <algorithm>
#include <deque>
#include <set>

namespace mtga {

using namespace pipelineinternal;

namespace {

// Entries per replay, so one reload cannot stall for long.
constexpr size_t kMaxReplay = 200'000;

}  // namespace

FailureReplayer::FailureReplayer(Store& store, Sink& sink, RecoverySet& recovery,
                                 FailureBackoff backoff)
    : m_store(store), m_sink(sink), m_recovery(recovery), m_backoff(backoff) {}

Result<void> FailureReplayer::countTransient() {
    m_transient = 0;
    m_nextDueMs = -1;
    std::string afterKey;
    while (true) {
        const auto read = m_store.failures(1000, afterKey);
        if (!read) {
            return read.error();
        }
        const std::vector<FailureEntry>& page = read.value();
        if (page.empty()) {
            break;
        }
        afterKey = page.back().key();
        for (const FailureEntry& entry : page) {
            if (entry.isTransient()) {
                ++m_transient;
                schedule(m_backoff.dueMs(entry));
            }
        }
    }
    if (m_transient > 0) {
        qCInfo(lcPipeline, "failure queue: %lld entr(ies) will be tried again on a timer",
               static_cast<long long>(m_transient));
    }
    return {};
}

FailureReplayer::Report FailureReplayer::replay(Scope scope,
                                                std::shared_ptr<const SettingsSet> settings,
                                                const TransformerOptions& options, int64_t now,
                                                const FailureFilter* matching) {
    // The replayed lines and the removal of their entries become durable together, with the
    // caller's checkpoint. A crash in between leaves the lines in a tail that recovery
    // remembers, and start() replays again in that case, skipping them.
    Report report;
    Transformer transformer(std::move(settings), options);
    TransformOutput output;
    // What goes to each app's output, and which entries its lines settle.
    struct AppReplay {
        std::string lines;
        std::vector<LineOrigin> origins;
        std::vector<std::pair<const FailureEntry*, size_t>> entries;  // with their line's size
    };
    std::map<int, AppReplay> byApp;
    std::deque<FailureEntry> written;  // what byApp's views point at
    std::vector<std::string> resolved;
    std::vector<FailureEntry> updated;
    std::string afterKey;
    int64_t nextDue = -1;
    bool scannedAll = false;
    std::set<std::string> pendingUpdate;  // entries whose new attempt is not committed yet
    for (const FailureEntry& entry : m_pending) {
        pendingUpdate.insert(entry.key());
    }
    // The timer's passes go through a long queue in slices, so the state lock is never held for
    // a whole scan; a reload's replay goes through it all.
    const bool sliced = scope == Scope::DueTransient;
    const bool fromStart = !sliced || m_cursor.empty();
    if (sliced) {
        afterKey = m_cursor;
    }
    size_t scanned = 0;
    auto writeLater = [&](const FailureEntry& entry, std::string_view line) {
        const FailureEntry& kept = written.emplace_back(entry);
        AppReplay& app = byApp[entry.appId];
        app.lines += line;
        if (m_sink.wantsOrigins()) {
            app.origins.push_back({kept.topic, kept.partition, kept.offset, kept.index});
        }
        app.entries.emplace_back(&kept, line.size());
        ++report.written;
    };
    auto remembered = [&](std::string_view line) { return m_recovery.take(line); };
    while (true) {
        if (resolved.size() + updated.size() >= kMaxReplay || (sliced && scanned >= kMaxReplay)) {
            break;
        }
        const auto read = m_store.failures(1000, afterKey);
        if (!read) {
            // What was read is replayed; the rest waits for the next pass.
            report.outputError = read.error().message;
            qCWarning(lcPipeline, "replay: %s", qUtf8Printable(read.error().message));
            break;
        }
        const std::vector<FailureEntry>& page = read.value();
        if (page.empty()) {
            scannedAll = fromStart;
            afterKey.clear();
            break;
        }
        afterKey = page.back().key();
        scanned += page.size();
        for (const FailureEntry& entry : page) {
            const bool transient = entry.isTransient();
            if (scope == Scope::DueTransient) {
                if (!transient) {
                    continue;
                }
                if (const int64_t due = m_backoff.dueMs(entry); due > now) {
                    ++report.notDue;
                    FailureBackoff::keepEarliest(nextDue, due);
                    continue;
                }
            }
            if (scope == Scope::Matching) {
                if (matching == nullptr || !matching->matches(entry)) {
                    continue;
                }
                ++report.matched;
            }
            if (m_replayed.contains(entry.key()) || pendingUpdate.contains(entry.key())) {
                continue;  // replayed already; the checkpoint that settles it is still to come
            }
            if (entry.isStage(FailureStage::Sink)) {
                // The sink refused it: the entry holds the finished TA line.
                resolved.push_back(entry.key());
                m_transient -= transient ? 1 : 0;
                m_replayed[entry.key()] = entry;
                const std::string line = entry.payload + '\n';
                if (!remembered(line)) {
                    writeLater(entry, line);
                }
                continue;
            }
            output.clear();
            transformer.transform({entry.topic, entry.partition, entry.offset}, entry.payload, now,
                                  output);
            const auto outcome =
                std::find_if(output.outcomes.begin(), output.outcomes.end(),
                             [&](const RecordOutcome& o) { return o.index == entry.index; });
            if (outcome == output.outcomes.end() || outcome->kind == OutcomeKind::Failed) {
                FailureEntry again = entry;
                again.attempts += 1;
                again.lastTimeMs = now;
                if (outcome != output.outcomes.end()) {
                    again.reason = outcome->code;
                    again.unknownReason.reset();
                    again.message = outcome->message;
                    again.field = outcome->field;
                }
                if (again.isTransient()) {
                    FailureBackoff::keepEarliest(nextDue, m_backoff.dueMs(again));
                }
                m_transient += (again.isTransient() ? 1 : 0) - (transient ? 1 : 0);
                updated.push_back(std::move(again));
                ++report.stillFailing;
                continue;
            }
            resolved.push_back(entry.key());
            m_transient -= transient ? 1 : 0;
            m_replayed[entry.key()] = entry;
            if (outcome->kind == OutcomeKind::Filtered) {
                ++report.filtered;
                continue;
            }
            const std::string_view line(output.text.data() + outcome->lineBegin,
                                        outcome->lineEnd - outcome->lineBegin);
            if (!remembered(line)) {
                writeLater(entry, line);
            }
        }
    }
    if (sliced) {
        m_cursor = afterKey;
    }
    m_transient = std::max<int64_t>(m_transient, 0);
    if (scannedAll) {
        // Entries skipped as pending get their due time when their checkpoint commits them.
        m_nextDueMs = nextDue;
    } else {
        if (nextDue >= 0) {
            schedule(nextDue);
        }
        schedule(now + 1000);  // the rest of the queue, soon
    }
    // One attempt per app: entries whose lines the output does not take stay as they were
    // (the output failed, not they), so what leaves the queue is exactly what was written.
    std::set<std::string> notTaken;
    if (const auto pending = m_store.meta(kReplayPendingKey);
        !byApp.empty() && (!pending || !pending->has_value())) {
        (void)m_store.setMeta(kReplayPendingKey, "1");
    }
    m_unsettled = m_unsettled || !byApp.empty();
    for (auto& [appId, app] : byApp) {
        const Result<size_t> taken = m_sink.write(appId, app.lines, app.origins);
        const size_t bytes = taken ? taken.value() : 0;
        report.bytesWritten += bytes;
        size_t at = 0;
        for (const auto& [entry, size] : app.entries) {
            at += size;
            if (at <= bytes) {
                continue;
            }
            notTaken.insert(entry->key());
            m_replayed.erase(entry->key());
            m_transient += entry->isTransient() ? 1 : 0;
            FailureBackoff::keepEarliest(nextDue, now + 1000);
            --report.written;
            ++report.stillFailing;
        }
        if (!taken) {
            report.outputError = taken.error().message;
            qCWarning(lcPipeline,
                      "replay: the output did not take app %d's events, they stay "
                      "queued: %s",
                      appId, qUtf8Printable(taken.error().message));
        }
    }
    report.tryAgain = !notTaken.empty() && scope == Scope::All;
    if (!notTaken.empty()) {
        std::erase_if(resolved, [&](const std::string& key) { return notTaken.contains(key); });
        if (nextDue >= 0) {
            schedule(nextDue);
        }
    }
    report.settled = resolved.size() + updated.size();
    m_resolved.insert(m_resolved.end(), resolved.begin(), resolved.end());
    m_pending.insert(m_pending.end(), updated.begin(), updated.end());
    return report;
}

uint64_t FailureReplayer::addRejections(std::vector<SinkRejection>& rejected,
                                        const std::map<TopicPartition, int64_t>& progress,
                                        const std::function<bool(const TopicPartition&)>& owned,
                                        int64_t now) {
    rejected.insert(rejected.begin(), std::make_move_iterator(m_held.begin()),
                    std::make_move_iterator(m_held.end()));
    m_held.clear();
    if (rejected.empty()) {
        return 0;
    }
    uint64_t wereWritten = 0;
    size_t transient = 0;
    size_t entries = 0;
    std::vector<SinkRejection> held;
    for (SinkRejection& rejection : rejected) {
        // Not in the output after all: if a partly taken batch had it remembered as written, a
        // later replay (or the message consumed again) must write it.
        (void)m_recovery.take(rejection.line);
        FailureEntry coordinates;
        coordinates.topic = rejection.topic;
        coordinates.partition = rejection.partition;
        coordinates.offset = rejection.offset;
        coordinates.index = rejection.index;
        const std::string key = coordinates.key();
        if (!m_replayed.contains(key)) {
            // A refused line becomes an entry only in a checkpoint that also passes its offset:
            // else a crash (or a revoke) would have its message consumed and written again,
            // and the entry replayed as well.
            const TopicPartition partition{rejection.topic, rejection.partition};
            const auto at = progress.find(partition);
            if (at == progress.end() || at->second <= rejection.offset) {
                if (owned(partition)) {
                    held.push_back(std::move(rejection));
                }
                continue;  // not ours any more: its message is consumed again, here or there
            }
        }
        ++entries;
        FailureEntry entry;
        entry.topic = std::move(rejection.topic);
        entry.partition = rejection.partition;
        entry.offset = rejection.offset;
        entry.index = rejection.index;
        entry.appId = rejection.appId;
        entry.stage = FailureStage::Sink;
        entry.reason = rejection.reason;
        entry.message = std::move(rejection.message);
        entry.payload = std::move(rejection.line);
        entry.firstTimeMs = entry.lastTimeMs = now;
        // Never also delete it in this checkpoint: the line is not written.
        std::erase(m_resolved, key);
        if (const auto again = m_replayed.find(key); again != m_replayed.end()) {
            // A replayed entry refused again: the same entry, one more attempt.
            ++m_refusedAgain;
            entry.firstTimeMs = again->second.firstTimeMs;
            entry.attempts = again->second.attempts + 1;
            entry.logName = again->second.logName;
            m_replayed.erase(again);
        } else {
            ++wereWritten;  // counted as written when the sink took it
        }
        if (rejection.transient) {
            ++transient;
            ++m_transient;
            schedule(m_backoff.dueMs(entry));
        }
        m_pending.push_back(std::move(entry));
    }
    if (entries > 0) {
        qCWarning(lcPipeline,
                  "%zu event(s) refused by the sink went to the failure queue: %zu will be tried "
                  "again on a timer, %zu wait for an operator",
                  entries, transient, entries - transient);
    }
    rejected.clear();
    m_held = std::move(held);
    return wereWritten;
}

Result<uint64_t> FailureReplayer::clear(const FailureFilter& filter) {
    const auto removed = m_store.removeFailures(filter);
    if (!removed) {
        return removed.error();
    }
    std::set<std::string> keys;
    for (const RemovedFailure& entry : removed.value()) {
        keys.insert(entry.key);
    }
    // The count follows the newest version of an entry: a pending update's, else the store's.
    // A replayed entry was uncounted when it was replayed.
    std::map<std::string, bool> pendingTransient;
    for (const FailureEntry& entry : m_pending) {
        pendingTransient[entry.key()] = entry.isTransient();
    }
    for (const RemovedFailure& entry : removed.value()) {
        if (m_replayed.contains(entry.key)) {
            continue;
        }
        const auto pending = pendingTransient.find(entry.key);
        m_transient -=
            (pending != pendingTransient.end() ? pending->second : entry.transient) ? 1 : 0;
    }
    m_transient = std::max<int64_t>(m_transient, 0);
    std::erase_if(m_pending, [&](const FailureEntry& entry) { return keys.contains(entry.key()); });
    // m_replayed stays: a replayed line the sink refuses again is a new failure, since its
    // event is not in the output. m_resolved's deletes of keys gone already change nothing.
    return static_cast<uint64_t>(removed->size());
}

void FailureReplayer::fill(CheckpointBatch& batch) const {
    batch.failures = m_pending;
    batch.resolvedFailures = m_resolved;
    if (m_unsettled) {
        batch.meta[kReplayPendingKey] = "";  // the replayed entries' removal is in this batch
    }
}

void FailureReplayer::committed() {
    for (const FailureEntry& entry : m_pending) {
        if (entry.isTransient()) {
            schedule(m_backoff.dueMs(entry));
        }
    }
    m_pending.clear();
    m_resolved.clear();
    m_replayed.clear();
    m_unsettled = false;
}

}  // namespace mtga
