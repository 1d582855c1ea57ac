#include "shared/values/samplereply.h"

#include "shared/jsonfields.h"

namespace mtga {
namespace {

constexpr QLatin1String kIndex("index");
constexpr QLatin1String kOutcome("outcome");
constexpr QLatin1String kAppId("app_id");
constexpr QLatin1String kLogName("log_name");
constexpr QLatin1String kLine("line");
constexpr QLatin1String kRule("rule");
constexpr QLatin1String kStage("stage");
constexpr QLatin1String kReason("reason");
constexpr QLatin1String kMessage("message");
constexpr QLatin1String kField("field");
constexpr QLatin1String kOffset("offset");
constexpr QLatin1String kTime("time_ms");
constexpr QLatin1String kPayload("payload");
constexpr QLatin1String kPayloadBytes("payload_bytes");
constexpr QLatin1String kRecords("records");
constexpr QLatin1String kTopic("topic");
constexpr QLatin1String kPartition("partition");
constexpr QLatin1String kMessages("messages");

}  // namespace

QJsonObject SampleRecord::toJson() const {
    QJsonObject json{{kIndex, index}, {kOutcome, outcome}, {kAppId, appId}, {kLogName, logName}};
    // Only the keys of its outcome: a written record has no reason.
    if (outcome == QLatin1String("written")) {
        json.insert(kLine, line);
    } else if (outcome == QLatin1String("filtered")) {
        json.insert(kRule, rule);
    } else {
        json.insert(kStage, stage);
        json.insert(kReason, reason);
        json.insert(kMessage, message);
        json.insert(kField, field);
    }
    return json;
}

Result<SampleRecord> SampleRecord::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    SampleRecord record;
    record.index = in.int32(kIndex);
    record.outcome = in.string(kOutcome);
    record.appId = in.int32(kAppId);
    record.logName = in.string(kLogName);
    if (in.ok() && record.outcome == QLatin1String("written")) {
        record.line = in.string(kLine);
    } else if (in.ok() && record.outcome == QLatin1String("filtered")) {
        record.rule = in.string(kRule);
    } else if (in.ok()) {
        record.stage = in.string(kStage);
        record.reason = in.string(kReason);
        record.message = in.string(kMessage);
        record.field = in.string(kField);
    }
    if (!in.ok()) {
        return in.error();
    }
    return record;
}

QJsonObject SampleMessage::toJson() const {
    QJsonObject json{{kOffset, offset}, {kTime, timeMs}, {kPayloadBytes, payloadBytes}};
    insertPayload(json, payload);
    QJsonArray list;
    for (const SampleRecord& record : records) {
        list.append(record.toJson());
    }
    json.insert(kRecords, list);
    return json;
}

Result<SampleMessage> SampleMessage::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    SampleMessage message;
    message.offset = in.integer(kOffset);
    message.timeMs = in.integer(kTime);
    message.payloadBytes = in.integer(kPayloadBytes);
    (void)in.string(kPayload);  // required
    message.payload = payloadOf(json);
    message.records = in.values<SampleRecord>(kRecords);
    if (!in.ok()) {
        return in.error();
    }
    return message;
}

QJsonObject SampleReply::toJson() const {
    QJsonArray list;
    for (const SampleMessage& message : messages) {
        list.append(message.toJson());
    }
    return QJsonObject{{kTopic, topic}, {kPartition, partition}, {kMessages, list}};
}

Result<SampleReply> SampleReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("sample"));
    SampleReply reply;
    reply.topic = in.string(kTopic);
    reply.partition = in.int32(kPartition);
    reply.messages = in.values<SampleMessage>(kMessages);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

}  // namespace mtga
