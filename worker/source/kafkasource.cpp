#include "worker/source/kafkasource.h"

#include "worker/kafka/partitionlists.h"

#include <QLoggingCategory>

#include <algorithm>
#include <iterator>

Q_LOGGING_CATEGORY(lcSource, "mtga.source", QtInfoMsg)

namespace mtga {
namespace {

bool assignsStatically(const KafkaSourceOptions& options) {
    return options.assignment == KafkaSourceOptions::Assignment::Static;
}

}  // namespace

Result<std::unique_ptr<KafkaSource>> KafkaSource::create(const KafkaSourceOptions& options,
                                                         KafkaSourceListener& listener) {
    std::unique_ptr<KafkaSource> source(new KafkaSource(options, listener));
    KafkaProperties properties{
        {"bootstrap.servers", options.brokers},
        {"group.id", options.group},
        {"client.id", "mtga"},
        // Offsets are committed by the pipeline, only after the checkpoint holding them is durable.
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        // start_from only places a partition without a stored position, and the assignment does
        // that explicitly. A stored position out of range is checked at the assignment; one
        // that goes out of range while consuming (retention passing a slow worker) continues
        // at Low, where the pipeline sees the gap. Never latest here: it would skip new data.
        {"auto.offset.reset", "earliest"},
        {"enable.partition.eof", "false"},
        // librdkafka 2.0 stalls ~1 s each time its local queue passes these bounds (#2879, fixed
        // by fetch.queue.backoff.ms in 2.2): size them so a fast pipeline rarely reaches them,
        // within the memory budget.
        {"queued.min.messages", "200000"},
        // 64 MiB: measured with bench_pipeline, 128 MiB pushed peak RSS past 350 MB with 1,000
        // partitions for no speed gain; 32 MiB cost a quarter of the speed.
        {"queued.max.messages.kbytes", "65536"},
        {"fetch.max.bytes", "52428800"},
        {"max.partition.fetch.bytes", "4194304"},
        {"statistics.interval.ms", "0"},
    };
    properties.insert(properties.end(), options.properties.begin(), options.properties.end());
    auto conf = makeKafkaConf(properties);
    if (!conf) {
        return conf.error();
    }
    rd_kafka_conf_set_opaque(conf->get(), source.get());
    rd_kafka_conf_set_offset_commit_cb(conf->get(), &KafkaSource::onCommitted);
    if (!assignsStatically(options)) {
        rd_kafka_conf_set_rebalance_cb(conf->get(), &KafkaSource::onRebalance);
    }
    auto client = makeKafkaClient(RD_KAFKA_CONSUMER, std::move(conf).value());
    if (!client) {
        return client.error();
    }
    source->m_client = std::move(client).value();
    rd_kafka_poll_set_consumer(source->m_client.get());
    return source;
}

KafkaSource::KafkaSource(const KafkaSourceOptions& options, KafkaSourceListener& listener)
    : m_options(options), m_listener(listener) {}

KafkaSource::~KafkaSource() {
    stop();
}

void KafkaSource::start() {
    if (!assignsStatically(m_options)) {
        KafkaPartitionList topics(
            rd_kafka_topic_partition_list_new(static_cast<int>(m_options.topics.size())));
        for (const std::string& topic : m_options.topics) {
            rd_kafka_topic_partition_list_add(topics.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
        }
        if (const rd_kafka_resp_err_t err = rd_kafka_subscribe(m_client.get(), topics.get()); err) {
            qCCritical(lcSource, "cannot subscribe: %s", rd_kafka_err2str(err));
            m_listener.errorOccurred(tr("Cannot subscribe to the topics: %1")
                                         .arg(QString::fromUtf8(rd_kafka_err2str(err))));
        }
    }
    // The monitor first: the pipeline asks it for watermarks as soon as partitions come.
    m_watermarks = std::make_unique<WatermarkMonitor>(
        m_client.get(), [this] { return assignment(); }, m_options.watermarkRefresh);
    m_watermarks->start();
    m_thread = std::thread([this] { run(); });
}

void KafkaSource::run() {
    m_messages.reset(rd_kafka_queue_new(m_client.get()));
    if (assignsStatically(m_options)) {
        KafkaPartitionList list = toPartitionList(m_options.staticPartitions);
        assignWithStartOffsets(list.get());
    }
    // Batches: one call per up to kBatch messages instead of one per message.
    constexpr size_t kBatch = 2000;
    // A backlog that lasts (a full disk) pauses the partitions, so librdkafka stops fetching;
    // a short one does not: a pause restarts fetching, and pausing at every full queue cut the
    // speed twentyfold.
    constexpr auto kPauseAfter = std::chrono::seconds(5);
    KafkaQueue events(rd_kafka_queue_get_consumer(m_client.get()));
    std::vector<TopicPartition> paused;
    auto waitingSince = std::chrono::steady_clock::now();
    while (!m_stopping.load()) {
        runPosted();
        take(events.get(), 0, kBatch);  // rebalances and errors, at every turn
        if (m_backlog.empty()) {
            take(m_messages.get(), 100, kBatch);
        }
        if (m_backlog.empty()) {
            continue;
        }
        const size_t offered = m_backlog.size();
        if (!m_listener.messagesArrived(m_backlog)) {
            break;
        }
        // Only a pipeline that takes nothing for a while (a full disk) pauses the partitions; one
        // that takes part of each offer is just busy.
        const auto now = std::chrono::steady_clock::now();
        if (m_backlog.size() < offered) {
            waitingSince = now;
        }
        if (m_backlog.empty()) {
            if (!paused.empty()) {
                resume(paused);
                paused.clear();
            }
        } else if (paused.empty() && now - waitingSince > kPauseAfter) {
            paused = assignment();
            pause(paused);
            qCWarning(lcSource, "the pipeline has had no room for %lld s: partitions paused",
                      static_cast<long long>(kPauseAfter.count()));
        }
    }
    m_backlog.clear();  // not taken: consumed again next time
    // Closing revokes the assignment through the rebalance callback, on this thread, so the
    // pipeline checkpoints before the partitions go.
    if (assignsStatically(m_options)) {
        const auto partitions = assignment();
        m_listener.partitionsRevoking(partitions);
        unforward(toPartitionList(partitions).get());
        rd_kafka_assign(m_client.get(), nullptr);
    }
    rd_kafka_consumer_close(m_client.get());
    m_messages.reset();
    std::lock_guard lock(m_mutex);
    m_assignment.clear();
}

void KafkaSource::take(rd_kafka_queue_t* queue, int waitMs, size_t max) {
    m_raw.resize(max);
    const ssize_t count = rd_kafka_consume_batch_queue(queue, waitMs, m_raw.data(), m_raw.size());
    for (ssize_t i = 0; i < count; ++i) {
        KafkaMessage message(m_raw[static_cast<size_t>(i)]);
        if (message->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            // Transient broker trouble is retried by librdkafka itself; say what happens.
            qCWarning(lcSource, "consumer: %s", rd_kafka_message_errstr(message.get()));
            m_listener.errorOccurred(QString::fromUtf8(rd_kafka_message_errstr(message.get())));
            continue;
        }
        if (!fenced(message)) {
            m_backlog.push_back(std::move(message));
        }
    }
}

bool KafkaSource::fenced(const KafkaMessage& message) {
    if (m_fenced.empty()) {
        return false;
    }
    const auto it = m_fenced.find({rd_kafka_topic_name(message->rkt), message->partition});
    if (it == m_fenced.end()) {
        return false;
    }
    if (it->second < 0) {
        it->second = message->offset;
    }
    return true;
}

void KafkaSource::post(std::function<void()> task) {
    std::lock_guard lock(m_postedMutex);
    m_posted.push_back(std::move(task));
}

void KafkaSource::runPosted() {
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard lock(m_postedMutex);
        tasks.swap(m_posted);
    }
    for (const auto& task : tasks) {
        task();
    }
}

void KafkaSource::fence(const std::vector<TopicPartition>& partitions) {
    for (const TopicPartition& partition : partitions) {
        m_fenced.try_emplace(partition, -1);
    }
    hold(partitions);
    // The backlog is in fetch order: the first message of a partition dropped here is where it
    // must go on if the reset is given up.
    std::erase_if(m_backlog, [this](const KafkaMessage& message) { return fenced(message); });
}

Result<void> KafkaSource::unfence(const std::map<TopicPartition, int64_t>& seekTo) {
    std::vector<TopicPartition> released;
    // A partition whose stored position was past the log's end was never handed to librdkafka
    // (assignWithStartOffsets): it is added now, at its new offset, instead of moved.
    rd_kafka_topic_partition_list_t* current = nullptr;
    (void)rd_kafka_assignment(m_client.get(), &current);
    const KafkaPartitionList fetching(current);
    KafkaPartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(m_fenced.size())));
    KafkaPartitionList added(rd_kafka_topic_partition_list_new(static_cast<int>(m_fenced.size())));
    for (const auto& [partition, firstDropped] : m_fenced) {
        const auto wanted = seekTo.find(partition);
        const int64_t offset = wanted != seekTo.end() ? wanted->second : firstDropped;
        const bool known =
            fetching && rd_kafka_topic_partition_list_find(fetching.get(), partition.topic.c_str(),
                                                           partition.partition) != nullptr;
        if (offset >= 0) {
            rd_kafka_topic_partition_list_add(known ? list.get() : added.get(),
                                              partition.topic.c_str(), partition.partition)
                ->offset = offset;
        }
        released.push_back(partition);
        m_held.erase(partition);
    }
    m_fenced.clear();
    Result<void> result;
    if (added->cnt > 0) {
        if (KafkaErrorHandle error(rd_kafka_incremental_assign(m_client.get(), added.get()));
            error) {
            result = Error::of(ErrorCode::KafkaError,
                               tr("cannot start consuming the partitions again (restart the "
                                  "worker to take them at their new offsets): %1")
                                   .arg(QString::fromUtf8(rd_kafka_error_string(error.get()))));
        } else {
            forwardToMessages(added.get());
        }
    }
    if (list->cnt > 0) {
        // Waits until the fetcher has the new offset: nothing fetched before it is handed over
        // after it (librdkafka drops outdated fetches by their version).
        KafkaErrorHandle error(rd_kafka_seek_partitions(m_client.get(), list.get(), 10'000));
        for (int i = 0; !error && i < list->cnt; ++i) {
            if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                result =
                    Error::of(ErrorCode::KafkaError,
                              tr("cannot move %1[%2] to offset %3: %4")
                                  .arg(QString::fromUtf8(list->elems[i].topic))
                                  .arg(list->elems[i].partition)
                                  .arg(list->elems[i].offset)
                                  .arg(QString::fromUtf8(rd_kafka_err2str(list->elems[i].err))));
            }
        }
        if (error) {
            result = Error::of(ErrorCode::KafkaError,
                               tr("cannot move the partitions to their new offsets: %1")
                                   .arg(QString::fromUtf8(rd_kafka_error_string(error.get()))));
        }
    }
    resume(released);
    return result;
}

