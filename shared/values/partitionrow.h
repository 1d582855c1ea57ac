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

    // The lag of a partition at `high` whose next offset is `current` (-1: unknown).
    static std::optional<qint64> lagOf(qint64 high, qint64 current);

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
