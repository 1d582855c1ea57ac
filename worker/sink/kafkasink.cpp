#include "worker/sink/kafkasink.h"

#include <QLoggingCategory>

#include <array>
#include <utility>

Q_LOGGING_CATEGORY(lcKafkaSink, "mtga.sink.kafka", QtInfoMsg)

namespace mtga {

// What a message carries to its delivery report: enough to make a failure-queue entry.
struct KafkaSink::Pending {
    std::string topic;
    int32_t partition;
    int64_t offset;
    uint32_t index;
    int appId;
    uint64_t discards;  // m_discards when produced
};

Result<std::unique_ptr<KafkaSink>> KafkaSink::create(const KafkaSinkOptions& options) {
    std::unique_ptr<KafkaSink> sink(new KafkaSink(options));
    if (auto connected = sink->connect(); !connected) {
        return connected.error();
    }
    qCInfo(lcKafkaSink, "writing to topic %s at %s", options.topic.c_str(),
           options.brokers.c_str());
    return sink;
}

Result<void> KafkaSink::connect() {
    KafkaProperties properties{
        {"bootstrap.servers", m_options.brokers},
        {"client.id", "mtga-sink"},
        // Retries inside librdkafka never duplicate or reorder a line.
        {"enable.idempotence", "true"},
        {"acks", "all"},
        {"linger.ms", "20"},
        {"compression.type", "snappy"},
        {"message.timeout.ms", "300000"},
    };
    properties.insert(properties.end(), m_options.properties.begin(), m_options.properties.end());
    auto conf = makeKafkaConf(properties);
    if (!conf) {
        return conf.error();
    }
    rd_kafka_conf_set_opaque(conf->get(), this);
    rd_kafka_conf_set_dr_msg_cb(conf->get(), &KafkaSink::onDelivery);
    auto client = makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value());
    if (!client) {
        return client.error();
    }
    KafkaTopic topic(rd_kafka_topic_new(client.value().get(), m_options.topic.c_str(), nullptr));
    if (!topic) {
        return Error::of(ErrorCode::SinkOpen,
                         tr("cannot use the output topic %1: %2")
                             .arg(QString::fromStdString(m_options.topic),
                                  QString::fromUtf8(rd_kafka_err2str(rd_kafka_last_error()))));
    }
    m_client = std::move(client).value();
    m_topic = std::move(topic);
    return {};
}

