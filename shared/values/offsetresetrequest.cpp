#include "shared/values/offsetresetrequest.h"

#include "shared/jsonfields.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace mtga {
namespace {

constexpr std::array<std::pair<ResetTarget, QLatin1String>, 7> kTargets{{
    {ResetTarget::Earliest, QLatin1String("earliest")},
    {ResetTarget::Latest, QLatin1String("latest")},
    {ResetTarget::Offset, QLatin1String("offset")},
    {ResetTarget::Datetime, QLatin1String("datetime")},
    {ResetTarget::Duration, QLatin1String("duration")},
    {ResetTarget::Shift, QLatin1String("shift")},
    {ResetTarget::Offsets, QLatin1String("offsets")},
}};

constexpr QLatin1String kTo("to");
constexpr QLatin1String kOffset("offset");
constexpr QLatin1String kTimestamp("timestamp_ms");
constexpr QLatin1String kDuration("duration_ms");
constexpr QLatin1String kShift("shift");
constexpr QLatin1String kOffsets("offsets");
constexpr QLatin1String kAllTopics("all_topics");
constexpr QLatin1String kTopics("topics");
constexpr QLatin1String kPartitions("partitions");
constexpr QLatin1String kDryRun("dry_run");
constexpr QLatin1String kStrict("strict");
constexpr QLatin1String kTopic("topic");
constexpr QLatin1String kPartition("partition");

// The key each target needs its value in (none for earliest and latest).
QLatin1String valueKeyOf(ResetTarget target) {
    switch (target) {
        case ResetTarget::Offset:
            return kOffset;
        case ResetTarget::Datetime:
            return kTimestamp;
        case ResetTarget::Duration:
            return kDuration;
        case ResetTarget::Shift:
            return kShift;
        case ResetTarget::Offsets:
            return kOffsets;
        case ResetTarget::Earliest:
        case ResetTarget::Latest:
            break;
    }
    return QLatin1String();
}

Error invalid(const QString& message) {
    return Error::of(ErrorCode::InvalidArgument, message);
}

bool present(const QJsonObject& args, QLatin1String key) {
    return args.contains(key) && !args.value(key).isNull();
}

// The command table checks these types before a worker reads the arguments; fromArgs checks them
// again so that no caller turns a mistyped value into a default (a shift of 0, not strict).
std::optional<Error> mistyped(const QJsonObject& args) {
    for (const QLatin1String key : {kOffset, kTimestamp, kDuration, kShift}) {
        if (present(args, key) && !isJsonInteger(args.value(key))) {
            return invalid(OffsetResetRequest::tr("%1 must be an integer, not %2")
                               .arg(QString(key), describeJsonValue(args.value(key))));
        }
    }
    for (const QLatin1String key : {kAllTopics, kDryRun, kStrict}) {
        if (present(args, key) && !args.value(key).isBool()) {
            return invalid(OffsetResetRequest::tr("%1 must be true or false, not %2")
                               .arg(QString(key), describeJsonValue(args.value(key))));
        }
    }
    for (const QLatin1String key : {kOffsets, kTopics, kPartitions}) {
        if (present(args, key) && !args.value(key).isArray()) {
            return invalid(OffsetResetRequest::tr("%1 must be an array, not %2")
                               .arg(QString(key), describeJsonValue(args.value(key))));
        }
    }
    return std::nullopt;
}

Result<PartitionOffset> partitionOffsetOf(const QJsonValue& value, qsizetype index) {
    const QString path = QStringLiteral("offsets[%1]").arg(index);
    if (!value.isObject()) {
        return invalid(OffsetResetRequest::tr("%1 must be an object with topic, partition and "
                                              "offset")
                           .arg(path));
    }
    JsonFields in(value.toObject(), path);
    PartitionOffset entry;
    entry.partition.topic = in.string(kTopic);
    entry.partition.partition = in.int32(kPartition);
    entry.offset = in.integer(kOffset);
    if (!in.ok()) {
        return invalid(in.error().message);
    }
    if (entry.partition.topic.isEmpty() || entry.partition.partition < 0 || entry.offset < 0) {
        return invalid(OffsetResetRequest::tr("%1: the topic must not be empty, and the partition "
                                              "and the offset must not be negative")
                           .arg(path));
    }
    return entry;
}

}  // namespace

QString resetTargetName(ResetTarget target) {
    for (const auto& [known, name] : kTargets) {
        if (known == target) {
            return QString(name);
        }
    }
    return {};
}

std::optional<ResetTarget> resetTargetFromName(const QString& name) {
    for (const auto& [known, wire] : kTargets) {
        if (name == wire) {
            return known;
        }
    }
    return std::nullopt;
}

std::optional<PartitionRef> parsePartitionRef(const QString& text) {
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return std::nullopt;
    }
    bool ok = false;
    const int partition = text.mid(colon + 1).toInt(&ok);
    if (!ok || partition < 0) {
        return std::nullopt;
    }
    return PartitionRef{text.left(colon), partition};
}

QString partitionRefText(const PartitionRef& ref) {
    return ref.topic + QLatin1Char(':') + QString::number(ref.partition);
}