void KafkaSource::forwardToMessages(const rd_kafka_topic_partition_list_t* partitions) {
    for (int i = 0; m_messages && i < partitions->cnt; ++i) {
        const KafkaQueue queue(rd_kafka_queue_get_partition(
            m_client.get(), partitions->elems[i].topic, partitions->elems[i].partition));
        if (queue) {
            rd_kafka_queue_forward(queue.get(), m_messages.get());
        }
    }
}

void KafkaSource::unforward(const rd_kafka_topic_partition_list_t* partitions) {
    for (int i = 0; partitions && i < partitions->cnt; ++i) {
        const KafkaQueue queue(rd_kafka_queue_get_partition(
            m_client.get(), partitions->elems[i].topic, partitions->elems[i].partition));
        if (queue) {
            rd_kafka_queue_forward(queue.get(), nullptr);
        }
    }
}

void KafkaSource::stop() {
    m_stopping.store(true);
    if (m_watermarks) {
        m_watermarks->stop();
    }
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void KafkaSource::onCommitted(rd_kafka_t*, rd_kafka_resp_err_t error,
                              rd_kafka_topic_partition_list_t* offsets, void* opaque) {
    auto* source = static_cast<KafkaSource*>(opaque);
    for (int i = 0; error == RD_KAFKA_RESP_ERR_NO_ERROR && offsets && i < offsets->cnt; ++i) {
        error = offsets->elems[i].err;
    }
    if (error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET) {
        if (source->m_commitFailing.exchange(false)) {
            qCInfo(lcSource, "group commits work again");
        }
        return;
    }
    if (!source->m_commitFailing.exchange(true)) {
        qCWarning(lcSource,
                  "group commit failed (the local checkpoint holds the offsets; every "
                  "checkpoint commits them again): %s",
                  rd_kafka_err2str(error));
    }
}

Result<void> KafkaSource::commit(const std::map<TopicPartition, int64_t>& nextOffsets, bool async) {
    if (nextOffsets.empty()) {
        return {};
    }
    KafkaPartitionList list(
        rd_kafka_topic_partition_list_new(static_cast<int>(nextOffsets.size())));
    for (const auto& [partition, offset] : nextOffsets) {
        rd_kafka_topic_partition_list_add(list.get(), partition.topic.c_str(), partition.partition)
            ->offset = offset;
    }
    const rd_kafka_resp_err_t err = rd_kafka_commit(m_client.get(), list.get(), async ? 1 : 0);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
        qCWarning(lcSource, "group commit failed (the local checkpoint holds the offsets): %s",
                  rd_kafka_err2str(err));
        return Error::of(ErrorCode::KafkaError, tr("Cannot commit offsets to the group: %1")
                                                    .arg(QString::fromUtf8(rd_kafka_err2str(err))));
    }
    return {};
}

