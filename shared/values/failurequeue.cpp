#include "shared/values/failurequeue.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <limits>

namespace mtga {
namespace {

constexpr QLatin1String kReason("reason");
constexpr QLatin1String kStage("stage");
constexpr QLatin1String kTopic("topic");
constexpr QLatin1String kPartitions("partitions");
constexpr QLatin1String kSince("since_ms");
constexpr QLatin1String kUntil("until_ms");
constexpr QLatin1String kTotal("total");
constexpr QLatin1String kByReason("by_reason");
constexpr QLatin1String kMatching("matching");
constexpr QLatin1String kPayload("payload");
constexpr QLatin1String kEntries("entries");
constexpr QLatin1String kNextCursor("next_cursor");
constexpr QLatin1String kRemoved("removed");
constexpr QLatin1String kBefore("before");
constexpr QLatin1String kAfter("after");

constexpr auto kCursorOptions = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

Error invalid(const QString& message) {
    return Error::of(ErrorCode::InvalidArgument, message);
}

QString nameOf(std::string_view name) {
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

}  // namespace

bool FailureQuery::isEmpty() const {
    return !reason && !stage && !topic && partitions.empty() && !sinceMs && !untilMs;
}

QJsonObject FailureQuery::toArgs() const {
    QJsonObject args;
    if (reason) {
        args.insert(kReason, nameOf(failureReasonName(*reason)));
    }
    if (stage) {
        args.insert(kStage, nameOf(failureStageName(*stage)));
    }
    if (topic) {
        args.insert(kTopic, *topic);
    }
    if (!partitions.empty()) {
        QJsonArray list;
        for (const int partition : partitions) {
            list.append(partition);
        }
        args.insert(kPartitions, list);
    }
    if (sinceMs) {
        args.insert(kSince, *sinceMs);
    }
    if (untilMs) {
        args.insert(kUntil, *untilMs);
    }
    return args;
}

Result<FailureQuery> FailureQuery::fromArgs(const QJsonObject& args) {
    FailureQuery query;
    auto given = [&](QLatin1String key) {
        const QJsonValue value = args.value(key);
        return !value.isUndefined() && !value.isNull();
    };
    if (given(kReason)) {
        const QString name = args.value(kReason).toString();
        query.reason = parseFailureReason(name.toStdString());
        if (!query.reason) {
            return invalid(tr("\"%1\" is not a failure reason (see docs/protocol.md)").arg(name));
        }
    }
    if (given(kStage)) {
        const QString name = args.value(kStage).toString();
        query.stage = parseFailureStage(name.toStdString());
        if (!query.stage) {
            return invalid(tr("\"%1\" is not a failure stage (see docs/protocol.md)").arg(name));
        }
    }
    if (given(kTopic)) {
        query.topic = args.value(kTopic).toString();
        if (query.topic->isEmpty()) {
            return invalid(tr("the topic must not be empty"));
        }
    }
    if (given(kPartitions)) {
        if (!query.topic) {
            return invalid(tr("partitions need a topic"));
        }
        for (const QJsonValue& value : args.value(kPartitions).toArray()) {
            if (!isJsonInteger(value) || value.toInteger() < 0 ||
                value.toInteger() > std::numeric_limits<int32_t>::max()) {
                return invalid(
                    tr("partitions must be integers from 0, not %1").arg(describeJsonValue(value)));
            }
            query.partitions.push_back(static_cast<int>(value.toInteger()));
        }
    }
    if (given(kSince)) {
        query.sinceMs = args.value(kSince).toInteger();
    }
    if (given(kUntil)) {
        query.untilMs = args.value(kUntil).toInteger();
    }
    if (query.sinceMs && query.untilMs && *query.untilMs < *query.sinceMs) {
        return invalid(
            tr("until_ms (%1) is before since_ms (%2)").arg(*query.untilMs).arg(*query.sinceMs));
    }
    return query;
}

QString encodeFailureCursor(const QByteArray& key) {
    return QString::fromLatin1(key.toBase64(kCursorOptions));
}

Result<QByteArray> decodeFailureCursor(const QString& cursor) {
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), kCursorOptions | QByteArray::AbortOnBase64DecodingErrors);
    // A key is a topic, a zero byte and 16 bytes of partition, offset and index.
    if (!decoded || decoded.decoded.size() < 18 || !decoded.decoded.contains('\0')) {
        return invalid(
            FailureQuery::tr("\"%1\" is not a cursor of failure_queue_list").arg(cursor));
    }
    return decoded.decoded;
}

