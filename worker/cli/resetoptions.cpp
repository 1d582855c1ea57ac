#include "worker/cli/resetoptions.h"

#include <QFile>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

namespace mtga::cli {
namespace {

const QString kToEarliest = QStringLiteral("to-earliest");
const QString kToLatest = QStringLiteral("to-latest");
const QString kToOffset = QStringLiteral("to-offset");
const QString kToDatetime = QStringLiteral("to-datetime");
const QString kByDuration = QStringLiteral("by-duration");
const QString kShiftBy = QStringLiteral("shift-by");
const QString kFromFile = QStringLiteral("from-file");
const QString kTopic = QStringLiteral("topic");
const QString kAllTopics = QStringLiteral("all-topics");
const QString kExecute = QStringLiteral("execute");
const QString kDryRun = QStringLiteral("dry-run");
const QString kStrict = QStringLiteral("strict");

Error invalid(const QString& message) {
    return Error::of(ErrorCode::InvalidArgument, message);
}

std::optional<qint64> integerOf(const QString& text) {
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// "t:0,1,2" into partitions of t; "t" (no colon) into the whole topic.
Result<void> addScope(const QString& value, OffsetResetRequest& request) {
    const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        if (value.isEmpty()) {
            return invalid(ResetOptions::tr("--topic needs a topic name"));
        }
        request.topics << value;
        return {};
    }
    const QString topic = value.left(colon);
    const QStringList numbers = value.mid(colon + 1).split(QLatin1Char(','));
    for (const QString& number : numbers) {
        const auto partition = integerOf(number.trimmed());
        if (topic.isEmpty() || !partition || *partition < 0 || *partition > INT32_MAX) {
            return invalid(ResetOptions::tr("--topic %1: give TOPIC or TOPIC:P1,P2,... with "
                                            "partition numbers")
                               .arg(value));
        }
        request.partitions.push_back({topic, static_cast<int>(*partition)});
    }
    return {};
}

}  // namespace

void ResetOptions::add(QCommandLineParser& parser) {
    parser.addOption({kToEarliest, tr("Reset to the first offset of the log (Low).")});
    parser.addOption({kToLatest, tr("Reset to the end of the log (High): skip what is there.")});
    parser.addOption({kToOffset, tr("Reset to offset N."), QStringLiteral("N")});
    parser.addOption({kToDatetime,
                      tr("Reset to the first message at or after this time, as "
                         "YYYY-MM-DDTHH:mm:SS.sss, in UTC unless a zone such as +08:00 follows "
                         "(as kafka-consumer-groups.sh reads it)."),
                      QStringLiteral("DATETIME")});
    parser.addOption({kByDuration,
                      tr("Reset to the first message at or after this long ago, as an ISO-8601 "
                         "duration: PT1H, P1DT12H, PT30M."),
                      QStringLiteral("DURATION")});
    parser.addOption({kShiftBy, tr("Move the current position by N messages (negative: back)."),
                      QStringLiteral("N")});
    parser.addOption({kFromFile,
                      tr("Reset to the offsets of a CSV file of topic,partition,offset lines (as "
                         "kafka-consumer-groups.sh --export writes)."),
                      QStringLiteral("FILE")});
    parser.addOption({kTopic,
                      tr("The topic to reset, or TOPIC:P1,P2 for some of its partitions; "
                         "repeatable."),
                      QStringLiteral("TOPIC")});
    parser.addOption({kAllTopics, tr("Reset every partition the worker consumes.")});
    parser.addOption({kExecute, tr("Apply the reset (without it, only show what it would do).")});
    parser.addOption({kDryRun, tr("Only show what the reset would do (the default).")});
    parser.addOption(
        {kStrict, tr("Refuse a target outside the log instead of moving it to Low or High.")});
}

Result<OffsetResetRequest> ResetOptions::request(const QCommandLineParser& parser) {
    OffsetResetRequest request;
    int targets = 0;
    for (const QString& name :
         {kToEarliest, kToLatest, kToOffset, kToDatetime, kByDuration, kShiftBy, kFromFile}) {
        targets += parser.isSet(name) ? 1 : 0;
    }
    if (targets != 1) {
        return invalid(
            tr("give exactly one of --to-earliest, --to-latest, --to-offset, "
               "--to-datetime, --by-duration, --shift-by, --from-file"));
    }
    if (parser.isSet(kToEarliest)) {
        request.target = ResetTarget::Earliest;
    } else if (parser.isSet(kToLatest)) {
        request.target = ResetTarget::Latest;
    } else if (parser.isSet(kToOffset)) {
        const auto offset = integerOf(parser.value(kToOffset));
        if (!offset || *offset < 0) {
            return invalid(
                tr("--to-offset needs an offset >= 0, not \"%1\"").arg(parser.value(kToOffset)));
        }
        request.target = ResetTarget::Offset;
        request.offset = *offset;
    } else if (parser.isSet(kToDatetime)) {
        const auto time = parseDateTime(parser.value(kToDatetime));
        if (!time) {
            return invalid(tr("--to-datetime needs YYYY-MM-DDTHH:mm:SS.sss, not \"%1\"")
                               .arg(parser.value(kToDatetime)));
        }
        request.target = ResetTarget::Datetime;
        request.timestampMs = time->toMSecsSinceEpoch();
    } else if (parser.isSet(kByDuration)) {
        const auto duration = parseDurationMs(parser.value(kByDuration));
        if (!duration) {
            return invalid(tr("--by-duration needs an ISO-8601 duration such as PT1H, not \"%1\"")
                               .arg(parser.value(kByDuration)));
        }
        request.target = ResetTarget::Duration;
        request.durationMs = *duration;
    } else if (parser.isSet(kShiftBy)) {
        const auto shift = integerOf(parser.value(kShiftBy));
        if (!shift) {
            return invalid(tr("--shift-by needs a number, not \"%1\"").arg(parser.value(kShiftBy)));
        }
        request.target = ResetTarget::Shift;
        request.shift = *shift;
    } else {
        auto offsets = readOffsetsFile(parser.value(kFromFile));
        if (!offsets) {
            return offsets.error();
        }
        request.target = ResetTarget::Offsets;
        request.offsets = std::move(offsets).value();
    }
    request.allTopics = parser.isSet(kAllTopics);
    for (const QString& value : parser.values(kTopic)) {
        if (auto added = addScope(value, request); !added) {
            return added.error();
        }
    }
    if (request.target == ResetTarget::Offsets) {
        if (request.allTopics || !request.topics.isEmpty() || !request.partitions.empty()) {
            return invalid(tr("--from-file names its partitions: give no --topic or --all-topics"));
        }
    } else if (request.allTopics == (!request.topics.isEmpty() || !request.partitions.empty())) {
        return invalid(tr("say which partitions: --all-topics, or --topic (repeatable)"));
    } else if (!request.topics.isEmpty() && !request.partitions.empty()) {
        return invalid(
            tr("give either whole topics (--topic T) or partitions (--topic T:0,1), "
               "not both"));
    }
    if (parser.isSet(kExecute) && parser.isSet(kDryRun)) {
        return invalid(tr("--execute and --dry-run exclude each other"));
    }
    request.dryRun = !parser.isSet(kExecute);
    request.strict = parser.isSet(kStrict);
    return request;
}

std::optional<QDateTime> ResetOptions::parseDateTime(const QString& text) {
    static const QRegularExpression shape(QStringLiteral(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$)"));
    if (!shape.match(text).hasMatch()) {
        return std::nullopt;
    }
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    // kafka-consumer-groups.sh adds "Z" to a time without a zone: scripts mean UTC by it.
    if (time.isValid() && shape.match(text).captured(2).isEmpty()) {
        time.setTimeSpec(Qt::UTC);
    }
    return time.isValid() ? std::optional<QDateTime>(time) : std::nullopt;
}

std::optional<qint64> ResetOptions::parseDurationMs(const QString& text) {
    static const QRegularExpression shape(
        QStringLiteral(R"(^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$)"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch() || text.endsWith(QLatin1Char('T'), Qt::CaseInsensitive)) {
        return std::nullopt;
    }
    bool any = false;
    double ms = 0;
    const std::array<double, 4> unitMs{86'400'000.0, 3'600'000.0, 60'000.0, 1000.0};
    for (int group = 1; group <= 4; ++group) {
        const QString part = match.captured(group);
        if (!part.isEmpty()) {
            any = true;
            ms += part.toDouble() * unitMs[static_cast<size_t>(group - 1)];
        }
    }
    return any ? std::optional<qint64>(static_cast<qint64>(std::llround(ms))) : std::nullopt;
}

Result<std::vector<PartitionOffset>> ResetOptions::readOffsetsFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return Error::of(ErrorCode::IoError,
                         tr("%1: cannot read it: %2").arg(path, file.errorString()));
    }
    std::vector<PartitionOffset> offsets;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty()) {
            continue;
        }
        const QStringList fields = line.split(QLatin1Char(','));
        const auto partition = fields.size() == 3 ? integerOf(fields[1].trimmed()) : std::nullopt;
        const auto offset = fields.size() == 3 ? integerOf(fields[2].trimmed()) : std::nullopt;
        if (!partition || !offset || fields[0].trimmed().isEmpty() || *partition < 0 ||
            *partition > INT32_MAX || *offset < 0) {
            return invalid(tr("%1:%2: expected topic,partition,offset, not \"%3\"")
                               .arg(path)
                               .arg(lineNumber)
                               .arg(line));
        }
        offsets.push_back({{fields[0].trimmed(), static_cast<int>(*partition)}, *offset});
    }
    if (offsets.empty()) {
        return invalid(tr("%1: no topic,partition,offset line in it").arg(path));
    }
    return offsets;
}

}  // namespace mtga::cli
