// The pipeline's failure queue: counting transient entries, their backoff, replaying them,
// and the lines a sink refused.

#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <algorithm>
#include <deque>
#include <set>

namespace mtga {

using namespace pipelineinternal;

void Pipeline::countTransientFailures() {
    std::lock_guard lock(m_stateMutex);
    m_transientFailures = 0;
    m_nextTransientDueMs = -1;
    std::string afterKey;
    while (true) {
        const std::vector<FailureEntry> page = m_store->failures(1000, afterKey);
        if (page.empty()) {
            break;
        }
        afterKey = page.back().key();
        for (const FailureEntry& entry : page) {
            if (isTransientFailure(entry.code)) {
                ++m_transientFailures;
                scheduleTransient(backoffDueMs(entry));
            }
        }
    }
    if (m_transientFailures > 0) {
        qCInfo(lcPipeline, "failure queue: %lld entr(ies) will be tried again on a timer",
               static_cast<long long>(m_transientFailures));
    }
}

void Pipeline::scheduleTransient(int64_t dueMs) {
    keepEarliest(m_nextTransientDueMs, dueMs);
}

int64_t Pipeline::backoffDueMs(const FailureEntry& entry) const {
    // replay_backoff after the first failure, doubling with every attempt, at most the maximum.
    const int doublings = static_cast<int>(std::clamp<uint32_t>(entry.attempts, 1, 31)) - 1;
    const int64_t base = m_options.replayBackoff.count();
    const int64_t most = m_options.replayBackoffMax.count();
    // Compared before shifting, so the shift cannot overflow.
    const int64_t wait = base > (most >> doublings) ? most : base << doublings;
    return entry.lastTimeMs + wait;
}

int64_t Pipeline::nextTransientReplayMs() const {
    std::lock_guard lock(m_stateMutex);
    return m_transientFailures > 0 ? m_nextTransientDueMs : -1;
}

Pipeline::ReplayReport Pipeline::replayFailures(ReplayScope scope) {
    // Under the state lock and with a checkpoint at the end: the replayed lines and the removal
    // of their entries become durable together. A crash in between leaves the lines in a tail
    // that recovery remembers, and start() replays again in that case, skipping them.
    ReplayReport report;
    std::lock_guard lock(m_stateMutex);
    Transformer transformer(m_settings->current(), m_options.transform);
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
    const int64_t now = nowMs();
    int64_t nextDue = -1;
    bool scannedAll = false;
    std::set<std::string> pendingUpdate;  // entries whose new attempt is not committed yet
    for (const FailureEntry& entry : m_pendingFailures) {
        pendingUpdate.insert(entry.key());
    }
    // The timer's passes go through a long queue in slices, so the state lock is never held for
    // a whole scan; a reload's replay goes through it all.
    const bool sliced = scope == ReplayScope::DueTransient;
    const bool fromStart = !sliced || m_transientCursor.empty();
    if (sliced) {
        afterKey = m_transientCursor;
    }
    size_t scanned = 0;
    auto writeLater = [&](const FailureEntry& entry, std::string_view line) {
        const FailureEntry& kept = written.emplace_back(entry);
        AppReplay& app = byApp[entry.appId];
        app.lines += line;
        if (m_sink->wantsOrigins()) {
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
        const std::vector<FailureEntry> page = m_store->failures(1000, afterKey);
        if (page.empty()) {
            scannedAll = fromStart;
            afterKey.clear();
            break;
        }
        afterKey = page.back().key();
        scanned += page.size();
        for (const FailureEntry& entry : page) {
            const bool transient = isTransientFailure(entry.code);
            if (scope == ReplayScope::DueTransient) {
                if (!transient) {
                    continue;
                }
                if (const int64_t due = backoffDueMs(entry); due > now) {
                    ++report.notDue;
                    keepEarliest(nextDue, due);
                    continue;
                }
            }
            if (m_replayedEntries.contains(entry.key()) || pendingUpdate.contains(entry.key())) {
                continue;  // replayed already; the checkpoint that settles it is still to come
            }
            if (entry.stage == "sink") {
                // The sink refused it: the entry holds the finished TA line.
                resolved.push_back(entry.key());
                m_transientFailures -= transient ? 1 : 0;
                m_replayedEntries[entry.key()] = entry;
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
                    again.code = std::string(failureCodeName(outcome->code));
                    again.message = outcome->message;
                    again.field = outcome->field;
                }
                if (isTransientFailure(again.code)) {
                    const int64_t due = backoffDueMs(again);
                    keepEarliest(nextDue, due);
                }
                m_transientFailures +=
                    (isTransientFailure(again.code) ? 1 : 0) - (transient ? 1 : 0);
                updated.push_back(std::move(again));
                ++report.stillFailing;
                continue;
            }
            resolved.push_back(entry.key());
            m_transientFailures -= transient ? 1 : 0;
            m_replayedEntries[entry.key()] = entry;
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
        m_transientCursor = afterKey;
    }
    m_transientFailures = std::max<int64_t>(m_transientFailures, 0);
    if (scannedAll) {
        // Entries skipped as pending get their due time when their checkpoint commits them.
        m_nextTransientDueMs = nextDue;
    } else {
        if (nextDue >= 0) {
            scheduleTransient(nextDue);
        }
        scheduleTransient(now + 1000);  // the rest of the queue, soon
    }
    // One attempt per app: entries whose lines the output does not take stay as they were
    // (the output failed, not they), so what leaves the queue is exactly what was written.
    std::set<std::string> notTaken;
    if (!byApp.empty() && !m_store->meta(kReplayPendingKey)) {
        (void)m_store->setMeta(kReplayPendingKey, "1");
    }
    m_replayUnsettled = m_replayUnsettled || !byApp.empty();
    for (auto& [appId, app] : byApp) {
        const Result<size_t> taken = m_sink->write(appId, app.lines, app.origins);
        const size_t bytes = taken ? taken.value() : 0;
        m_bytesSinceCheckpoint += static_cast<qint64>(bytes);
        size_t at = 0;
        for (const auto& [entry, size] : app.entries) {
            at += size;
            if (at <= bytes) {
                continue;
            }
            notTaken.insert(entry->key());
            m_replayedEntries.erase(entry->key());
            m_transientFailures += isTransientFailure(entry->code) ? 1 : 0;
            keepEarliest(nextDue, now + 1000);
            --report.written;
            ++report.stillFailing;
        }
        if (!taken) {
            m_stats.lastError = taken.error().message;
            qCWarning(lcPipeline,
                      "replay: the output did not take app %d's events, they stay "
                      "queued: %s",
                      appId, qUtf8Printable(taken.error().message));
        }
    }
    if (!notTaken.empty() && scope == ReplayScope::All) {
        m_replayRequested.store(true);  // again after the next checkpoint that succeeds
    }
    if (!notTaken.empty()) {
        std::erase_if(resolved, [&](const std::string& key) { return notTaken.contains(key); });
        if (nextDue >= 0) {
            scheduleTransient(nextDue);
        }
    }
    m_pendingResolved.insert(m_pendingResolved.end(), resolved.begin(), resolved.end());
    m_pendingFailures.insert(m_pendingFailures.end(), updated.begin(), updated.end());
    std::map<TopicPartitionKey, int64_t> offsets;
    if (auto done = checkpointLocked(&offsets); !done) {
        qCWarning(lcPipeline, "replayed events wait for the next checkpoint: %s",
                  qUtf8Printable(done.error().message));
    }
    if (scope == ReplayScope::All || resolved.size() + updated.size() > 0) {
        (void)m_store->audit(
            scope == ReplayScope::All ? "replay_failures" : "replay_transient_failures",
            "{\"written\":" + std::to_string(report.written) +
                ",\"filtered\":" + std::to_string(report.filtered) +
                ",\"still_failing\":" + std::to_string(report.stillFailing) + "}");
    }
    return report;
}

void Pipeline::addRejections(std::vector<SinkRejection>& rejected) {
    if (rejected.empty()) {
        return;
    }
    const int64_t now = nowMs();
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
        if (!m_replayedEntries.contains(key)) {
            // A refused line becomes an entry only in a checkpoint that also passes its offset:
            // else a crash (or a revoke) would have its message consumed and written again,
            // and the entry replayed as well.
            const TopicPartitionKey partition{rejection.topic, rejection.partition};
            const auto progress = m_progress.find(partition);
            if (progress == m_progress.end() || progress->second <= rejection.offset) {
                if (m_owned.contains(partition)) {
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
        entry.stage = "sink";
        entry.code = std::move(rejection.code);
        entry.message = std::move(rejection.message);
        entry.payload = std::move(rejection.line);
        entry.firstTimeMs = entry.lastTimeMs = now;
        // Never also delete it in this checkpoint: the line is not written.
        std::erase(m_pendingResolved, key);
        if (const auto again = m_replayedEntries.find(key); again != m_replayedEntries.end()) {
            // A replayed entry refused again: the same entry, one more attempt.
            entry.firstTimeMs = again->second.firstTimeMs;
            entry.attempts = again->second.attempts + 1;
            entry.logName = again->second.logName;
            m_replayedEntries.erase(again);
        } else {
            // Counted as written when the sink took it; it is a failure after all.
            ++m_stats.failed;
            m_stats.written -= std::min<uint64_t>(m_stats.written, 1);
        }
        if (rejection.transient) {
            ++transient;
            ++m_transientFailures;
            scheduleTransient(backoffDueMs(entry));
        }
        m_pendingFailures.push_back(std::move(entry));
    }
    if (entries > 0) {
        qCWarning(lcPipeline,
                  "%zu event(s) refused by the sink went to the failure queue: %zu will be tried "
                  "again on a timer, %zu wait for an operator",
                  entries, transient, entries - transient);
    }
    rejected.clear();
    m_heldRejections = std::move(held);
}

}  // namespace mtga
