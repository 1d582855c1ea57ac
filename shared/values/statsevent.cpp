#include "shared/values/statsevent.h"

#include "shared/jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <array>
#include <utility>

namespace mtga {
namespace {

// toJson and fromJson both walk this table, so a key cannot be renamed on one side only.
constexpr std::array<std::pair<QLatin1String, double StatsRates::*>, 4> kRates{{
    {QLatin1String("in"), &StatsRates::in},
    {QLatin1String("out"), &StatsRates::out},
    {QLatin1String("filtered"), &StatsRates::filtered},
    {QLatin1String("failed"), &StatsRates::failed},
}};

constexpr QLatin1String kState("state");
constexpr QLatin1String kIntervalMs("interval_ms");
constexpr QLatin1String kRatesKey("rates");
constexpr QLatin1String kTotals("totals");
constexpr QLatin1String kFailureQueue("failure_queue");
constexpr QLatin1String kOffsets("offsets");

}  // namespace

QJsonObject StatsRates::toJson() const {
    QJsonObject json;
    for (const auto& [key, field] : kRates) {
        json.insert(key, this->*field);
    }
    return json;
}

Result<StatsRates> StatsRates::fromJson(const QJsonObject& json, const QString& path) {
    StatsRates rates;
    for (const auto& [key, field] : kRates) {
        const QJsonValue value = json.value(key);
        if (!value.isDouble()) {
            return Error::of(
                ErrorCode::BadReply,
                QCoreApplication::translate("StatsEvent", "%1.%2 must be a number").arg(path, key));
        }
        rates.*field = value.toDouble();
    }
    return rates;
}

QJsonObject StatsEvent::toJson() const {
    QJsonArray rows;
    for (const PartitionRow& row : offsets) {
        rows.append(row.toJson());
    }
    return QJsonObject{{kState, state},
                       {kIntervalMs, intervalMs},
                       {kRatesKey, rates.toJson()},
                       {kTotals, totals.toJson()},
                       {kFailureQueue, failureQueue},
                       {kOffsets, rows}};
}

Result<StatsEvent> StatsEvent::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("stats"));
    StatsEvent event;
    event.state = in.string(kState);
    event.intervalMs = in.integer(kIntervalMs);
    event.rates = in.value<StatsRates>(kRatesKey);
    event.totals = in.value<WorkerCounts>(kTotals);
    event.failureQueue = in.integer(kFailureQueue);
    event.offsets = in.values<PartitionRow>(kOffsets);
    if (!in.ok()) {
        return in.error();
    }
    return event;
}

}  // namespace mtga
