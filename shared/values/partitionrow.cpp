#include "shared/values/partitionrow.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace mtga {
namespace {

// The offsets of a row, by wire name: toJson and fromJson both walk this table.
constexpr std::array<std::pair<QLatin1String, qint64 PartitionRow::*>, 4> kOffsets{{
    {QLatin1String("low"), &PartitionRow::low},
    {QLatin1String("high"), &PartitionRow::high},
    {QLatin1String("current"), &PartitionRow::current},
    {QLatin1String("checkpointed"), &PartitionRow::checkpointed},
}};

constexpr QLatin1String kTopic("topic");
constexpr QLatin1String kPartition("partition");
constexpr QLatin1String kLag("lag");
constexpr QLatin1String kPartitions("partitions");
constexpr QLatin1String kLagSeconds("lag_seconds");
constexpr QLatin1String kConsumeRate("consume_rate");
constexpr QLatin1String kProduceRate("produce_rate");
constexpr QLatin1String kEtaSeconds("eta_seconds");
constexpr QLatin1String kHealth("health");
constexpr QLatin1String kHealthSince("health_since_ms");
constexpr QLatin1String kLost("lost");

template <typename T>
QJsonValue orNull(const std::optional<T>& value) {
    return value ? QJsonValue(*value) : QJsonValue();
}

// Rates and seconds to the millisecond: more digits would only be noise on the wire.
std::optional<double> rounded(const std::optional<double>& value) {
    if (!value) {
        return std::nullopt;
    }
    return std::round(*value * 1000.0) / 1000.0;
}

}  // namespace

std::optional<qint64> PartitionRow::lagOf(qint64 high, qint64 current) {
    if (high < 0 || current < 0) {
        return std::nullopt;
    }
    return std::max<qint64>(high - current, 0);
}

PartitionRow PartitionRow::of(QString topic, int partition, qint64 low, qint64 high, qint64 current,
                              qint64 checkpointed) {
    PartitionRow row;
    row.topic = std::move(topic);
    row.partition = partition;
    row.low = low;
    row.high = high;
    row.current = current;
    row.checkpointed = checkpointed;
    row.lag = lagOf(high, current);
    return row;
}

QJsonObject PartitionRow::toJson() const {
    QJsonObject json{{kTopic, topic},
                     {kPartition, partition},
                     {kLag, orNull(lag)},
                     {kLagSeconds, orNull(rounded(lagSeconds))},
                     {kConsumeRate, orNull(rounded(consumeRate))},
                     {kProduceRate, orNull(rounded(produceRate))},
                     {kEtaSeconds, orNull(etaSeconds)},
                     {kHealth, health},
                     {kHealthSince, healthSinceMs},
                     {kLost, lost}};
    for (const auto& [key, field] : kOffsets) {
        json.insert(key, this->*field);
    }
    return json;
}

Result<PartitionRow> PartitionRow::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    PartitionRow row;
    row.topic = in.string(kTopic);
    row.partition = in.int32(kPartition);
    for (const auto& [key, field] : kOffsets) {
        row.*field = in.integer(key);
    }
    row.lag = in.integerOrNull(kLag);
    row.lagSeconds = in.numberOrNull(kLagSeconds);
    row.consumeRate = in.numberOrNull(kConsumeRate);
    row.produceRate = in.numberOrNull(kProduceRate);
    row.etaSeconds = in.integerOrNull(kEtaSeconds);
    row.health = in.string(kHealth);
    row.healthSinceMs = in.integer(kHealthSince);
    row.lost = in.integer(kLost);
    if (!in.ok()) {
        return in.error();
    }
    return row;
}

QJsonObject OffsetsReply::toJson() const {
    QJsonArray rows;
    for (const PartitionRow& row : partitions) {
        rows.append(row.toJson());
    }
    return QJsonObject{{kPartitions, rows}};
}

Result<OffsetsReply> OffsetsReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("offsets"));
    OffsetsReply reply;
    reply.partitions = in.values<PartitionRow>(kPartitions);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

}  // namespace mtga
