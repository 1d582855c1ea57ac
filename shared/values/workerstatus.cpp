#include "shared/values/workerstatus.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <array>
#include <cmath>
#include <utility>

namespace mtga {
namespace {

// The wire names, once: toJson and fromJson both walk these tables, so a key cannot be renamed
// on one side only.
template <typename Owner, typename Field, std::size_t N>
using Fields = std::array<std::pair<QLatin1String, Field Owner::*>, N>;

constexpr Fields<WorkerCounts, qint64, 7> kCounts{{
    {QLatin1String("messages"), &WorkerCounts::messages},
    {QLatin1String("written"), &WorkerCounts::written},
    {QLatin1String("filtered"), &WorkerCounts::filtered},
    {QLatin1String("failed"), &WorkerCounts::failed},
    {QLatin1String("skipped_on_recovery"), &WorkerCounts::skippedOnRecovery},
    {QLatin1String("checkpoints"), &WorkerCounts::checkpoints},
    {QLatin1String("bytes_written"), &WorkerCounts::bytesWritten},
}};

constexpr Fields<WorkerStatus, QString, 5> kStatusStrings{{
    {QLatin1String("state"), &WorkerStatus::state},
    {QLatin1String("health"), &WorkerStatus::health},
    {QLatin1String("version"), &WorkerStatus::version},
    {QLatin1String("config"), &WorkerStatus::config},
    {QLatin1String("last_error"), &WorkerStatus::lastError},
}};

constexpr Fields<WorkerStatus, qint64, 5> kStatusIntegers{{
    {QLatin1String("pid"), &WorkerStatus::pid},
    {QLatin1String("uptime_s"), &WorkerStatus::uptimeSeconds},
    {QLatin1String("failure_queue"), &WorkerStatus::failureQueue},
    {QLatin1String("transient_failures"), &WorkerStatus::transientFailures},
    {QLatin1String("partitions"), &WorkerStatus::partitions},
}};

constexpr QLatin1String kCountsKey("counts");
constexpr QLatin1String kLag("lag");
constexpr QLatin1String kLagSeconds("lag_seconds");
constexpr QLatin1String kEtaSeconds("eta_seconds");
constexpr QLatin1String kSelfCheckKey("self_check");
constexpr QLatin1String kCheck("check");
constexpr QLatin1String kOk("ok");
constexpr QLatin1String kDetail("detail");

}  // namespace

QJsonObject SelfCheckRow::toJson() const {
    return QJsonObject{{kCheck, check}, {kOk, ok}, {kDetail, detail}};
}

Result<SelfCheckRow> SelfCheckRow::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    SelfCheckRow row;
    row.check = in.string(kCheck);
    row.ok = in.boolean(kOk);
    row.detail = in.string(kDetail);
    if (!in.ok()) {
        return in.error();
    }
    return row;
}

QJsonObject WorkerCounts::toJson() const {
    QJsonObject json = extra;
    for (const auto& [key, field] : kCounts) {
        json.insert(key, this->*field);
    }
    return json;
}

Result<WorkerCounts> WorkerCounts::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    WorkerCounts counts;
    for (const auto& [key, field] : kCounts) {
        counts.*field = in.integer(key);
    }
    counts.extra = in.unread();
    if (!in.ok()) {
        return in.error();
    }
    return counts;
}

QJsonObject WorkerStatus::toJson() const {
    QJsonObject json = extra;
    for (const auto& [key, field] : kStatusStrings) {
        json.insert(key, this->*field);
    }
    for (const auto& [key, field] : kStatusIntegers) {
        json.insert(key, this->*field);
    }
    json.insert(kCountsKey, counts.toJson());
    json.insert(kLag, lag ? QJsonValue(*lag) : QJsonValue());
    json.insert(kLagSeconds,
                lagSeconds ? QJsonValue(std::round(*lagSeconds * 1000.0) / 1000.0) : QJsonValue());
    json.insert(kEtaSeconds, etaSeconds ? QJsonValue(*etaSeconds) : QJsonValue());
    QJsonArray checks;
    for (const SelfCheckRow& row : selfCheck) {
        checks.append(row.toJson());
    }
    json.insert(kSelfCheckKey, checks);
    return json;
}

Result<WorkerStatus> WorkerStatus::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("status"));
    WorkerStatus status;
    for (const auto& [key, field] : kStatusStrings) {
        status.*field = in.string(key);
    }
    for (const auto& [key, field] : kStatusIntegers) {
        status.*field = in.integer(key);
    }
    status.counts = in.value<WorkerCounts>(kCountsKey);
    status.lag = in.integerOrNull(kLag);
    status.lagSeconds = in.numberOrNull(kLagSeconds);
    status.etaSeconds = in.integerOrNull(kEtaSeconds);
    status.selfCheck = in.values<SelfCheckRow>(kSelfCheckKey);
    status.extra = in.unread();
    if (!in.ok()) {
        return in.error();
    }
    return status;
}

}  // namespace mtga
