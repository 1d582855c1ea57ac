#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

Q_LOGGING_CATEGORY(lcPipeline, "mtga.pipeline", QtInfoMsg)

namespace mtga {

namespace pipelineinternal {

int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// `earliest` is an epoch-ms time or -1 (none yet); it becomes the earlier of itself and `time`.
void keepEarliest(int64_t& earliest, int64_t time) {
    if (earliest < 0 || time < earliest) {
        earliest = time;
    }
}

// The complete lines of `path` past `from` (a checkpointed length).
Result<QByteArray> completeTail(const QString& path, qint64 from) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(from)) {
        return Error{QStringLiteral("io_error"),
                     Pipeline::tr("%1: cannot read the tail for recovery: %2")
                         .arg(path, file.errorString())};
    }
    QByteArray tail = file.readAll();
    tail.truncate(tail.lastIndexOf('\n') + 1);
    return tail;
}

Result<void> syncFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || ::fdatasync(file.handle()) != 0) {
        return Error{QStringLiteral("io_error"),
                     Pipeline::tr("%1: cannot sync the tail found for recovery: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    }
    return {};
}

}  // namespace pipelineinternal

using namespace pipelineinternal;

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
        files->setKnownFileCheck([this](const QString& path) {
            const auto known = m_store->files();
            return std::any_of(known.begin(), known.end(),
                               [&](const FileRecord& record) { return record.path == path; });
        });
        files->setFileCreatedHook([this](const QString& path) -> Result<void> {
            auto recorded = m_store->recordNewFile(path);
            // A new file means a rotation (or a new app): checkpoint soon, so the file just left
            // gets its final length recorded and the tail a crash could leave stays short.
            m_checkpointSoon.store(true);
            m_checkpointWake.notify_all();
            return recorded;
        });
        m_sink = std::move(files);
    }
    auto store = Store::open(m_options.store.path, m_options.store.sync);
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
    if (m_store->meta(kReplayPendingKey)) {
        // A crash came between writing replayed events and removing their entries: the recovery
        // set holds those events, so the replay removes their entries without writing them.
        (void)replayFailures();
    }

    m_positions = std::make_unique<PositionGuard>(PositionGuard::Hooks{
        [this](const std::string& kind, const std::string& json) {
            (void)m_store->audit(kind, json);
        },
        [this](bool ok, const QString& detail) {
            addFinding({"log_position", ok, detail});
            if (!ok) {
                std::lock_guard lock(m_stateMutex);
                m_stats.lastError = detail;
            }
        },
        [this](const TopicPartitionKey& partition) -> std::optional<Watermarks> {
            auto marks = queryWatermarks(m_source->client(), {partition}, std::chrono::seconds(5));
            if (!marks || !marks->contains(partition)) {
                return std::nullopt;
            }
            return marks->at(partition);
        },
        [this](const TopicPartitionKey& partition) { m_source->hold({partition}); }});
    auto source = KafkaSource::create(m_options.source, *this);
    if (!source) {
        (void)stop();
        return source.error();
    }
    m_source = std::move(source).value();
    // The threads last: they use the source (positions, watermarks) from their first turn.
    for (int i = 0; i < m_options.workers; ++i) {
        m_queues.push_back(std::make_unique<Queue>());
    }
    for (size_t i = 0; i < m_queues.size(); ++i) {
        m_workers.emplace_back([this, i] { workerLoop(i); });
    }
    m_checkpointer = std::thread([this] { checkpointLoop(); });
    m_source->start();
    qCInfo(lcPipeline, "pipeline started: %d worker(s)", m_options.workers);
    return {};
}

