#pragma once

// OffsetResetRequest: the arguments of `reset_offsets` (docs/protocol.md): which partitions
// (all, some topics, or chosen partitions), where to (the targets of kafka-consumer-groups.sh
// --reset-offsets), and whether to apply it or only show what it would do. The CLI and the
// console build it, the worker reads it; both through this one type.

#include "shared/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <compare>
#include <optional>
#include <vector>

namespace mtga {

enum class ResetTarget { Earliest, Latest, Offset, Datetime, Duration, Shift, Offsets };

// The wire name ("earliest", "shift"...) and back; nullopt for a name that is none.
QString resetTargetName(ResetTarget target);
std::optional<ResetTarget> resetTargetFromName(const QString& name);

struct PartitionRef {
    QString topic;
    int partition = 0;

    // Spelled out: QString has no operator<=> in Qt 6.4, so with `auto` clang deletes it (an
    // error under -Werror); with a named ordering it is made from QString's == and <.
    std::strong_ordering operator<=>(const PartitionRef&) const = default;
};

struct PartitionOffset {
    PartitionRef partition;
    qint64 offset = 0;

    bool operator==(const PartitionOffset&) const = default;
};

struct OffsetResetRequest {
    Q_DECLARE_TR_FUNCTIONS(OffsetResetRequest)

public:
    ResetTarget target = ResetTarget::Earliest;
    qint64 offset = 0;       // Offset: the offset
    qint64 timestampMs = 0;  // Datetime: ms since the epoch (the first message at or after it)
    qint64 durationMs = 0;   // Duration: that long before now, on the worker's clock
    qint64 shift = 0;        // Shift: ± messages from the current position
    std::vector<PartitionOffset> offsets;  // Offsets: each partition's offset (its own scope)
    // The scope, exactly one of: every assigned partition, these topics, these partitions.
    // An Offsets target names its partitions itself and takes none of them.
    bool allTopics = false;
    QStringList topics;
    std::vector<PartitionRef> partitions;
    bool dryRun = true;   // the protocol's default too: applying must be asked for
    bool strict = false;  // refuse a target outside [Low, High] instead of clamping it

    QJsonObject toArgs() const;
    // invalid_argument, naming the key, for arguments that do not make one request (no scope,
    // two scopes, a target without its value, a partition that is not "topic:N").
    static Result<OffsetResetRequest> fromArgs(const QJsonObject& args);
    bool operator==(const OffsetResetRequest&) const = default;
};

// "topic:N" to a PartitionRef; nullopt when it is not one (N a number >= 0, topic not empty).
std::optional<PartitionRef> parsePartitionRef(const QString& text);
QString partitionRefText(const PartitionRef& ref);

}  // namespace mtga
