#include "shared/values/partitionrow.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
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

}  // namespace

std::optional<qint64> PartitionRow::lagOf(qint64 high, qint64 current) {
    if (high < 0 || current < 0) {
        return std::nullopt;
    }
    return std::max<qint64>(high - current, 0);
}

QJsonObject PartitionRow::toJson() const {
    QJsonObject json{
        {kTopic, topic}, {kPartition, partition}, {kLag, lag ? QJsonValue(*lag) : QJsonValue()}};
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