Result<void> KafkaSink::replaceFailedProducer() {
    // An idempotent producer that hit a fatal error refuses everything from then on. Its
    // unconfirmed lines come back as transient rejections (purged), so they are tried again
    // later; a new producer takes the next lines.
    std::array<char, 512> reason{};
    rd_kafka_fatal_error(m_client.get(), reason.data(), reason.size());
    qCCritical(lcKafkaSink,
               "the output producer failed for good (%s): starting a new one; %d line(s) not "
               "confirmed will be tried again",
               reason.data(), rd_kafka_outq_len(m_client.get()));
    rd_kafka_purge(m_client.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_flush(m_client.get(), 10'000);
    if (rd_kafka_outq_len(m_client.get()) > 0) {
        // Their reports have not come: keep the old producer until they do, or they would be
        // neither confirmed nor refused.
        return Error::of(ErrorCode::SinkWrite,
                         tr("the failed output producer still has %1 line(s) to report")
                             .arg(rd_kafka_outq_len(m_client.get())));
    }
    m_topic.reset();
    m_client.reset();
    ++m_replacements;
    return connect();
}

KafkaSink::KafkaSink(const KafkaSinkOptions& options) : m_options(options) {}

KafkaSink::~KafkaSink() {
    if (!m_client) {
        return;
    }
    // Whatever is still outstanding was never checkpointed: it will be consumed and written
    // again, so what is not sent yet is purged, not turned into failures; what is in flight
    // gets a moment to finish.
    m_destroying = true;
    rd_kafka_purge(m_client.get(), RD_KAFKA_PURGE_F_QUEUE);
    rd_kafka_flush(m_client.get(), 2000);
    rd_kafka_purge(m_client.get(), RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_flush(m_client.get(), 1000);
    m_topic.reset();
}

bool KafkaSink::isTransient(rd_kafka_resp_err_t error) {
    switch (error) {
        case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
        case RD_KAFKA_RESP_ERR__TIMED_OUT:
        case RD_KAFKA_RESP_ERR__TRANSPORT:
        case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
        case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
        case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
        case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
        case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
        case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
        case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
        case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
        case RD_KAFKA_RESP_ERR_KAFKA_STORAGE_ERROR:
        case RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED:
        case RD_KAFKA_RESP_ERR__FATAL:  // the producer is replaced; the line is not at fault
        case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
        case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
        case RD_KAFKA_RESP_ERR__QUEUE_FULL:
            return true;
        default:
            return false;
    }
}

Result<size_t> KafkaSink::write(int appId, std::string_view lines,
                                std::span<const LineOrigin> origins) {
    if (!m_client) {
        (void)connect();  // without a producer, the lines are refused for now (below)
    }
    const auto deadline = std::chrono::steady_clock::now() + m_options.fullQueueWait;
    size_t lineIndex = 0;
    size_t begin = 0;
    while (begin < lines.size()) {
        size_t end = lines.find('\n', begin);
        end = end == std::string_view::npos ? lines.size() : end + 1;
        const std::string_view line = lines.substr(begin, end - begin);
        const LineOrigin origin = lineIndex < origins.size() ? origins[lineIndex] : LineOrigin{};
        auto pending =
            std::make_unique<Pending>(Pending{std::string(origin.topic), origin.partition,
                                              origin.offset, origin.index, appId, m_discards});
        // The key keeps one source partition's lines in one output partition, in order.
        const std::string key = pending->topic + ':' + std::to_string(pending->partition);
        const std::string_view payload =
            line.substr(0, line.size() - (line.ends_with('\n') ? 1 : 0));
        const rd_kafka_resp_err_t refused = produce(payload, key, pending.get(), deadline);
        if (refused == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            // The output is slow (or the pipeline stops): the rest stays with the caller, never
            // refused, so it is consumed and offered again rather than replayed as well.
            if (begin == 0) {
                return Error::of(ErrorCode::SinkFull,
                                 tr("the output Kafka's producer queue is full (%1 line(s) not "
                                    "confirmed yet)")
                                     .arg(outstanding()));
            }
            return begin;
        }
        if (refused != RD_KAFKA_RESP_ERR_NO_ERROR) {
            reject(*pending, std::string(payload), refused);
        } else {
            (void)pending.release();  // the delivery report hands it back
        }
        if (m_client) {
            rd_kafka_poll(m_client.get(), 0);
        }
        begin = end;
        ++lineIndex;
    }
    return lines.size();
}

std::string KafkaSink::discardUnwritten() {
    if (!m_client) {
        return {};
    }
    ++m_discards;
    qCWarning(lcKafkaSink,
              "%d line(s) not confirmed are dropped: their partitions went to another "
              "worker",
              rd_kafka_outq_len(m_client.get()));
    rd_kafka_purge(m_client.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_flush(m_client.get(), 1000);  // the purged lines' reports
    return std::exchange(m_discarded, {});
}

rd_kafka_resp_err_t KafkaSink::produce(std::string_view payload, const std::string& key,
                                       Pending* pending,
                                       std::chrono::steady_clock::time_point deadline) {
    auto delay = std::chrono::milliseconds(1);
    while (m_client) {
        if (rd_kafka_produce(m_topic.get(), RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                             const_cast<char*>(payload.data()), payload.size(), key.data(),
                             key.size(), pending) == 0) {
            return RD_KAFKA_RESP_ERR_NO_ERROR;
        }
        const rd_kafka_resp_err_t error = rd_kafka_last_error();
        if (error == RD_KAFKA_RESP_ERR__FATAL && replaceFailedProducer()) {
            continue;  // the same line, to the new producer
        }
        // Anything but a full queue is a refusal of this line alone (too large...). A full
        // queue (the output is slow or away) is waited out for a moment, not at all when
        // stopping, then left to the caller: that back-pressure stops consuming.
        if (error != RD_KAFKA_RESP_ERR__QUEUE_FULL || m_abandon.load() ||
            std::chrono::steady_clock::now() >= deadline) {
            return error;
        }
        rd_kafka_poll(m_client.get(), static_cast<int>(delay.count()));
        delay = std::min(delay * 2, std::chrono::milliseconds(100));
    }
    // No producer (a new one could not be made): refused for now, tried again later.
    return RD_KAFKA_RESP_ERR__FATAL;
}

Result<SinkCheckpoint> KafkaSink::prepareCheckpointBy(
    std::chrono::steady_clock::time_point deadline) {
    if (!m_client) {
        if (auto connected = connect(); !connected) {
            return connected.error();
        }
    }
    if (rd_kafka_fatal_error(m_client.get(), nullptr, 0) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (auto replaced = replaceFailedProducer(); !replaced) {
            return replaced.error();
        }
    }
    const auto now = std::chrono::steady_clock::now();
    const auto left = deadline <= now
                          ? std::chrono::milliseconds(0)
                          : std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    const rd_kafka_resp_err_t flushed = rd_kafka_flush(
        m_client.get(), static_cast<int>(std::min(left, m_options.flushTimeout).count()));
    if (flushed != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Error::of(ErrorCode::SinkWrite,
                         tr("%1 event(s) are not confirmed by the output Kafka yet (%2); the "
                            "checkpoint waits")
                             .arg(outstanding())
                             .arg(QString::fromUtf8(rd_kafka_err2str(flushed))));
    }
    SinkCheckpoint checkpoint;
    checkpoint.rejected.swap(m_rejected);
    return checkpoint;
}

int64_t KafkaSink::outstanding() const {
    return m_client ? rd_kafka_outq_len(m_client.get()) : 0;
}

void KafkaSink::onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    static_cast<KafkaSink*>(opaque)->delivered(*message);
}

void KafkaSink::delivered(const rd_kafka_message_t& message) {
    std::unique_ptr<Pending> pending(static_cast<Pending*>(message._private));
    if (pending && pending->discards != m_discards && message.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        m_discarded.append(static_cast<const char*>(message.payload), message.len);
        m_discarded += '\n';
        return;
    }
    if (message.err == RD_KAFKA_RESP_ERR_NO_ERROR || m_destroying || !pending ||
        pending->discards != m_discards) {
        return;
    }
    reject(*pending, std::string(static_cast<const char*>(message.payload), message.len),
           message.err,
           rd_kafka_message_status(&message) == RD_KAFKA_MSG_STATUS_POSSIBLY_PERSISTED);
}

void KafkaSink::reject(Pending& pending, std::string line, rd_kafka_resp_err_t error,
                       bool possiblyWritten) {
    SinkRejection rejection;
    rejection.topic = pending.topic;
    rejection.partition = pending.partition;
    rejection.offset = pending.offset;
    rejection.index = pending.index;
    rejection.appId = pending.appId;
    rejection.line = std::move(line);
    rejection.transient = isTransient(error);
    rejection.reason =
        rejection.transient ? FailureReason::SinkUnavailable : FailureReason::SinkRejected;
    // English on purpose: the message is stored with the entry and read by whoever opens it.
    rejection.message = std::string("output Kafka: ") + rd_kafka_err2str(error);
    if (possiblyWritten) {
        // A timed-out or purged in-flight line may have reached the topic: a replay then
        // writes it twice (same #uuid, so TA keeps one).
        rejection.message += " (possibly written)";
    }
    qCDebug(lcKafkaSink, "%s[%d]@%lld refused by the output Kafka (%s): %s", pending.topic.c_str(),
            pending.partition, static_cast<long long>(pending.offset),
            rejection.transient ? "will be tried again" : "kept in the failure queue",
            rd_kafka_err2str(error));
    m_rejected.push_back(std::move(rejection));
}

}  // namespace mtga