QJsonObject OffsetResetRequest::toArgs() const {
    QJsonObject args{{kTo, resetTargetName(target)}, {kDryRun, dryRun}};
    switch (target) {
        case ResetTarget::Offset:
            args.insert(kOffset, offset);
            break;
        case ResetTarget::Datetime:
            args.insert(kTimestamp, timestampMs);
            break;
        case ResetTarget::Duration:
            args.insert(kDuration, durationMs);
            break;
        case ResetTarget::Shift:
            args.insert(kShift, shift);
            break;
        case ResetTarget::Offsets: {
            QJsonArray list;
            for (const PartitionOffset& entry : offsets) {
                list.append(QJsonObject{{kTopic, entry.partition.topic},
                                        {kPartition, entry.partition.partition},
                                        {kOffset, entry.offset}});
            }
            args.insert(kOffsets, list);
            break;
        }
        case ResetTarget::Earliest:
        case ResetTarget::Latest:
            break;
    }
    if (allTopics) {
        args.insert(kAllTopics, true);
    }
    if (!topics.isEmpty()) {
        args.insert(kTopics, QJsonArray::fromStringList(topics));
    }
    if (!partitions.empty()) {
        QJsonArray list;
        for (const PartitionRef& ref : partitions) {
            list.append(partitionRefText(ref));
        }
        args.insert(kPartitions, list);
    }
    if (strict) {
        args.insert(kStrict, true);
    }
    return args;
}

Result<OffsetResetRequest> OffsetResetRequest::fromArgs(const QJsonObject& args) {
    OffsetResetRequest request;
    if (auto error = mistyped(args)) {
        return *error;
    }
    const QString to = args.value(kTo).toString();
    const auto target = resetTargetFromName(to);
    if (!target) {
        QStringList names;
        for (const auto& [known, name] : kTargets) {
            names.append(QString(name));
        }
        return invalid(
            tr("to must be one of %1, not \"%2\"").arg(names.join(QStringLiteral(", ")), to));
    }
    request.target = *target;
    // Every value key but the target's own is a mistake worth saying: it would be ignored.
    for (const auto& [other, name] : kTargets) {
        const QLatin1String key = valueKeyOf(other);
        if (!key.isEmpty() && other != request.target && present(args, key)) {
            return invalid(tr("%1 does not go with the target %2").arg(QString(key), to));
        }
    }
    const QLatin1String valueKey = valueKeyOf(request.target);
    if (!valueKey.isEmpty() && !present(args, valueKey)) {
        return invalid(tr("the target %1 needs %2").arg(to, QString(valueKey)));
    }
    switch (request.target) {
        case ResetTarget::Offset:
            request.offset = args.value(kOffset).toInteger(-1);
            if (request.offset < 0) {
                return invalid(tr("offset must not be negative"));
            }
            break;
        case ResetTarget::Datetime:
            request.timestampMs = args.value(kTimestamp).toInteger(-1);
            if (request.timestampMs < 0) {
                return invalid(tr("timestamp_ms must not be negative"));
            }
            break;
        case ResetTarget::Duration:
            request.durationMs = args.value(kDuration).toInteger(-1);
            if (request.durationMs < 0) {
                return invalid(tr("duration_ms must not be negative"));
            }
            break;
        case ResetTarget::Shift:
            request.shift = args.value(kShift).toInteger();
            break;
        case ResetTarget::Offsets: {
            const QJsonArray list = args.value(kOffsets).toArray();
            if (list.isEmpty()) {
                return invalid(tr("offsets must name at least one partition"));
            }
            for (qsizetype i = 0; i < list.size(); ++i) {
                auto entry = partitionOffsetOf(list.at(i), i);
                if (!entry) {
                    return entry.error();
                }
                request.offsets.push_back(entry.value());
            }
            break;
        }
        case ResetTarget::Earliest:
        case ResetTarget::Latest:
            break;
    }
    request.allTopics = args.value(kAllTopics).toBool(false);
    for (const QJsonValue& topic : args.value(kTopics).toArray()) {
        if (!topic.isString() || topic.toString().isEmpty()) {
            return invalid(tr("topics must be an array of topic names"));
        }
        request.topics.append(topic.toString());
    }
    for (const QJsonValue& value : args.value(kPartitions).toArray()) {
        const auto ref = parsePartitionRef(value.toString());
        if (!value.isString() || !ref) {
            return invalid(
                tr("partitions must be \"topic:N\" strings, not %1").arg(describeJsonValue(value)));
        }
        request.partitions.push_back(*ref);
    }
    const int scopes = (request.allTopics ? 1 : 0) + (request.topics.isEmpty() ? 0 : 1) +
                       (request.partitions.empty() ? 0 : 1);
    if (request.target == ResetTarget::Offsets && scopes > 0) {
        return invalid(
            tr("the target offsets names its partitions: it takes no all_topics, "
               "topics or partitions"));
    }
    if (request.target != ResetTarget::Offsets && scopes != 1) {
        return invalid(
            tr("say which partitions, with exactly one of all_topics, topics or "
               "partitions"));
    }
    request.dryRun = args.value(kDryRun).toBool(true);
    request.strict = args.value(kStrict).toBool(false);
    return request;
}

}  // namespace mtga