Result<size_t> Pipeline::recover() {
    // Files may hold events written after the last checkpoint. Complete lines stay (LogBus may
    // have shipped them); only a torn last fragment is cut; their identities are remembered so
    // those events are not written again when they are consumed again.
    if (const auto saved = m_store->meta(kRecoveryIdentitiesKey)) {
        m_recovery.load(*saved);
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
        auto tail = completeTail(record.path, record.length);
        if (!tail) {
            return tail.error();
        }
        const size_t lines =
            forEachLine(tail.value(), [&](std::string_view line) { m_recovery.addTailLine(line); });
        // The first checkpoint records the file's full length with the tail's identities (the
        // sink may never open this file again); the bytes must be on disk before it does.
        if (m_options.sink.fsync) {
            if (auto synced = syncFile(record.path); !synced) {
                return synced.error();
            }
        }
        m_recoveredFiles.push_back({record.path, record.length + tail->size()});
        tailLines += lines;
        qCInfo(
            lcPipeline,
            "recovery: %s has %zu line(s) (%lld bytes) past the checkpoint; %lld torn byte(s) cut",
            qUtf8Printable(record.path), lines, static_cast<long long>(tail->size()),
            static_cast<long long>(cut.value()));
    }
    m_recovering = !m_recovery.empty();
    if (m_recovering) {
        qCInfo(lcPipeline,
               "recovery: %zu event(s) already written will be skipped when consumed again",
               m_recovery.size());
        (void)m_store->audit("recovery",
                             "{\"tail_lines\":" + std::to_string(tailLines) +
                                 ",\"identities\":" + std::to_string(m_recovery.size()) + "}");
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

Result<void> Pipeline::stop() {
    if (!m_store || m_stopping.exchange(true)) {
        return {};
    }
    if (m_source) {
        m_source->stop();  // revokes: drains and checkpoints
    }
    m_abandon.store(true);
    m_sink->abandon();
    {
        std::lock_guard lock(m_retryMutex);
        m_retryWake.notify_all();
    }
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
    if (result && m_drainTimedOut.load()) {
        // The checkpoint holds only what the output confirmed; the rest comes again, once.
        result = Error{QStringLiteral("stop_incomplete"),
                       tr("the output did not take every event before the stop gave up on it; "
                          "what it did not take is consumed again at the next start")};
    }
    (void)m_store->audit("stop", "{}");
    qCInfo(lcPipeline, "pipeline stopped");
    return result;
}

void Pipeline::setFatalHandler(std::function<void(const QString& why)> handler) {
    m_fatal = std::move(handler);
}

Result<void> Pipeline::reloadSettings() {
    auto reloaded = m_settings->reload();
    if (!reloaded) {
        return reloaded;
    }
    // New settings may turn failed events into good ones (a new app, a fixed field name). The
    // checkpoint thread replays them (and audits the reload: a synced write can wait seconds
    // for a busy disk), so a reload never waits for the output or the disk.
    m_reloadToAudit.store(true);
    m_replayRequested.store(true);
    {
        std::lock_guard lock(m_checkpointWakeMutex);
        m_checkpointWake.notify_all();
    }
    return {};
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
            stats.blocked = m_retryingWorkers.load() > 0;
            return stats;
        }
        stats = m_stats;
        stats.blocked = m_retryingWorkers.load() > 0;
        stats.transientFailures = static_cast<uint64_t>(std::max<int64_t>(m_transientFailures, 0));
        // Every owned partition, those that brought nothing yet included (a real broker may
        // answer the first fetches from one partition only), and any still in progress.
        std::set<TopicPartitionKey> partitions;
        for (const auto& [partition, epoch] : m_owned) {
            partitions.insert(partition);
        }
        for (const auto& [partition, offset] : m_progress) {
            partitions.insert(partition);
        }
        for (const TopicPartitionKey& partition : partitions) {
            PartitionProgress progress;
            progress.partition = partition;
            progress.nextOffset = knownNextOffset(partition);
            if (const auto it = m_checkpointed.find(partition); it != m_checkpointed.end()) {
                progress.checkpointed = it->second;
            }
            stats.partitions.push_back(progress);
        }
    }
    if (m_source) {
        for (PartitionProgress& progress : stats.partitions) {
            m_source->watermarks(progress.partition, &progress.low, &progress.high);
            // Nothing below Low is processed: reading goes on at Low (as assignedPositions()).
            if (progress.low >= 0 && progress.nextOffset >= 0) {
                progress.nextOffset = std::max(progress.nextOffset, progress.low);
            }
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
