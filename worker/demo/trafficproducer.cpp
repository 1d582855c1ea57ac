#include "worker/demo/trafficproducer.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <cmath>

namespace mtga {
namespace {

constexpr int kMetadataTimeoutMs = 10'000;
constexpr int kPumpIntervalMs = 20;

}  // namespace

Result<std::unique_ptr<TrafficProducer>> TrafficProducer::create(const TrafficOptions& options) {
    std::unique_ptr<TrafficProducer> producer(new TrafficProducer(options));
    KafkaProperties properties{
        {"bootstrap.servers", options.bootstrapServers},
        {"client.id", "mtga-traffic"},
        {"compression.codec", "snappy"},
        {"linger.ms", "20"},
        {"batch.num.messages", "10000"},
        {"queue.buffering.max.messages", "200000"},
    };
    properties.insert(properties.end(), options.extraProperties.begin(),
                      options.extraProperties.end());
    auto conf = makeKafkaConf(properties);
    if (!conf) {
        return conf.error();
    }
    rd_kafka_conf_set_dr_msg_cb(conf->get(), &TrafficProducer::onDelivery);
    rd_kafka_conf_set_opaque(conf->get(), producer.get());
    auto client = makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value());
    if (!client) {
        return client.error();
    }
    producer->m_client = std::move(client).value();
    auto partitions =
        topicPartitionCount(producer->m_client.get(), options.topic, kMetadataTimeoutMs);
    if (!partitions) {
        return partitions.error();
    }
    producer->m_partitions = partitions.value();
    return producer;
}

TrafficProducer::TrafficProducer(const TrafficOptions& options)
    : m_options(options),
      m_generator(options.seed, options.appIds),
      m_nextIndex(options.firstIndex) {
    m_generator.setInvalidPerMille(options.invalidPerMille);
    m_pumpTimer.setInterval(kPumpIntervalMs);
    connect(&m_pumpTimer, &QTimer::timeout, this, &TrafficProducer::pumpTick);
}

TrafficProducer::~TrafficProducer() {
    if (m_client) {
        // Give in-flight events a moment; what is still queued after that is dropped on purpose
        // (the caller asked to stop).
        rd_kafka_flush(m_client.get(), 2000);
    }
}

void TrafficProducer::onDelivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
    auto* self = static_cast<TrafficProducer*>(opaque);
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        self->m_delivered.fetch_add(1, std::memory_order_relaxed);
    } else {
        self->m_failed.fetch_add(1, std::memory_order_relaxed);
        self->m_lastError = message->err;
    }
}

QString TrafficProducer::lastDeliveryError() const {
    return m_lastError == RD_KAFKA_RESP_ERR_NO_ERROR
               ? QString()
               : QString::fromUtf8(rd_kafka_err2str(m_lastError));
}

Result<bool> TrafficProducer::tryProduceNext() {
    const SampleEvent event = m_generator.event(m_nextIndex);
    const auto partition = static_cast<int32_t>(m_nextIndex % static_cast<uint64_t>(m_partitions));
    // The array form of producev: no variadic macros (they use C casts and GNU extensions).
    std::array<rd_kafka_vu_t, 5> fields{};
    fields[0].vtype = RD_KAFKA_VTYPE_TOPIC;
    fields[0].u.cstr = m_options.topic.c_str();
    fields[1].vtype = RD_KAFKA_VTYPE_PARTITION;
    fields[1].u.i32 = partition;
    fields[2].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[2].u.i = RD_KAFKA_MSG_F_COPY;
    fields[3].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[3].u.mem = {const_cast<char*>(event.value.data()), event.value.size()};
    fields[4].vtype = RD_KAFKA_VTYPE_KEY;
    fields[4].u.mem = {const_cast<char*>(event.key.data()), event.key.size()};
    rd_kafka_error_t* error = rd_kafka_produceva(m_client.get(), fields.data(), fields.size());
    const rd_kafka_resp_err_t err = error ? rd_kafka_error_code(error) : RD_KAFKA_RESP_ERR_NO_ERROR;
    if (error) {
        rd_kafka_error_destroy(error);
    }
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        return false;
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Error::of(ErrorCode::KafkaError, tr("Cannot produce to %1: %2")
                                                    .arg(QString::fromStdString(m_options.topic),
                                                         QString::fromUtf8(rd_kafka_err2str(err))));
    }
    ++m_nextIndex;
    return true;
}

Result<void> TrafficProducer::produce(uint64_t count) {
    const uint64_t end = m_nextIndex + count;
    while (m_nextIndex < end) {
        auto taken = tryProduceNext();
        if (!taken) {
            return taken.error();
        }
        if (!taken.value()) {
            rd_kafka_poll(m_client.get(), 50);  // serves delivery reports, which frees room
        }
    }
    rd_kafka_poll(m_client.get(), 0);
    return {};
}

Result<void> TrafficProducer::flush(int timeoutMs) {
    const rd_kafka_resp_err_t err = rd_kafka_flush(m_client.get(), timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Error::of(ErrorCode::Timeout, tr("%1 event(s) not acknowledged by Kafka after %2 ms")
                                                 .arg(rd_kafka_outq_len(m_client.get()))
                                                 .arg(timeoutMs));
    }
    return {};
}

void TrafficProducer::startPumping(double eventsPerSecond, uint64_t limit) {
    m_pumpRate = std::max(eventsPerSecond, 0.0);
    m_pumpLimit = limit;
    m_pumpStartIndex = m_nextIndex;
    m_pumpClock.start();
    m_pumpTimer.start();
}

void TrafficProducer::stopPumping() {
    m_pumpTimer.stop();
}

void TrafficProducer::pumpTick() {
    const uint64_t pumped = m_nextIndex - m_pumpStartIndex;
    auto due = static_cast<uint64_t>(std::floor(m_pumpRate * m_pumpClock.elapsed() / 1000.0));
    if (m_pumpLimit > 0) {
        due = std::min(due, m_pumpLimit);
    }
    for (uint64_t i = pumped; i < due; ++i) {
        auto taken = tryProduceNext();
        if (!taken || !taken.value()) {
            break;  // queue full or a hard error: delivery reports will tell, try next tick
        }
    }
    rd_kafka_poll(m_client.get(), 0);
    if (m_pumpLimit > 0 && m_nextIndex - m_pumpStartIndex >= m_pumpLimit &&
        rd_kafka_outq_len(m_client.get()) == 0) {
        m_pumpTimer.stop();
        Q_EMIT pumpFinished();
    }
}

}  // namespace mtga
