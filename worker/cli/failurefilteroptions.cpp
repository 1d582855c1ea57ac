#include "worker/cli/failurefilteroptions.h"

#include <QDateTime>
#include <QStringList>

#include <limits>

namespace mtga::cli {
namespace {

const QString kReason = QStringLiteral("reason");
const QString kStage = QStringLiteral("stage");
const QString kTopic = QStringLiteral("topic");
const QString kSince = QStringLiteral("since");
const QString kUntil = QStringLiteral("until");

QString nameOf(std::string_view name) {
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString reasonNames() {
    QStringList names;
    for (int i = 0; i <= static_cast<int>(FailureReason::SinkRejected); ++i) {
        names << nameOf(failureReasonName(static_cast<FailureReason>(i)));
    }
    return names.join(QStringLiteral(", "));
}

QString stageNames() {
    QStringList names;
    for (int i = 0; i <= static_cast<int>(FailureStage::Sink); ++i) {
        names << nameOf(failureStageName(static_cast<FailureStage>(i)));
    }
    return names.join(QStringLiteral(", "));
}

Error invalid(const QString& message) {
    return Error::of(ErrorCode::InvalidArgument, message);
}

}  // namespace

void FailureFilterOptions::add(QCommandLineParser& parser) {
    parser.addOption(
        {kReason, tr("Only entries of this reason: %1.").arg(reasonNames()), tr("REASON")});
    parser.addOption(
        {kStage, tr("Only entries of this stage: %1.").arg(stageNames()), tr("STAGE")});
    parser.addOption({kTopic,
                      tr("Only entries of this topic, or of these partitions of it "
                         "(mulog_clean_24:0,1)."),
                      tr("TOPIC[:P,P...]")});
    parser.addOption({kSince,
                      tr("Only entries that failed at or after TIME (epoch ms, or a local "
                         "date-time such as 2026-12-01T08:00:00)."),
                      tr("TIME")});
    parser.addOption(
        {kUntil, tr("Only entries that failed at or before TIME (as --since)."), tr("TIME")});
}

Result<qint64> FailureFilterOptions::parseTime(const QString& option, const QString& text) {
    bool number = false;
    const qint64 ms = text.toLongLong(&number);
    if (number && ms >= 0) {
        return ms;
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!number && time.isValid()) {
        return time.toMSecsSinceEpoch();
    }
    return invalid(tr("--%1 must be epoch milliseconds or a date-time such as "
                      "2026-12-01T08:00:00, not \"%2\"")
                       .arg(option, text));
}

Result<FailureQuery> FailureFilterOptions::query(const QCommandLineParser& parser) {
    FailureQuery query;
    if (parser.isSet(kReason)) {
        const QString name = parser.value(kReason);
        query.reason = parseFailureReason(name.toStdString());
        if (!query.reason) {
            return invalid(
                tr("--reason: \"%1\" is not a failure reason (%2)").arg(name, reasonNames()));
        }
    }
    if (parser.isSet(kStage)) {
        const QString name = parser.value(kStage);
        query.stage = parseFailureStage(name.toStdString());
        if (!query.stage) {
            return invalid(
                tr("--stage: \"%1\" is not a failure stage (%2)").arg(name, stageNames()));
        }
    }
    if (parser.isSet(kTopic)) {
        const QString value = parser.value(kTopic);
        // Topic names have no ':' (Kafka allows letters, digits, '.', '_' and '-').
        const qsizetype colon = value.indexOf(QLatin1Char(':'));
        query.topic = colon < 0 ? value : value.left(colon);
        if (query.topic->isEmpty()) {
            return invalid(tr("--topic: the topic must not be empty"));
        }
        if (colon >= 0) {
            for (const QString& part : value.mid(colon + 1).split(QLatin1Char(','))) {
                bool ok = false;
                const qint64 partition = part.trimmed().toLongLong(&ok);
                if (!ok || partition < 0 || partition > std::numeric_limits<int32_t>::max()) {
                    return invalid(
                        tr("--topic: \"%1\" is not a partition (TOPIC:0,1,2)").arg(part));
                }
                query.partitions.push_back(static_cast<int>(partition));
            }
        }
    }
    for (const QString& option : {kSince, kUntil}) {
        if (!parser.isSet(option)) {
            continue;
        }
        const auto time = parseTime(option, parser.value(option));
        if (!time) {
            return time.error();
        }
        (option == kSince ? query.sinceMs : query.untilMs) = time.value();
    }
    if (query.sinceMs && query.untilMs && *query.untilMs < *query.sinceMs) {
        return invalid(tr("--until is before --since"));
    }
    return query;
}

}  // namespace mtga::cli
