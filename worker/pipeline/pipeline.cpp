#include "worker/pipeline/pipeline.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>
#include <deque>
#include <functional>
#include <set>

Q_LOGGING_CATEGORY(lcPipeline, "mtga.pipeline", QtInfoMsg)

namespace mtga {
namespace {

constexpr const char* kRecoveryIdentitiesKey = "recovery.identities";
constexpr size_t kMaxBatchMessages = 2000;
constexpr auto kPauseAfter = std::chrono::seconds(5);
constexpr size_t kMaxReplay = 200'000;  // entries per replay, so one reload cannot stall for long
constexpr auto kStopDrainTimeout = std::chrono::seconds(20);
constexpr auto kMaxRetryDelay = std::chrono::milliseconds(5000);

// What identifies a written line: its #uuid, or (with uuids off) a hash of the whole line.
std::string identityOf(std::string_view line) {
    static constexpr std::string_view kUuid = "\"#uuid\":\"";
    const size_t at = line.find(kUuid);
    if (at != std::string_view::npos && at + kUuid.size() + 36 <= line.size()) {
        return "u" + std::string(line.substr(at + kUuid.size(), 36));
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    return "h" + std::to_string(std::hash<std::string_view>{}(line));
}

int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// `earliest` is an epoch-ms time or -1 (none yet); it becomes the earlier of itself and `time`.
void keepEarliest(int64_t& earliest, int64_t time) {
    if (earliest < 0 || time < earliest) {
        earliest = time;
    }
}

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::create(PipelineOptions options) {
    if (options.workers < 1) {
        return Error{QStringLiteral("invalid_argument"), tr("workers must be at least 1")};
    }
    return std::unique_ptr<Pipeline>(new Pipeline(std::move(options)));
}

Pipeline::Pipeline(PipelineOptions options) : m_options(std::move(options)) {}

Pipeline::~Pipeline() {
    (void)stop();
}

Result<void> Pipeline::start() {
    // librdkafka must decode Kafka-level snappy, or every compressed batch would fail.
    if (!kafkaHasSnappy()) {
        return Error{QStringLiteral("kafka_no_snappy"),
                     tr("this librdkafka (%1) was built without snappy: compressed topics cannot "
                        "be read. Install Debian's librdkafka1.")
                         .arg(QString::fromUtf8(rd_kafka_version_str()))};
    }
    addFinding({"librdkafka_snappy", true,
                tr("librdkafka %1 with snappy").arg(QString::fromUtf8(rd_kafka_version_str()))});
    // Settings first: a broken settings folder must stop start-up before anything is created.
    m_settings = std::make_unique<SettingsRegistry>(m_options.settingsDir);
    if (auto loaded = m_settings->reload(); !loaded) {
        return loaded.error();
    }
    // The sink before the store: stop() needs both once the store is open.
    if (m_options.sinkType == PipelineOptions::SinkType::Kafka) {
        auto sink = KafkaSink::create(m_options.kafkaSink);
        if (!sink) {
            return sink.error();
        }
        // Not fatal: the output may come later; lines wait or are tried again meanwhile.
        const QString topic = QString::fromStdString(m_options.kafkaSink.topic);
        const auto partitions =
            topicPartitionCount(sink.value()->producer(), m_options.kafkaSink.topic, 2000);
        addFinding({"output_topic", partitions.ok(),
                    partitions.ok()
                        ? tr("output topic %1 at %2: %n partition(s)", "", partitions.value())
                              .arg(topic, QString::fromStdString(m_options.kafkaSink.brokers))
                        : partitions.error().message});
        m_sink = std::move(sink).value();
    } else {
        auto files = std::make_unique<FileSink>(m_options.sink);
        files->setFileCreatedHook([this](const QString& path) -> Result<void> {
            auto recorded = m_store->recordNewFile(path);
            // A new file means a rotation (or a new app): checkpoint soon, so the file just left
            // gets its final length recorded and the tail a crash could leave stays short.
            m_checkpointWake.notify_all();
            return recorded;
        });
        m_sink = std::move(files);
    }
    auto store = Store::open(m_options.storePath, m_options.storeSync);
    if (!store) {
        return store.error();
    }
    m_store = std::move(store).value();
    const auto shortFiles = recover();
    if (!shortFiles) {
        return shortFiles.error();
    }
    {
        const auto offsets = m_store->nextOffsets();
        addFinding({"store", shortFiles.value() == 0,
                    shortFiles.value() == 0
                        ? tr("RocksDB at %1 opened: %n partition(s) checkpointed, "
                             "%2 file(s), %3 failure(s) queued",
                             "", static_cast<int>(offsets.size()))
                              .arg(m_store->path())
                              .arg(m_store->files().size())
                              .arg(m_store->failureCount())
                        : tr("RocksDB at %1 opened, but some files are shorter than their "
                             "checkpoint (see the log)")
                              .arg(m_store->path())});
    }
    countTransientFailures();
    (void)m_store->audit("start", "{}");
    if (!m_recoveredIdentities.empty() && m_store->failureCount() > 0) {
        // A crash may have come between writing replayed events and removing their entries.
        (void)replayFailures();
    }

    for (int i = 0; i < m_options.workers; ++i) {
        m_queues.push_back(std::make_unique<Queue>());
    }
    for (size_t i = 0; i < m_queues.size(); ++i) {
        m_workers.emplace_back([this, i] { workerLoop(i); });
    }
    m_checkpointer = std::thread([this] { checkpointLoop(); });

    auto source = KafkaSource::create(m_options.source, *this);
    if (!source) {
        (void)stop();
        return source.error();
    }
    m_source = std::move(source).value();
    m_source->start();
    qCInfo(lcPipeline, "pipeline started: %d worker(s)", m_options.workers);
    return {};
}

Result<size_t> Pipeline::recover() {
    // Files may hold events written after the last checkpoint. Complete lines stay (LogBus may
    // have shipped them); only a torn last fragment is cut; their identities are remembered so
    // those events are not written again when they are consumed again.
    if (const auto saved = m_store->meta(kRecoveryIdentitiesKey)) {
        for (const QByteArray& identity : QByteArray::fromStdString(*saved).split('\n')) {
            if (!identity.isEmpty()) {
                m_recoveredIdentities.insert(identity.toStdString());
            }
        }
    }
    size_t tailLines = 0;
    size_t shortFiles = 0;
    for (const FileRecord& record : m_store->files()) {
        const QFileInfo info(record.path);
        if (!info.exists() || info.size() == record.length) {
            continue;
        }
        if (info.size() < record.length) {
            ++shortFiles;
            qCWarning(lcPipeline, "recovery: %s is shorter (%lld) than checkpointed (%lld)",
                      qUtf8Printable(record.path), static_cast<long long>(info.size()),
                      static_cast<long long>(record.length));
            continue;
        }
        auto cut = FileSink::cutTornTail(record.path);
        if (!cut) {
            return cut.error();
        }
        QFile file(record.path);
        if (!file.open(QIODevice::ReadOnly) || !file.seek(record.length)) {
            return Error{QStringLiteral("io_error"), tr("%1: cannot read the tail for recovery: %2")
                                                         .arg(record.path, file.errorString())};
        }
        const QByteArray tail = file.readAll();
        size_t lines = 0;
        for (const QByteArray& line : tail.split('\n')) {
            if (!line.isEmpty()) {
                m_recoveredIdentities.insert(identityOf(
                    std::string_view(line.constData(), static_cast<size_t>(line.size()))));
                ++lines;
            }
        }
        tailLines += lines;
        qCInfo(
            lcPipeline,
            "recovery: %s has %zu line(s) (%lld bytes) past the checkpoint; %lld torn byte(s) cut",
            qUtf8Printable(record.path), lines, static_cast<long long>(tail.size()),
            static_cast<long long>(cut.value()));
    }
    if (!m_recoveredIdentities.empty()) {
        m_recoveryTailSize = static_cast<int64_t>(m_recoveredIdentities.size());
        m_recoveryStateDirty = true;
        qCInfo(lcPipeline,
               "recovery: %zu event(s) already written will be skipped when consumed again",
               m_recoveredIdentities.size());
        (void)m_store->audit("recovery", "{\"tail_lines\":" + std::to_string(tailLines) +
                                             ",\"identities\":" +
                                             std::to_string(m_recoveredIdentities.size()) + "}");
    }
    return shortFiles;
}

void Pipeline::addFinding(SelfCheckFinding finding) {
    if (finding.ok) {
        qCInfo(lcPipeline, "self-check %s: %s", finding.check.c_str(),
               qUtf8Printable(finding.detail));
    } else {
        qCWarning(lcPipeline, "self-check %s FAILED: %s", finding.check.c_str(),
                  qUtf8Printable(finding.detail));
    }
    std::lock_guard lock(m_selfCheckMutex);
    // A check done again (at the next assignment) replaces its earlier result.
    std::erase_if(m_selfCheck, [&](const SelfCheckFinding& f) { return f.check == finding.check; });
    m_selfCheck.push_back(std::move(finding));
}

std::vector<SelfCheckFinding> Pipeline::selfCheck() const {
    std::lock_guard lock(m_selfCheckMutex);
    return m_selfCheck;
}

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

void Pipeline::addRecoveryState(CheckpointBatch& batch) {
    if (!m_recoveredIdentities.empty()) {
        // Each partition's tail events lie within the first m_recoveryTailSize offsets consumed
        // after the restart; once every assigned partition is past that, none can come again.
        const auto assigned = m_source ? m_source->assignment() : std::vector<TopicPartitionKey>{};
        const bool pastHorizon =
            !assigned.empty() &&
            std::all_of(assigned.begin(), assigned.end(), [&](const TopicPartitionKey& partition) {
                const auto horizon = m_recoveryHorizon.find(partition);
                const auto progress = m_progress.find(partition);
                return horizon != m_recoveryHorizon.end() && progress != m_progress.end() &&
                       progress->second >= horizon->second;
            });
        if (pastHorizon) {
            qCInfo(lcPipeline, "recovery done: %zu remembered event(s) never came again",
                   m_recoveredIdentities.size());
            m_recoveredIdentities.clear();
            m_recoveryStateDirty = true;
        }
    }
    if (!m_recoveryStateDirty) {
        return;
    }
    std::string identities;
    for (const std::string& identity : m_recoveredIdentities) {
        identities += identity;
        identities += '\n';
    }
    batch.meta[kRecoveryIdentitiesKey] = identities;
}

Result<void> Pipeline::stop() {
    if (!m_store || m_stopping.exchange(true)) {
        return {};
    }
    if (m_source) {
        m_source->stop();  // revokes: drains and checkpoints
    }
    m_abandon.store(true);
    m_sink->abandon();
    for (auto& queue : m_queues) {
        std::lock_guard lock(queue->mutex);
        queue->changed.notify_all();
    }
    m_checkpointWake.notify_all();
    for (std::thread& worker : m_workers) {
        worker.join();
    }
    m_workers.clear();
    if (m_checkpointer.joinable()) {
        m_checkpointer.join();
    }
    Result<void> result;
    {
        std::lock_guard lock(m_stateMutex);
        std::map<TopicPartitionKey, int64_t> offsets;
        result = checkpointLocked(&offsets);
    }
    (void)m_store->audit("stop", "{}");
    qCInfo(lcPipeline, "pipeline stopped");
    return result;
}

Result<void> Pipeline::reloadSettings() {
    auto reloaded = m_settings->reload();
    if (!reloaded) {
        return reloaded;
    }
    (void)m_store->audit("reload", "{}");
    // New settings may turn failed events into good ones (a new app, a fixed field name).
    const ReplayReport report = replayFailures();
    qCInfo(lcPipeline, "failure queue replayed: %llu written, %llu filtered, %llu still failing",
           static_cast<unsigned long long>(report.written),
           static_cast<unsigned long long>(report.filtered),
           static_cast<unsigned long long>(report.stillFailing));
    return {};
}

Pipeline::ReplayReport Pipeline::replayFailures(ReplayScope scope) {
    // Under the state lock and with a checkpoint at the end: the replayed lines and the removal
    // of their entries become durable together. A crash in between leaves the lines in a tail
    // that recovery remembers, and start() replays again in that case, skipping them.
    ReplayReport report;
    std::lock_guard lock(m_stateMutex);
    Transformer transformer(m_settings->current(), m_options.transform);
    TransformOutput output;
    std::map<int, std::string> linesByApp;
    std::map<int, std::vector<LineOrigin>> originsByApp;
    std::deque<std::string> originTopics;  // what originsByApp's views point at
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
        linesByApp[entry.appId] += line;
        if (m_sink->wantsOrigins()) {
            originTopics.push_back(entry.topic);
            originsByApp[entry.appId].push_back(
                {originTopics.back(), entry.partition, entry.offset, entry.index});
        }
        ++report.written;
    };
    auto remembered = [&](std::string_view line) {
        // Not alreadyWritten(): that would also start a horizon at this old offset.
        if (m_recoveredIdentities.empty() || m_recoveredIdentities.erase(identityOf(line)) == 0) {
            return false;
        }
        m_recoveryStateDirty = true;
        return true;
    };
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
    for (const auto& [appId, lines] : linesByApp) {
        if (!appendWithRetry(appId, lines, originsByApp[appId])) {
            return {};
        }
        m_bytesSinceCheckpoint += static_cast<qint64>(lines.size());
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

size_t Pipeline::queueFor(const char* topic, int32_t partition) const {
    const size_t hash = std::hash<std::string_view>{}(topic) ^
                        (static_cast<size_t>(partition) * 0x9e3779b97f4a7c15ULL);
    return hash % m_queues.size();
}

bool Pipeline::messagesArrived(std::vector<KafkaMessage>& messages) {
    // One lock per queue per batch; a partition's messages keep their order within its queue.
    std::vector<std::vector<KafkaMessage>> perQueue(m_queues.size());
    for (KafkaMessage& message : messages) {
        perQueue[queueFor(rd_kafka_topic_name(message->rkt), message->partition)].push_back(
            std::move(message));
    }
    messages.clear();
    for (size_t index = 0; index < perQueue.size(); ++index) {
        std::vector<KafkaMessage>& batch = perQueue[index];
        if (batch.empty()) {
            continue;
        }
        qint64 size = 0;
        for (const KafkaMessage& message : batch) {
            size += static_cast<qint64>(message->len);
        }
        Queue& queue = *m_queues[index];
        std::unique_lock lock(queue.mutex);
        bool paused = false;
        std::vector<TopicPartitionKey> assigned;
        const auto blockedSince = std::chrono::steady_clock::now();
        while ((static_cast<qint64>(queue.messages.size()) >= m_options.queueMaxMessages ||
                queue.bytes + size > m_options.queueMaxBytes) &&
               !queue.messages.empty() && !m_abandon.load()) {
            // A full queue first just waits: librdkafka's own prefetch is bounded
            // (queued.max.messages.kbytes) and stops fetching by itself. Pausing costs a fetch
            // restart each time (measured: 24k instead of 415k events/s when paused at every
            // full queue), so partitions are paused only when the wait lasts (a full disk).
            if (!paused && std::chrono::steady_clock::now() - blockedSince > kPauseAfter) {
                assigned = m_source->assignment();
                lock.unlock();
                m_source->pause(assigned);
                lock.lock();
                paused = true;
                qCWarning(lcPipeline, "transform queues full for %lld s: partitions paused",
                          static_cast<long long>(kPauseAfter.count()));
            }
            queue.changed.wait_for(lock, std::chrono::milliseconds(100));
        }
        if (m_abandon.load()) {
            return false;
        }
        queue.bytes += size;
        const bool wasEmpty = queue.messages.empty();
        for (KafkaMessage& message : batch) {
            queue.messages.push_back(std::move(message));
        }
        m_inFlight.fetch_add(static_cast<int64_t>(batch.size()));
        if (wasEmpty) {
            queue.changed.notify_all();  // only an empty queue has a worker waiting on it
        }
        lock.unlock();
        if (paused) {
            m_source->resume(assigned);
        }
    }
    return true;
}

void Pipeline::workerLoop(size_t index) {
    Queue& queue = *m_queues[index];
    uint64_t generation = m_settings->generation();
    Transformer transformer(m_settings->current(), m_options.transform);
    TransformOutput output;
    WorkBatch work;
    std::vector<KafkaMessage> batch;
    while (true) {
        {
            // Whole batches per lock: one lock and one wake-up per batch, not per message.
            std::unique_lock lock(queue.mutex);
            queue.changed.wait(lock, [&] { return !queue.messages.empty() || m_abandon.load(); });
            if (queue.messages.empty() || m_abandon.load()) {
                // Whatever is still queued is not acknowledged: it will be consumed again.
                m_inFlight.fetch_sub(static_cast<int64_t>(queue.messages.size()));
                queue.messages.clear();
                break;
            }
            while (!queue.messages.empty() && batch.size() < kMaxBatchMessages) {
                queue.bytes -= static_cast<qint64>(queue.messages.front()->len);
                batch.push_back(std::move(queue.messages.front()));
                queue.messages.pop_front();
            }
            queue.changed.notify_all();
        }
        if (const uint64_t current = m_settings->generation(); current != generation) {
            generation = current;
            transformer.setSettings(m_settings->current());
        }
        work.clear();
        for (const KafkaMessage& message : batch) {
            transformInto(transformer, output, *message, work);
        }
        apply(work);
        const auto done = static_cast<int64_t>(batch.size());
        batch.clear();
        if (m_inFlight.fetch_sub(done) == done) {
            std::lock_guard lock(m_drainMutex);
            m_drained.notify_all();
        }
    }
    std::lock_guard lock(m_drainMutex);
    m_drained.notify_all();
}

void Pipeline::transformInto(Transformer& transformer, TransformOutput& output,
                             const rd_kafka_message_t& message, WorkBatch& work) {
    const std::string_view topic = rd_kafka_topic_name(message.rkt);
    const std::string_view value(static_cast<const char*>(message.payload), message.len);
    output.clear();
    transformer.transform({topic, message.partition, message.offset}, value, nowMs(), output);
    ++work.messages;
    for (const RecordOutcome& outcome : output.outcomes) {
        switch (outcome.kind) {
            case OutcomeKind::Ok:
                work.lines.push_back({topic, outcome.appId, message.partition, message.offset,
                                      outcome.index, work.text.size(),
                                      outcome.lineEnd - outcome.lineBegin});
                work.text.append(output.text, outcome.lineBegin,
                                 outcome.lineEnd - outcome.lineBegin);
                break;
            case OutcomeKind::Filtered:
                ++work.filtered;
                break;
            case OutcomeKind::Failed: {
                FailureEntry entry;
                entry.topic = std::string(topic);
                entry.partition = message.partition;
                entry.offset = message.offset;
                entry.index = outcome.index;
                entry.appId = outcome.appId;
                entry.logName = outcome.logName;
                entry.stage = outcome.stage;
                entry.code = std::string(failureCodeName(outcome.code));
                entry.message = outcome.message;
                entry.field = outcome.field;
                entry.firstTimeMs = entry.lastTimeMs = nowMs();
                entry.payload = std::string(value);
                work.failures.push_back(std::move(entry));
                break;
            }
        }
    }
    // Messages of one partition come in offset order, so the last one is the progress.
    work.progress[{std::string(topic), message.partition}] = message.offset + 1;
}

void Pipeline::apply(WorkBatch& work) {
    std::lock_guard lock(m_stateMutex);
    m_stats.messages += work.messages;
    m_stats.filtered += work.filtered;
    m_stats.failed += work.failures.size();
    // Lines go out per app in their order; usually every line of a batch is one app's and the
    // batch's text goes out as it is.
    bool oneApp = true;
    for (const WorkBatch::Line& line : work.lines) {
        oneApp = oneApp && line.appId == work.lines.front().appId;
    }
    const bool withOrigins = m_sink->wantsOrigins();
    std::map<int, std::string> byApp;
    std::map<int, std::vector<LineOrigin>> originsByApp;
    uint64_t skipped = 0;
    if (!oneApp || !m_recoveredIdentities.empty() || withOrigins) {
        for (const WorkBatch::Line& line : work.lines) {
            const std::string_view text(work.text.data() + line.begin, line.size);
            if (!m_recoveredIdentities.empty() &&
                alreadyWritten(text, line.topic, line.partition, line.offset)) {
                ++skipped;
                continue;
            }
            byApp[line.appId] += text;
            if (withOrigins) {
                originsByApp[line.appId].push_back(
                    {line.topic, line.partition, line.offset, line.index});
            }
        }
    } else if (!work.lines.empty()) {
        byApp[work.lines.front().appId].swap(work.text);
    }
    for (const auto& [appId, lines] : byApp) {
        if (!appendWithRetry(appId, lines, originsByApp[appId])) {
            return;  // stopping with the sink still failing: this batch stays unacknowledged
        }
        m_bytesSinceCheckpoint += static_cast<qint64>(lines.size());
        m_stats.bytesWritten += lines.size();
    }
    m_stats.written += work.lines.size() - skipped;
    m_stats.skippedOnRecovery += skipped;
    for (FailureEntry& entry : work.failures) {
        m_pendingFailures.push_back(std::move(entry));
    }
    for (const auto& [partition, next] : work.progress) {
        m_progress[partition] = next;
    }
    if (m_bytesSinceCheckpoint >= m_options.checkpointBytes) {
        m_checkpointWake.notify_all();
    }
}

bool Pipeline::appendWithRetry(int appId, std::string_view lines,
                               std::span<const LineOrigin> origins) {
    auto delay = std::chrono::milliseconds(100);
    while (true) {
        const Result<void> appended = m_sink->write(appId, lines, origins);
        if (appended) {
            return true;
        }
        // Never acknowledge what is not written: wait and try again until the disk is back.
        m_stats.lastError = appended.error().message;
        qCCritical(lcPipeline, "cannot write events of app %d (retrying in %lld ms): %s", appId,
                   static_cast<long long>(delay.count()), qUtf8Printable(appended.error().message));
        if (m_abandon.load()) {
            return false;
        }
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, kMaxRetryDelay);
    }
}

bool Pipeline::alreadyWritten(std::string_view line, std::string_view topic, int32_t partition,
                              int64_t offset) {
    const TopicPartitionKey key{std::string(topic), partition};
    if (!m_recoveryHorizon.contains(key)) {
        m_recoveryHorizon[key] = offset + m_recoveryTailSize;
    }
    if (m_recoveredIdentities.erase(identityOf(line)) == 0) {
        return false;
    }
    m_recoveryStateDirty = true;
    return true;
}

Result<void> Pipeline::checkpointLocked(std::map<TopicPartitionKey, int64_t>* committedOffsets) {
    auto prepared = m_sink->prepareCheckpoint();
    if (!prepared) {
        m_stats.lastError = prepared.error().message;
        qCCritical(lcPipeline, "checkpoint postponed, the output is not durable yet: %s",
                   qUtf8Printable(prepared.error().message));
        return prepared.error();
    }
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
    batch.failures = m_pendingFailures;
    batch.resolvedFailures = m_pendingResolved;
    addRecoveryState(batch);
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
    m_recoveryStateDirty = false;
    m_bytesSinceCheckpoint = 0;
    ++m_stats.checkpoints;
    *committedOffsets = batch.nextOffsets;
    return {};
}

void Pipeline::addRejections(std::vector<SinkRejection>& rejected) {
    if (rejected.empty()) {
        return;
    }
    const int64_t now = nowMs();
    size_t transient = 0;
    for (SinkRejection& rejection : rejected) {
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
        const std::string key = entry.key();
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
    qCWarning(lcPipeline,
              "%zu event(s) refused by the sink went to the failure queue: %zu will be tried "
              "again on a timer, %zu wait for an operator",
              rejected.size(), transient, rejected.size() - transient);
    rejected.clear();
}

Result<void> Pipeline::checkpointNow() {
    std::map<TopicPartitionKey, int64_t> offsets;
    {
        std::lock_guard lock(m_stateMutex);
        if (auto done = checkpointLocked(&offsets); !done) {
            return done;
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
            m_checkpointWake.wait_for(lock, m_options.checkpointInterval);
        }
        if (m_stopping.load()) {
            break;
        }
        const bool checkpointed = checkpointNow().ok();
        {
            std::lock_guard lock(m_stateMutex);
            m_sink->closeIdle();
        }
        // Only after a checkpoint that settled everything: a replay while an earlier one is
        // unsettled would try the same entries again (and write them twice).
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

std::map<TopicPartitionKey, int64_t> Pipeline::checkpointedOffsets() {
    return m_store->nextOffsets();
}

void Pipeline::partitionsAssigned(const std::vector<TopicPartitionKey>& partitions) {
    {
        std::lock_guard lock(m_stateMutex);
        const auto checkpointed = m_store->nextOffsets();
        for (const TopicPartitionKey& partition : partitions) {
            if (const auto it = checkpointed.find(partition); it != checkpointed.end()) {
                m_checkpointed[partition] = it->second;
            }
        }
    }
    qCInfo(lcPipeline, "%zu partition(s) assigned", partitions.size());
    // Self-check: our checkpoint and the group's commit should agree. A difference is normal
    // after a crash (ours ahead) or a hand-over (the group's ahead); either way it is reported
    // with both values, and the larger one is where consumption starts.
    QStringList differences;
    size_t compared = 0;
    for (const StartOffsetDecision& decision : m_source->startDecisions()) {
        if (decision.checkpointed < 0 || decision.committed < 0) {
            continue;
        }
        ++compared;
        if (decision.checkpointed == decision.committed) {
            continue;
        }
        differences << tr("%1[%2]: local checkpoint %3, group commit %4; starting at %5")
                           .arg(QString::fromStdString(decision.partition.first))
                           .arg(decision.partition.second)
                           .arg(decision.checkpointed)
                           .arg(decision.committed)
                           .arg(decision.chosen);
        (void)m_store->audit("checkpoint_mismatch",
                             "{\"topic\":\"" + decision.partition.first +
                                 "\",\"partition\":" + std::to_string(decision.partition.second) +
                                 ",\"checkpoint\":" + std::to_string(decision.checkpointed) +
                                 ",\"group\":" + std::to_string(decision.committed) +
                                 ",\"start\":" + std::to_string(decision.chosen) + "}");
    }
    if (differences.isEmpty()) {
        addFinding({"checkpoint_vs_group", true,
                    tr("%n partition(s) with both: local checkpoints and group commits agree", "",
                       static_cast<int>(compared))});
    } else {
        addFinding({"checkpoint_vs_group", false, differences.join(QStringLiteral("; "))});
    }
}

void Pipeline::partitionsRevoking(const std::vector<TopicPartitionKey>& partitions) {
    // Everything taken from these partitions must be written and checkpointed before another
    // worker starts on them from the offsets committed here.
    {
        std::unique_lock lock(m_drainMutex);
        const auto drained = [this] { return m_inFlight.load() <= 0; };
        if (m_stopping.load()) {
            if (!m_drained.wait_for(lock, kStopDrainTimeout, drained)) {
                qCCritical(lcPipeline,
                           "stopping before every event could be written; what is "
                           "not written will be consumed again");
                m_abandon.store(true);
                m_sink->abandon();  // a worker waiting in the sink holds the state lock
            }
        } else {
            m_drained.wait(lock, drained);
        }
    }
    std::map<TopicPartitionKey, int64_t> offsets;
    {
        std::lock_guard lock(m_stateMutex);
        (void)checkpointLocked(&offsets);
        for (const TopicPartitionKey& partition : partitions) {
            m_progress.erase(partition);
            m_checkpointed.erase(partition);
        }
    }
    if (m_source) {
        (void)m_source->commit(offsets, false);
    }
    qCInfo(lcPipeline, "%zu partition(s) revoked after a checkpoint", partitions.size());
}

void Pipeline::errorOccurred(const QString& message) {
    std::lock_guard lock(m_stateMutex);
    m_stats.lastError = message;
}

PipelineStats Pipeline::stats(std::chrono::milliseconds wait) const {
    PipelineStats stats;
    {
        std::unique_lock lock(m_stateMutex, std::defer_lock);
        if (!lock.try_lock_for(wait)) {
            std::lock_guard last(m_lastStatsMutex);
            stats = m_lastStats;
            stats.stale = true;
            return stats;
        }
        stats = m_stats;
        stats.transientFailures = static_cast<uint64_t>(std::max<int64_t>(m_transientFailures, 0));
        for (const auto& [partition, offset] : m_progress) {
            PartitionProgress progress;
            progress.partition = partition;
            progress.nextOffset = offset;
            if (const auto it = m_checkpointed.find(partition); it != m_checkpointed.end()) {
                progress.checkpointed = it->second;
            }
            stats.partitions.push_back(progress);
        }
    }
    if (m_source) {
        for (PartitionProgress& progress : stats.partitions) {
            m_source->watermarks(progress.partition, &progress.low, &progress.high);
        }
    }
    std::lock_guard last(m_lastStatsMutex);
    m_lastStats = stats;
    return stats;
}

const std::vector<StartOffsetDecision> Pipeline::startDecisions() const {
    return m_source ? m_source->startDecisions() : std::vector<StartOffsetDecision>{};
}

}  // namespace mtga
