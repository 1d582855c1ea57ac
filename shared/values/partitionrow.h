#pragma once

// PartitionRow and OffsetsReply: the result of the `offsets` command (docs/protocol.md), Low,
// High and Current of every partition assigned to the worker, as the worker builds it and every
// client reads it.

#include "shared/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace mtga {

struct PartitionRow {
    QString topic;
    int partition = 0;
    qint64 low = -1;            // -1 while unknown
    qint64 high = -1;           // the offset after the last message; -1 while unknown
    qint64 current = -1;        // the next offset this worker processes; -1 while unknown
    qint64 checkpointed = -1;   // where a restart resumes; -1 before the first checkpoint
    std::optional<qint64> lag;  // high - current, never negative; none while either is unknown
    // Seconds since the next unprocessed message entered Kafka (its broker timestamp): 0 when
    // caught up; none while unknown.
    std::optional<double> lagSeconds;
    // Messages per second over the last minute: the position's and High's advance; none until
    // two samples are in.
    std::optional<double> consumeRate;
    std::optional<double> produceRate;
    // Seconds to catch up at these rates: 0 when caught up, none when falling behind.
    std::optional<qint64> etaSeconds;
    QString health = QStringLiteral("ok");  // HealthState's name
    qint64 healthSinceMs = 0;               // epoch ms; 0 before the first judgement
    qint64 lost = 0;                        // data_loss: events deleted before they were read

    // The lag of a partition at `high` whose next offset is `current` (-1: unknown).
    static std::optional<qint64> lagOf(qint64 high, qint64 current);
    // A row of these offsets, its lag computed, nothing judged yet.
    static PartitionRow of(QString topic, int partition, qint64 low, qint64 high, qint64 current,
                           qint64 checkpointed);

    QJsonObject toJson() const;
    static Result<PartitionRow> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const PartitionRow&) const = default;
};

struct OffsetsReply {
    std::vector<PartitionRow> partitions;

    QJsonObject toJson() const;
    static Result<OffsetsReply> fromJson(const QJsonObject& json);
    bool operator==(const OffsetsReply&) const = default;
};

}  // namespace mtga
