#include "shared/values/offsetresetreply.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace mtga {
namespace {

// toJson and fromJson both walk these tables, so a key cannot be renamed on one side only.
constexpr std::array<std::pair<QLatin1String, qint64 ResetRow::*>, 7> kRowNumbers{{
    {QLatin1String("low"), &ResetRow::low},
    {QLatin1String("high"), &ResetRow::high},
    {QLatin1String("current"), &ResetRow::current},
    {QLatin1String("checkpointed"), &ResetRow::checkpointed},
    {QLatin1String("next"), &ResetRow::next},
    {QLatin1String("skipped"), &ResetRow::skipped},
    {QLatin1String("replayed"), &ResetRow::replayed},
}};

constexpr QLatin1String kTopic("topic");
constexpr QLatin1String kPartition("partition");
constexpr QLatin1String kLagAfter("lag_after");
constexpr QLatin1String kClamped("clamped");
constexpr QLatin1String kRefused("refused");
constexpr QLatin1String kCode("code");
constexpr QLatin1String kMessage("message");
constexpr QLatin1String kDryRun("dry_run");
constexpr QLatin1String kTarget("target");
constexpr QLatin1String kPartitions("partitions");
constexpr QLatin1String kJournalId("journal_id");
constexpr QLatin1String kUndoes("undoes");
constexpr QLatin1String kGroupCommitError("group_commit_error");
constexpr QLatin1String kBefore("before");
constexpr QLatin1String kAfter("after");
constexpr QLatin1String kId("id");
constexpr QLatin1String kTime("time_ms");
constexpr QLatin1String kUid("uid");
constexpr QLatin1String kPid("pid");
constexpr QLatin1String kRequest("request");
constexpr QLatin1String kEntries("entries");

QJsonValue optionalInteger(const std::optional<qint64>& value) {
    return value ? QJsonValue(*value) : QJsonValue();
}

template <typename T>
QJsonArray arrayOf(const std::vector<T>& values) {
    QJsonArray array;
    for (const T& value : values) {
        array.append(value.toJson());
    }
    return array;
}

}  // namespace

QJsonObject ResetRow::toJson() const {
    QJsonObject json{{kTopic, topic},
                     {kPartition, partition},
                     {kLagAfter, optionalInteger(lagAfter)},
                     {kClamped, clamped.isEmpty() ? QJsonValue() : QJsonValue(clamped)},
                     {kRefused, refused() ? QJsonValue(QJsonObject{{kCode, refusedCode},
                                                                   {kMessage, refusedMessage}})
                                          : QJsonValue()}};
    for (const auto& [key, field] : kRowNumbers) {
        json.insert(key, this->*field);
    }
    return json;
}

Result<ResetRow> ResetRow::fromJson(const QJsonObject& json, const QString& path) {
    JsonFields in(json, path);
    ResetRow row;
    row.topic = in.string(kTopic);
    row.partition = in.int32(kPartition);
    for (const auto& [key, field] : kRowNumbers) {
        row.*field = in.integer(key);
    }
    row.lagAfter = in.integerOrNull(kLagAfter);
    if (const QJsonValue clamped = json.value(kClamped); clamped.isString()) {
        row.clamped = clamped.toString();
    }
    if (const QJsonValue refused = json.value(kRefused); refused.isObject()) {
        JsonFields reason(refused.toObject(), in.pathOf(kRefused));
        row.refusedCode = reason.string(kCode);
        row.refusedMessage = reason.string(kMessage);
        if (!reason.ok()) {
            return reason.error();
        }
    }
    if (!in.ok()) {
        return in.error();
    }
    return row;
}

QJsonObject OffsetResetReply::toJson() const {
    return QJsonObject{{kDryRun, dryRun},
                       {kTarget, target},
                       {kPartitions, arrayOf(partitions)},
                       {kJournalId, optionalInteger(journalId)},
                       {kUndoes, optionalInteger(undoes)},
                       {kGroupCommitError,
                        groupCommitError.isEmpty() ? QJsonValue() : QJsonValue(groupCommitError)}};
}

Result<OffsetResetReply> OffsetResetReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("reset_offsets"));
    OffsetResetReply reply;
    reply.dryRun = in.boolean(kDryRun);
    reply.target = in.string(kTarget);
    reply.partitions = in.values<ResetRow>(kPartitions);
    reply.journalId = in.integerOrNull(kJournalId);
    reply.undoes = in.integerOrNull(kUndoes);
    reply.groupCommitError = json.value(kGroupCommitError).toString();
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

QJsonObject ResetJournalPartition::toJson() const {
    return QJsonObject{
        {kTopic, topic}, {kPartition, partition}, {kBefore, before}, {kAfter, after}};
}

Result<ResetJournalPartition> ResetJournalPartition::fromJson(const QJsonObject& json,
                                                              const QString& path) {
    JsonFields in(json, path);
    ResetJournalPartition entry;
    entry.topic = in.string(kTopic);
    entry.partition = in.int32(kPartition);
    entry.before = in.integer(kBefore);
    entry.after = in.integer(kAfter);
    if (!in.ok()) {
        return in.error();
    }
    return entry;
}

QJsonObject ResetJournalEntry::toJson() const {
    return QJsonObject{{kId, id},
                       {kTime, timeMs},
                       {kUid, uid},
                       {kPid, pid},
                       {kTarget, target},
                       {kRequest, request},
                       {kUndoes, optionalInteger(undoes)},
                       {kPartitions, arrayOf(partitions)}};
}

Result<ResetJournalEntry> ResetJournalEntry::fromJson(const QJsonObject& json,
                                                      const QString& path) {
    JsonFields in(json, path);
    ResetJournalEntry entry;
    entry.id = in.integer(kId);
    entry.timeMs = in.integer(kTime);
    entry.uid = in.integer(kUid);
    entry.pid = in.integer(kPid);
    entry.target = in.string(kTarget);
    entry.request = in.object(kRequest);
    entry.undoes = in.integerOrNull(kUndoes);
    entry.partitions = in.values<ResetJournalPartition>(kPartitions);
    if (!in.ok()) {
        return in.error();
    }
    return entry;
}

QJsonObject ResetJournal::toJson() const {
    return QJsonObject{{kEntries, arrayOf(entries)}};
}

Result<ResetJournal> ResetJournal::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("reset_journal"));
    ResetJournal journal;
    journal.entries = in.values<ResetJournalEntry>(kEntries);
    if (!in.ok()) {
        return in.error();
    }
    return journal;
}

}  // namespace mtga
