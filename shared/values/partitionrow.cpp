#include "shared/values/partitionrow.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <algorithm>

namespace mtga {
namespace {

constexpr QLatin1String kTopic("topic");
constexpr QLatin1String kPartition("partition");
constexpr QLatin1String kLow("low");
constexpr QLatin1String kHigh("high");
constexpr QLatin1String kCurrent("current");
constexpr QLatin1String kCheckpointed("checkpointed");
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
    return QJsonObject{{kTopic, topic},
                       {kPartition, partition},
                       {kLow, low},
                       {kHigh, high},
                       {kCurrent, current},
                       {kCheckpointed, checkpointed},
                       {kLag, lag ? QJsonValue(*lag) : QJsonValue()}};
}

Result<PartitionRow> PartitionRow::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    PartitionRow row;
    row.topic = in.string(kTopic);
    row.partition = in.int32(kPartition);
    row.low = in.integer(kLow);
    row.high = in.integer(kHigh);
    row.current = in.integer(kCurrent);
    row.checkpointed = in.integer(kCheckpointed);
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