void KafkaSource::pause(const std::vector<TopicPartition>& partitions) {
    KafkaPartitionList list = toPartitionList(partitions);
    rd_kafka_pause_partitions(m_client.get(), list.get());
}

void KafkaSource::resume(const std::vector<TopicPartition>& partitions) {
    std::vector<TopicPartition> resumed;
    std::copy_if(partitions.begin(), partitions.end(), std::back_inserter(resumed),
                 [this](const TopicPartition& partition) { return !m_held.contains(partition); });
    KafkaPartitionList list = toPartitionList(resumed);
    rd_kafka_resume_partitions(m_client.get(), list.get());
}

void KafkaSource::hold(const std::vector<TopicPartition>& partitions) {
    m_held.insert(partitions.begin(), partitions.end());
    pause(partitions);
}

std::vector<StartOffsetDecision> KafkaSource::startDecisions() const {
    std::lock_guard lock(m_mutex);
    return m_decisions;
}

std::vector<TopicPartition> KafkaSource::assignment() const {
    std::lock_guard lock(m_mutex);
    return m_assignment;
}

bool KafkaSource::watermarks(const TopicPartition& partition, int64_t* low, int64_t* high) const {
    // The fetch responses' High (cached by librdkafka, no request) is fresher than the
    // monitor's, which is up to kafka.watermark_refresh old: without it High trailed Current.
    int64_t fetchedLow = -1;
    int64_t fetchedHigh = -1;
    const bool fetched =
        rd_kafka_get_watermark_offsets(m_client.get(), partition.topic.c_str(), partition.partition,
                                       &fetchedLow, &fetchedHigh) == RD_KAFKA_RESP_ERR_NO_ERROR;
    if (const auto known = m_watermarks ? m_watermarks->watermarks(partition) : std::nullopt) {
        *low = known->low;
        *high = fetched ? std::max(known->high, fetchedHigh) : known->high;
        return true;
    }
    *low = fetchedLow;
    *high = fetchedHigh;
    return fetched;
}

}  // namespace mtga