QJsonObject FailureCounts::toJson() const {
    QJsonObject reasons;
    for (const auto& [reason, count] : byReason) {
        reasons.insert(reason, count);
    }
    QJsonObject json{{kTotal, total}, {kByReason, reasons}};
    if (matching) {
        json.insert(kMatching, *matching);
    }
    return json;
}

Result<FailureCounts> FailureCounts::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    FailureCounts counts;
    counts.total = in.integer(kTotal);
    const QJsonObject reasons = in.object(kByReason);
    if (json.contains(kMatching)) {
        counts.matching = in.integer(kMatching);
    }
    for (auto it = reasons.begin(); it != reasons.end() && in.ok(); ++it) {
        if (!isJsonInteger(it.value())) {
            return Error::of(
                ErrorCode::BadReply,
                FailureQuery::tr("%1.%2 must be an integer, not %3")
                    .arg(in.pathOf(kByReason), it.key(), describeJsonValue(it.value())));
        }
        counts.byReason[it.key()] = it.value().toInteger();
    }
    if (!in.ok()) {
        return in.error();
    }
    return counts;
}

QJsonObject FailureRecord::toJson() const {
    QJsonObject json{{kTopic, topic},
                     {QLatin1String("partition"), partition},
                     {QLatin1String("offset"), offset},
                     {QLatin1String("index"), index},
                     {QLatin1String("app_id"), appId},
                     {QLatin1String("log_name"), logName},
                     {kStage, stage},
                     {kReason, reason},
                     {QLatin1String("message"), message},
                     {QLatin1String("field"), field},
                     {QLatin1String("attempts"), attempts},
                     {QLatin1String("first_time_ms"), firstTimeMs},
                     {QLatin1String("last_time_ms"), lastTimeMs}};
    insertPayload(json, payload);
    return json;
}

Result<FailureRecord> FailureRecord::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    FailureRecord record;
    record.topic = in.string(kTopic);
    record.partition = in.int32(QLatin1String("partition"));
    record.offset = in.integer(QLatin1String("offset"));
    record.index = in.integer(QLatin1String("index"));
    record.appId = in.int32(QLatin1String("app_id"));
    record.logName = in.string(QLatin1String("log_name"));
    record.stage = in.string(kStage);
    record.reason = in.string(kReason);
    record.message = in.string(QLatin1String("message"));
    record.field = in.string(QLatin1String("field"));
    record.attempts = in.integer(QLatin1String("attempts"));
    record.firstTimeMs = in.integer(QLatin1String("first_time_ms"));
    record.lastTimeMs = in.integer(QLatin1String("last_time_ms"));
    (void)in.string(kPayload);  // required
    record.payload = payloadOf(json);
    if (!in.ok()) {
        return in.error();
    }
    return record;
}

QJsonObject FailurePage::toJson() const {
    QJsonArray list;
    for (const FailureRecord& record : entries) {
        list.append(record.toJson());
    }
    return QJsonObject{{kEntries, list},
                       {kNextCursor, nextCursor ? QJsonValue(*nextCursor) : QJsonValue()}};
}

Result<FailurePage> FailurePage::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("failure_queue_list"));
    FailurePage page;
    page.entries = in.values<FailureRecord>(kEntries);
    const QJsonValue cursor = json.value(kNextCursor);
    if (in.ok() && !cursor.isNull() && !cursor.isUndefined()) {
        page.nextCursor = in.string(kNextCursor);
    }
    if (!in.ok()) {
        return in.error();
    }
    return page;
}

QJsonObject FailureClearReply::toJson() const {
    return QJsonObject{{kRemoved, removed}, {kBefore, before.toJson()}, {kAfter, after.toJson()}};
}

Result<FailureClearReply> FailureClearReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("clear_failure_queue"));
    FailureClearReply reply;
    reply.removed = in.integer(kRemoved);
    reply.before = in.value<FailureCounts>(kBefore);
    reply.after = in.value<FailureCounts>(kAfter);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

}  // namespace mtga
