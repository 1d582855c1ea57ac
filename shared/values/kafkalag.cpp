#include "shared/values/kafkalag.h"

#include "shared/jsonfields.h"

#include <array>
#include <utility>

namespace mtga {
namespace {

// toJson and fromJson both walk this table, so a key cannot be renamed on one side only.
constexpr std::array<std::pair<QLatin1String, qint64 KafkaLag::*>, 3> kFields{{
    {QLatin1String("lag"), &KafkaLag::lag},
    {QLatin1String("partitions"), &KafkaLag::partitions},
    {QLatin1String("unknown"), &KafkaLag::unknown},
}};

}  // namespace

KafkaLag KafkaLag::of(const OffsetsReply& offsets) {
    KafkaLag total;
    for (const PartitionRow& row : offsets.partitions) {
        ++total.partitions;
        if (row.lag) {
            total.lag += *row.lag;
        } else {
            ++total.unknown;
        }
    }
    return total;
}

QJsonObject KafkaLag::toJson() const {
    QJsonObject json;
    for (const auto& [key, field] : kFields) {
        json.insert(key, this->*field);
    }
    return json;
}

Result<KafkaLag> KafkaLag::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("kafka_lag"));
    KafkaLag value;
    for (const auto& [key, field] : kFields) {
        value.*field = in.integer(key);
    }
    if (!in.ok()) {
        return in.error();
    }
    return value;
}

}  // namespace mtga
