#include "worker/devtools/embeddedkafka.h"

#include "worker/kafka/kafkaclient.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcEmbeddedKafka, "mtga.devkafka", QtInfoMsg)

namespace mtga {
namespace {

Error kafkaError(const QString& what, rd_kafka_resp_err_t err) {
    return Error::of(ErrorCode::KafkaError, what.arg(QString::fromUtf8(rd_kafka_err2str(err))));
}

}  // namespace

Result<TopicSpec> TopicSpec::parse(const QString& text) {
    const QStringList parts = text.split(QLatin1Char(':'));
    TopicSpec spec;
    spec.name = parts.value(0).trimmed().toStdString();
    bool numberOk = true;
    if (parts.size() == 2) {
        spec.partitions = parts[1].trimmed().toInt(&numberOk);
    }
    if (spec.name.empty() || parts.size() > 2 || !numberOk || spec.partitions < 1 ||
        spec.partitions > 10000) {
        return Error::of(
            ErrorCode::InvalidArgument,
            EmbeddedKafka::tr(
                "Invalid topic \"%1\": expected NAME:PARTITIONS, e.g. mulog_clean_24:6 "
                "(1 to 10000 partitions)")
                .arg(text));
    }
    return spec;
}

Result<std::unique_ptr<EmbeddedKafka>> EmbeddedKafka::start(int brokerCount) {
    if (brokerCount < 1 || brokerCount > 16) {
        return Error::of(ErrorCode::InvalidArgument,
                         tr("The embedded Kafka takes 1 to 16 brokers, not %1").arg(brokerCount));
    }
    // The mock cluster lives inside a client handle; a producer is the lightest one.
    auto conf = makeKafkaConf({{"client.id", "mtga-embedded-kafka"}});
    if (!conf) {
        return conf.error();
    }
    auto handle = makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value());
    if (!handle) {
        return handle.error();
    }
    KafkaMockCluster cluster(rd_kafka_mock_cluster_new(handle->get(), brokerCount));
    if (!cluster) {
        return Error::of(ErrorCode::KafkaError, tr("Cannot start the embedded Kafka cluster"));
    }
    std::unique_ptr<EmbeddedKafka> kafka(
        new EmbeddedKafka(std::move(handle).value(), std::move(cluster), brokerCount));
    qCInfo(lcEmbeddedKafka, "embedded Kafka with %d broker(s) at %s", brokerCount,
           kafka->m_bootstrapServers.c_str());
    return kafka;
}

EmbeddedKafka::EmbeddedKafka(KafkaHandle handle, KafkaMockCluster cluster, int brokerCount)
    : m_handle(std::move(handle)),
      m_cluster(std::move(cluster)),
      m_brokerCount(brokerCount),
      m_bootstrapServers(rd_kafka_mock_cluster_bootstraps(m_cluster.get())) {}

EmbeddedKafka::~EmbeddedKafka() = default;

Result<void> EmbeddedKafka::createTopic(const TopicSpec& topic) {
    const rd_kafka_resp_err_t err =
        rd_kafka_mock_topic_create(m_cluster.get(), topic.name.c_str(), topic.partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return kafkaError(tr("Cannot create topic %1: %2").arg(QString::fromStdString(topic.name)),
                          err);
    }
    qCInfo(lcEmbeddedKafka, "created topic %s with %d partition(s)", topic.name.c_str(),
           topic.partitions);
    return {};
}

Result<void> EmbeddedKafka::setBrokerDown(int32_t brokerId) {
    const rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_down(m_cluster.get(), brokerId);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return kafkaError(tr("Cannot stop broker %1: %2").arg(brokerId), err);
    }
    qCInfo(lcEmbeddedKafka, "broker %d is down", brokerId);
    return {};
}

Result<void> EmbeddedKafka::setRoundTripMs(int milliseconds) {
    for (int32_t brokerId = 1; brokerId <= m_brokerCount; ++brokerId) {
        const rd_kafka_resp_err_t err =
            rd_kafka_mock_broker_set_rtt(m_cluster.get(), brokerId, milliseconds);
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return kafkaError(tr("Cannot delay broker %1: %2").arg(brokerId), err);
        }
    }
    qCInfo(lcEmbeddedKafka, "brokers answer %d ms late", milliseconds);
    return {};
}

Result<void> EmbeddedKafka::setBrokerUp(int32_t brokerId) {
    const rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_up(m_cluster.get(), brokerId);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return kafkaError(tr("Cannot start broker %1: %2").arg(brokerId), err);
    }
    qCInfo(lcEmbeddedKafka, "broker %d is up", brokerId);
    return {};
}

void EmbeddedKafka::pushRequestErrors(int16_t apiKey,
                                      const std::vector<rd_kafka_resp_err_t>& errors) {
    rd_kafka_mock_push_request_errors_array(m_cluster.get(), apiKey, errors.size(), errors.data());
}

void EmbeddedKafka::clearRequestErrors(int16_t apiKey) {
    rd_kafka_mock_clear_request_errors(m_cluster.get(), apiKey);
}

}  // namespace mtga
