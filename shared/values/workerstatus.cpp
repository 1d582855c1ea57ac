#include "shared/values/workerstatus.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

namespace mtga {
namespace {

// The wire names, once: toJson and fromJson both use these.
constexpr QLatin1String kCheck("check");
constexpr QLatin1String kOk("ok");
constexpr QLatin1String kDetail("detail");

constexpr QLatin1String kMessages("messages");
constexpr QLatin1String kWritten("written");
constexpr QLatin1String kFiltered("filtered");
constexpr QLatin1String kFailed("failed");
constexpr QLatin1String kSkippedOnRecovery("skipped_on_recovery");
constexpr QLatin1String kCheckpoints("checkpoints");
constexpr QLatin1String kBytesWritten("bytes_written");

constexpr QLatin1String kState("state");
constexpr QLatin1String kVersion("version");
constexpr QLatin1String kPid("pid");
constexpr QLatin1String kUptime("uptime_s");
constexpr QLatin1String kConfig("config");
constexpr QLatin1String kCounts("counts");
constexpr QLatin1String kFailureQueue("failure_queue");
constexpr QLatin1String kTransientFailures("transient_failures");
constexpr QLatin1String kPartitions("partitions");
constexpr QLatin1String kLastError("last_error");
constexpr QLatin1String kSelfCheck("self_check");

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
    json.insert(kMessages, messages);
    json.insert(kWritten, written);
    json.insert(kFiltered, filtered);
    json.insert(kFailed, failed);
    json.insert(kSkippedOnRecovery, skippedOnRecovery);
    json.insert(kCheckpoints, checkpoints);
    json.insert(kBytesWritten, bytesWritten);
    return json;
}

Result<WorkerCounts> WorkerCounts::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    WorkerCounts counts;
    counts.messages = in.integer(kMessages);
    counts.written = in.integer(kWritten);
    counts.filtered = in.integer(kFiltered);
    counts.failed = in.integer(kFailed);
    counts.skippedOnRecovery = in.integer(kSkippedOnRecovery);
    counts.checkpoints = in.integer(kCheckpoints);
    counts.bytesWritten = in.integer(kBytesWritten);
    counts.extra = in.unread();
    if (!in.ok()) {
        return in.error();
    }
    return counts;
}

QJsonObject WorkerStatus::toJson() const {
    QJsonArray checks;
    for (const SelfCheckRow& row : selfCheck) {
        checks.append(row.toJson());
    }
    QJsonObject json = extra;
    json.insert(kState, state);
    json.insert(kVersion, version);
    json.insert(kPid, pid);
    json.insert(kUptime, uptimeSeconds);
    json.insert(kConfig, config);
    json.insert(kCounts, counts.toJson());
    json.insert(kFailureQueue, failureQueue);
    json.insert(kTransientFailures, transientFailures);
    json.insert(kPartitions, partitions);
    json.insert(kLastError, lastError);
    json.insert(kSelfCheck, checks);
    return json;
}

Result<WorkerStatus> WorkerStatus::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("status"));
    WorkerStatus status;
    status.state = in.string(kState);
    status.version = in.string(kVersion);
    status.pid = in.integer(kPid);
    status.uptimeSeconds = in.integer(kUptime);
    status.config = in.string(kConfig);
    status.counts = in.value<WorkerCounts>(kCounts);
    status.failureQueue = in.integer(kFailureQueue);
    status.transientFailures = in.integer(kTransientFailures);
    status.partitions = in.integer(kPartitions);
    status.lastError = in.string(kLastError);
    status.selfCheck = in.values<SelfCheckRow>(kSelfCheck);
    status.extra = in.unread();
    if (!in.ok()) {
        return in.error();
    }
    return status;
}

}  // namespace mtga
