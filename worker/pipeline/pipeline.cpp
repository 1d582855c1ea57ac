#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <QDateTime>

#include <algorithm>

Q_LOGGING_CATEGORY(lcPipeline, "mtga.pipeline", QtInfoMsg)

namespace mtga {

namespace pipelineinternal {

int64_t nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace pipelineinternal

using namespace pipelineinternal;

namespace {

// A checkpoint waiting this long for the output to confirm counts as a blocked output.
constexpr int64_t kOutputWaitBlockedMs = 500;

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::create(PipelineOptions options) {
    if (options.workers < 1) {
        return Error::of(ErrorCode::InvalidArgument, tr("workers must be at least 1"));
    }
    return std::unique_ptr<Pipeline>(new Pipeline(std::move(options)));
}

Pipeline::Pipeline(PipelineOptions options) : m_options(std::move(options)) {}

Pipeline::~Pipeline() {
    (void)stop();
}

Result<void> Pipeline::createSink() {
    if (m_options.sinkType == PipelineOptions::SinkType::Kafka) {
        auto sink = KafkaSink::create(m_options.kafkaSink);
        if (!sink) {
            return sink.error();
        }
        // Not fatal: the output may come later; lines wait or are tried again meanwhile.
        const QString topic = QString::fromStdString(m_options.kafkaSink.topic);
        const auto partitions =
            topicPartitionCount(sink.value()->producer(), m_options.kafkaSink.topic, 2000);
        m_selfCheck.add({"output_topic", partitions.ok(),
                         partitions.ok()
                             ? tr("output topic %1 at %2: %n partition(s)", "", partitions.value())
                                   .arg(topic, QString::fromStdString(m_options.kafkaSink.brokers))
                             : partitions.error().message});
        m_sink = std::move(sink).value();
        return {};
    }
    auto files = std::make_unique<FileSink>(m_options.sink);
    files->setKnownFileCheck([this](const QString& path) {
        // A file the store cannot vouch for is not continued: a new one is started.
        const auto known = m_store->files();
        return known && std::any_of(known->begin(), known->end(),
                                    [&](const FileRecord& record) { return record.path == path; });
    });
    files->setFileCreatedHook([this](const QString& path) -> Result<void> {
        auto recorded = m_store->recordNewFile(path);
        // A new file means a rotation (or a new app): checkpoint soon, so the file just left
        // gets its final length recorded and the tail a crash could leave stays short.
        m_checkpoints->requestSoon();
        return recorded;
    });
    m_sink = std::move(files);
    return {};
}

Result<void> Pipeline::start() {
    // librdkafka must decode Kafka-level snappy, or every compressed batch would fail.
    if (!kafkaHasSnappy()) {
        return Error::of(
            ErrorCode::KafkaNoSnappy,
            tr("this librdkafka (%1) was built without snappy: compressed topics cannot "
               "be read. Install Debian's librdkafka1.")
                .arg(QString::fromUtf8(rd_kafka_version_str())));
    }
    m_selfCheck.add(
        {"librdkafka_snappy", true,
         tr("librdkafka %1 with snappy").arg(QString::fromUtf8(rd_kafka_version_str()))});
    // Settings first: a broken settings folder must stop start-up before anything is created.
    m_settings = std::make_unique<SettingsRegistry>(m_options.settingsDir);
    if (auto loaded = m_settings->reload(); !loaded) {
        return loaded.error();
    }
    m_checkpoints = std::make_unique<CheckpointScheduler>(m_options.checkpointInterval,
                                                          [this] { checkpointTurn(); });
    // The sink before the store: stop() needs both once the store is open.
    if (auto created = createSink(); !created) {
        return created.error();
    }
    auto store = Store::open(m_options.store.path, m_options.store.sync);
    if (!store) {
        return store.error();
    }
    m_store = std::move(store).value();
    m_crashRecovery = std::make_unique<CrashRecovery>(*m_store, *m_sink, m_recovery);
    m_failures = std::make_unique<FailureReplayer>(
        *m_store, *m_sink, m_recovery,
        FailureBackoff(m_options.replayBackoff, m_options.replayBackoffMax));
    if (auto recovered = recover(); !recovered) {
        return recovered.error();
    }
    {
        std::lock_guard lock(m_stateMutex);
        if (auto counted = m_failures->countTransient(); !counted) {
            return counted.error();
        }
        publishCounters();
    }
    (void)m_store->audit("start", "{}");
    const auto replayPending = m_store->meta(kReplayPendingKey);
    if (!replayPending) {
        return replayPending.error();
    }
    if (replayPending->has_value()) {
        // A crash came between writing replayed events and removing their entries: the recovery
        // set holds those events, so the replay removes their entries without writing them.
        (void)replayFailures(FailureReplayer::Scope::All);
    }

    m_positions = std::make_unique<PositionGuard>(PositionGuard::Hooks{
        [this](const std::string& kind, const std::string& json) {
            (void)m_store->audit(kind, json);
        },
        [this](bool ok, const QString& detail) {
            m_selfCheck.add({"log_position", ok, detail});
            if (!ok) {
                setLastError(detail);
            }
        },
        [this](const TopicPartition& partition) -> std::optional<Watermarks> {
            auto marks = queryWatermarks(m_source->client(), {partition}, std::chrono::seconds(5));
            if (!marks || !marks->contains(partition)) {
                return std::nullopt;
            }
            return marks->at(partition);
        },
        [this](const TopicPartition& partition) { m_source->hold({partition}); }});
    m_queues = std::make_unique<MessageQueues>(
        static_cast<size_t>(m_options.workers),
        MessageQueues::Limits{m_options.queueMaxMessages, m_options.queueMaxBytes});
    auto source = KafkaSource::create(m_options.source, *this);
    if (!source) {
        (void)stop();
        return source.error();
    }
    m_source = std::move(source).value();
    // The threads last: they use the source (positions, watermarks) from their first turn.
    for (size_t i = 0; i < m_queues->count(); ++i) {
        m_workers.emplace_back([this, i] { workerLoop(i); });
    }
    m_checkpoints->start();
    m_source->start();
    if (auto health = startHealth(); !health) {
        (void)stop();
        return health.error();
    }
    qCInfo(lcPipeline, "pipeline started: %d worker(s)", m_options.workers);
    return {};
}

Result<void> Pipeline::recover() {
    auto found = m_crashRecovery->atStart();
    if (!found) {
        return found.error();
    }
    {
        std::lock_guard lock(m_stateMutex);
        m_recoveredFiles = found->recoveredFiles;
        m_recovering = !m_recovery.empty();
    }
    const auto offsets = m_store->nextOffsets();
    if (!offsets) {
        return offsets.error();
    }
    const auto files = m_store->files();
    if (!files) {
        return files.error();
    }
    const bool whole = found->shortOutputs == 0;
    m_selfCheck.add({"store", whole,
                     whole ? tr("RocksDB at %1 opened: %n partition(s) checkpointed, "
                                "%2 file(s), %3 failure(s) queued",
                                "", static_cast<int>(offsets->size()))
                                 .arg(m_store->path())
                                 .arg(files->size())
                                 .arg(m_store->failureCount())
                           : tr("RocksDB at %1 opened, but some files are shorter than their "
                                "checkpoint (see the log)")
                                 .arg(m_store->path())});
    return {};
}

Result<void> Pipeline::stop() {
    if (!m_store || m_stopping.exchange(true)) {
        return {};
    }
    m_resetJob.join();  // a reset in progress gives up at its next wait
    m_failureJob.join();
    if (m_health) {
        m_health->stop();  // it reads the source and the guard, which go now
    }
    if (m_queues) {
        m_queues->closeIntake();
    }
    if (m_checkpoints) {
        m_checkpoints->requestStop();
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
    if (m_queues) {
        m_queues->abandon();
    }
    for (std::thread& worker : m_workers) {
        worker.join();
    }
    m_workers.clear();
    if (m_checkpoints) {
        m_checkpoints->join();
    }
    Result<void> result;
    {
        std::lock_guard lock(m_stateMutex);
        std::map<TopicPartition, int64_t> offsets;
        result = checkpointLocked(&offsets);
    }
    if (result && m_drainTimedOut.load()) {
        // The checkpoint holds only what the output confirmed; the rest comes again, once.
        result = Error::of(ErrorCode::StopIncomplete,
                           tr("the output did not take every event before the stop gave up on it; "
                              "what it did not take is consumed again at the next start"));
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
    m_checkpoints->requestReplay();
    return {};
}

std::vector<int> Pipeline::appIds() const {
    std::vector<int> ids;
    if (m_settings) {
        for (const auto& [id, settings] : m_settings->current()->apps()) {
            ids.push_back(id);
        }
    }
    return ids;
}

void Pipeline::errorOccurred(const QString& message) {
    setLastError(message);
}

void Pipeline::setLastError(const QString& error) {
    std::lock_guard lock(m_stateMutex);
    m_counters.lastError = error;
    publishCounters();
}

void Pipeline::publishCounters() {
    m_counters.transientFailures =
        m_failures ? static_cast<uint64_t>(m_failures->transientCount()) : 0;
    m_board.publish(m_counters);
}

void Pipeline::publishPartitions() {
    // Every owned partition, those that brought nothing yet included (a real broker may answer
    // the first fetches from one partition only), and any still in progress.
    std::map<TopicPartition, PartitionProgress> partitions;
    for (const auto& [partition, epoch] : m_owned) {
        partitions[partition].partition = partition;
    }
    for (const auto& [partition, offset] : m_progress) {
        partitions[partition].partition = partition;
    }
    std::vector<PartitionProgress> list;
    for (auto& [key, progress] : partitions) {
        progress.nextOffset = knownNextOffset(key);
        if (const auto it = m_checkpointed.find(key); it != m_checkpointed.end()) {
            progress.checkpointed = it->second;
        }
        list.push_back(progress);
    }
    m_board.publishPartitions(std::move(list));
}

PipelineStats Pipeline::stats() const {
    PipelineStats stats = m_board.read();
    const int64_t waitSince = m_outputWaitSince.load();
    stats.blocked = m_retryingWorkers.load() > 0 ||
                    (waitSince > 0 && steadyMs() - waitSince >= kOutputWaitBlockedMs);
    const int64_t now = nowMs();
    for (PartitionProgress& progress : stats.partitions) {
        addWatermarks(progress);
        addHealth(progress, now);
    }
    return stats;
}

void Pipeline::addWatermarks(PartitionProgress& progress) const {
    if (!m_source) {
        return;
    }
    m_source->watermarks(progress.partition, &progress.low, &progress.high);
    // Nothing below Low is processed: reading goes on at Low (as assignedPositions()).
    if (progress.low >= 0 && progress.nextOffset >= 0) {
        progress.nextOffset = std::max(progress.nextOffset, progress.low);
    }
}

const std::vector<StartOffsetDecision> Pipeline::startDecisions() const {
    return m_source ? m_source->startDecisions() : std::vector<StartOffsetDecision>{};
}

}  // namespace mtga
