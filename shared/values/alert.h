#pragma once

// Alert: what the worker tells people when something goes wrong or right again (a partition's
// health, the failure queue past its threshold, a failed self-check, an error in its log), as
// the webhooks' generic body, the `alerts` history and the console read it (docs/protocol.md).
// AlertTestReply: what `alerts_test` found for each receiver.

#include "shared/result.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace mtga {

struct Alert {
    static constexpr QLatin1String kFiring{"firing"};
    static constexpr QLatin1String kResolved{"resolved"};
    static constexpr QLatin1String kWarning{"warning"};
    static constexpr QLatin1String kCritical{"critical"};

    qint64 id = 0;           // in the history; 0 before it is kept
    QString key;             // what it is about, for deduplication: health:stall, failure_queue...
    QString kind;            // health, failure_queue, self_check, log, test
    QString status;          // firing or resolved
    QString severity;        // warning or critical
    QString worker;          // the worker's instance name
    QString host;            // its machine
    QString summary;         // one line
    QString detail;          // more, may be empty
    QStringList partitions;  // topic[partition] of the partitions it is about
    QString health;          // a health alert's state; empty otherwise
    std::optional<qint64> lag;         // messages, summed over the partitions
    std::optional<double> lagSeconds;  // the largest
    QString hint;                      // what to run next
    qint64 timeMs = 0;                 // epoch ms

    bool firing() const { return status == kFiring; }
    QJsonObject toJson() const;
    static Result<Alert> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const Alert&) const = default;
};

// The result of `alerts`: newest first.
struct AlertsReply {
    std::vector<Alert> alerts;

    QJsonObject toJson() const;
    static Result<AlertsReply> fromJson(const QJsonObject& json);
    bool operator==(const AlertsReply&) const = default;
};

struct ReceiverResult {
    QString receiver;  // its URL, without a query (tokens live there)
    QString format;
    bool ok = false;
    int httpStatus = 0;  // 0: no answer
    QString error;       // empty when ok
    int attempts = 0;

    QJsonObject toJson() const;
    static Result<ReceiverResult> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const ReceiverResult&) const = default;
};

struct AlertTestReply {
    std::vector<ReceiverResult> receivers;

    QJsonObject toJson() const;
    static Result<AlertTestReply> fromJson(const QJsonObject& json);
    bool operator==(const AlertTestReply&) const = default;
};

}  // namespace mtga
