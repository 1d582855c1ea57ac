#pragma once

// StatsEvent: the `stats` event a worker pushes to its subscribers (docs/protocol.md,
// `subscribe`): its state, the rates over the last interval, the totals of `status`, the failure
// queue's size and the offsets rows the subscription asked for. The worker builds it, the
// console and the tests read it back with fromJson (from the event's whole object).

#include "shared/result.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"

#include <QJsonObject>
#include <QLatin1String>
#include <QString>

#include <vector>

namespace mtga {

// Per second, over the time since the previous event of the same subscription.
struct StatsRates {
    double in = 0;   // messages taken from Kafka
    double out = 0;  // lines written
    double filtered = 0;
    double failed = 0;

    QJsonObject toJson() const;
    static Result<StatsRates> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const StatsRates&) const = default;
};

struct StatsEvent {
    static constexpr QLatin1String kEventName{"stats"};
    // What `state` may say besides WorkerStatus's running and blocked: no pipeline runs (none
    // yet, starting, stopping, or a restart that did not start one).
    static constexpr QLatin1String kStopped{"stopped"};

    QString state;
    qint64 intervalMs = 0;  // the subscription's interval
    StatsRates rates;
    WorkerCounts totals;  // as `status`'s counts
    qint64 failureQueue = 0;
    std::vector<PartitionRow> offsets;  // narrowed by the subscription's topics / partitions

    // The event's fields, without "event" (ControlProtocol::encodeEvent adds it).
    QJsonObject toJson() const;
    // The event's whole object (ControlResponse::body); "event" is not checked.
    static Result<StatsEvent> fromJson(const QJsonObject& json);
    bool operator==(const StatsEvent&) const = default;
};

}  // namespace mtga
