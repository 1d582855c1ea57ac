#pragma once

// WorkerStatus: the result of the `status` command (docs/protocol.md), as the worker builds it
// and every client reads it. toJson() is the wire format; fromJson() reads it back and names the
// first key that is missing or mistyped. Keys a newer worker adds are kept in `extra`, so an
// older client can still show them.

#include "shared/result.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QString>

#include <optional>
#include <vector>

namespace mtga {

// One start-up or running check (`self_check`): librdkafka_snappy, store, log_position...
struct SelfCheckRow {
    QString check;
    bool ok = false;
    QString detail;

    QJsonObject toJson() const;
    static Result<SelfCheckRow> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const SelfCheckRow&) const = default;
};

// `counts`: what the pipeline has done since it started.
struct WorkerCounts {
    qint64 messages = 0;
    qint64 written = 0;
    qint64 filtered = 0;
    qint64 failed = 0;
    qint64 skippedOnRecovery = 0;
    qint64 checkpoints = 0;
    qint64 bytesWritten = 0;
    QJsonObject extra;  // counts this build does not know

    QJsonObject toJson() const;
    static Result<WorkerCounts> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const WorkerCounts&) const = default;
};

struct WorkerStatus {
    // `state`: running, or blocked while the output does not take lines. A string, not an enum,
    // so that a state a newer worker adds reaches the operator as it is.
    static constexpr QLatin1String kRunning{"running"};
    static constexpr QLatin1String kBlocked{"blocked"};

    QString state;
    // The worst HealthState of the worker's partitions (ok when it has none).
    QString health = QStringLiteral("ok");
    QString version;
    qint64 pid = 0;
    qint64 uptimeSeconds = 0;
    QString config;
    WorkerCounts counts;
    qint64 failureQueue = 0;
    qint64 transientFailures = 0;
    qint64 partitions = 0;
    // Over the partitions: the total lag, the largest lag in time and the longest catch-up
    // estimate; none while unknown (the estimate also while a partition falls behind).
    std::optional<qint64> lag;
    std::optional<double> lagSeconds;
    std::optional<qint64> etaSeconds;
    QString lastError;  // empty when none
    std::vector<SelfCheckRow> selfCheck;
    QJsonObject extra;  // keys this build does not know (a newer worker's)

    QJsonObject toJson() const;
    static Result<WorkerStatus> fromJson(const QJsonObject& json);
    bool operator==(const WorkerStatus&) const = default;
};

}  // namespace mtga
