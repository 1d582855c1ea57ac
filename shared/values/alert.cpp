#include "shared/values/alert.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace mtga {
namespace {

// toJson and fromJson both walk these tables, so a key cannot be renamed on one side only.
constexpr std::array<std::pair<QLatin1String, QString Alert::*>, 10> kAlertStrings{{
    {QLatin1String("key"), &Alert::key},
    {QLatin1String("kind"), &Alert::kind},
    {QLatin1String("status"), &Alert::status},
    {QLatin1String("severity"), &Alert::severity},
    {QLatin1String("worker"), &Alert::worker},
    {QLatin1String("host"), &Alert::host},
    {QLatin1String("summary"), &Alert::summary},
    {QLatin1String("detail"), &Alert::detail},
    {QLatin1String("health"), &Alert::health},
    {QLatin1String("hint"), &Alert::hint},
}};

constexpr QLatin1String kId("id");
constexpr QLatin1String kPartitions("partitions");
constexpr QLatin1String kLag("lag");
constexpr QLatin1String kLagSeconds("lag_seconds");
constexpr QLatin1String kTime("time_ms");
constexpr QLatin1String kAlerts("alerts");
constexpr QLatin1String kReceivers("receivers");

}  // namespace

QJsonObject Alert::toJson() const {
    QJsonObject json{{kId, id},
                     {kPartitions, QJsonArray::fromStringList(partitions)},
                     {kLag, lag ? QJsonValue(*lag) : QJsonValue()},
                     {kLagSeconds, lagSeconds ? QJsonValue(*lagSeconds) : QJsonValue()},
                     {kTime, timeMs}};
    for (const auto& [key, field] : kAlertStrings) {
        json.insert(key, this->*field);
    }
    return json;
}

Result<Alert> Alert::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    Alert alert;
    alert.id = in.integer(kId);
    for (const auto& [key, field] : kAlertStrings) {
        alert.*field = in.string(key);
    }
    alert.partitions = in.strings(kPartitions);
    alert.lag = in.integerOrNull(kLag);
    alert.lagSeconds = in.numberOrNull(kLagSeconds);
    alert.timeMs = in.integer(kTime);
    if (!in.ok()) {
        return in.error();
    }
    return alert;
}

QJsonObject AlertsReply::toJson() const {
    QJsonArray list;
    for (const Alert& alert : alerts) {
        list.append(alert.toJson());
    }
    return QJsonObject{{kAlerts, list}};
}

Result<AlertsReply> AlertsReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("alerts"));
    AlertsReply reply;
    reply.alerts = in.values<Alert>(kAlerts);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

QJsonObject ReceiverResult::toJson() const {
    return QJsonObject{{QLatin1String("receiver"), receiver},
                       {QLatin1String("format"), format},
                       {QLatin1String("ok"), ok},
                       {QLatin1String("http_status"), httpStatus},
                       {QLatin1String("error"), error},
                       {QLatin1String("attempts"), attempts}};
}

Result<ReceiverResult> ReceiverResult::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    ReceiverResult result;
    result.receiver = in.string(QLatin1String("receiver"));
    result.format = in.string(QLatin1String("format"));
    result.ok = in.boolean(QLatin1String("ok"));
    result.httpStatus = in.int32(QLatin1String("http_status"));
    result.error = in.string(QLatin1String("error"));
    result.attempts = in.int32(QLatin1String("attempts"));
    if (!in.ok()) {
        return in.error();
    }
    return result;
}

QJsonObject AlertTestReply::toJson() const {
    QJsonArray list;
    for (const ReceiverResult& receiver : receivers) {
        list.append(receiver.toJson());
    }
    return QJsonObject{{kReceivers, list}};
}

Result<AlertTestReply> AlertTestReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("alerts_test"));
    AlertTestReply reply;
    reply.receivers = in.values<ReceiverResult>(kReceivers);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

}  // namespace mtga
