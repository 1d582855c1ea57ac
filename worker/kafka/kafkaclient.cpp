#include "worker/kafka/kafkaclient.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <array>

Q_LOGGING_CATEGORY(lcKafka, "mtga.kafka", QtInfoMsg)

namespace mtga {
namespace {

// librdkafka uses syslog levels (0 emergency .. 7 debug).
void forwardKafkaLog(const rd_kafka_t* client, int level, const char* facility, const char* text) {
    const char* name = client ? rd_kafka_name(client) : "rdkafka";
    if (level <= 3) {
        qCCritical(lcKafka, "%s %s: %s", name, facility, text);
    } else if (level <= 4) {
        qCWarning(lcKafka, "%s %s: %s", name, facility, text);
    } else if (level <= 6) {
        qCInfo(lcKafka, "%s %s: %s", name, facility, text);
    } else {
        qCDebug(lcKafka, "%s %s: %s", name, facility, text);
    }
}

}  // namespace

Result<KafkaConf> makeKafkaConf(const KafkaProperties& properties) {
    KafkaConf conf(rd_kafka_conf_new());
    std::array<char, 512> error{};
    for (const auto& [key, value] : properties) {
        if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), error.data(), error.size()) !=
            RD_KAFKA_CONF_OK) {
            return Error::of(ErrorCode::KafkaConfig,
                             QCoreApplication::translate("Kafka", "Kafka property %1=%2: %3")
                                 .arg(QString::fromStdString(key), QString::fromStdString(value),
                                      QString::fromUtf8(error.data())));
        }
    }
    rd_kafka_conf_set_log_cb(conf.get(), forwardKafkaLog);
    return conf;
}

Result<KafkaHandle> makeKafkaClient(rd_kafka_type_t type, KafkaConf conf) {
    std::array<char, 512> error{};
    // rd_kafka_new takes the configuration only when it succeeds.
    KafkaHandle client(rd_kafka_new(type, conf.get(), error.data(), error.size()));
    if (!client) {
        return Error::of(ErrorCode::KafkaClient,
                         QCoreApplication::translate("Kafka", "Cannot create the Kafka client: %1")
                             .arg(QString::fromUtf8(error.data())));
    }
    (void)conf.release();
    return client;
}

Result<int> topicPartitionCount(rd_kafka_t* client, const std::string& topic, int timeoutMs) {
    const KafkaTopic topicHandle(rd_kafka_topic_new(client, topic.c_str(), nullptr));
    const rd_kafka_metadata_t* raw = nullptr;
    const rd_kafka_resp_err_t err =
        rd_kafka_metadata(client, 0, topicHandle.get(), &raw, timeoutMs);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return Error::of(
            ErrorCode::KafkaMetadata,
            QCoreApplication::translate("Kafka", "Cannot read metadata of topic %1: %2")
                .arg(QString::fromStdString(topic), QString::fromUtf8(rd_kafka_err2str(err))));
    }
    const KafkaMetadata metadata(raw);
    if (metadata->topic_cnt != 1 || metadata->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        const rd_kafka_resp_err_t topicErr =
            metadata->topic_cnt == 1 ? metadata->topics[0].err : RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC;
        return Error::of(
            ErrorCode::KafkaMetadata,
            QCoreApplication::translate("Kafka", "Topic %1 is not available: %2")
                .arg(QString::fromStdString(topic), QString::fromUtf8(rd_kafka_err2str(topicErr))));
    }
    return metadata->topics[0].partition_cnt;
}

bool kafkaHasSnappy() {
    KafkaConf conf(rd_kafka_conf_new());
    std::array<char, 512> features{};
    size_t size = features.size();
    return rd_kafka_conf_get(conf.get(), "builtin.features", features.data(), &size) ==
               RD_KAFKA_CONF_OK &&
           std::string_view(features.data()).find("snappy") != std::string_view::npos;
}

}  // namespace mtga
