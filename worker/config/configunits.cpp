#include "worker/config/configunits.h"

#include <QHash>
#include <QRegularExpression>

#include <utility>

namespace mtga {
namespace {

constexpr qint64 kMaxInt64 = std::numeric_limits<qint64>::max();

qint64 saturatedProduct(qint64 value, qint64 factor) {
    return value > kMaxInt64 / factor ? kMaxInt64 : value * factor;
}

// "<digits> <unit>" with the unit's factor from `factors` (lower-case keys, "" for no unit);
// nothing when the text does not match, the largest qint64 when the number overflows.
std::optional<qint64> parseScaled(const QString& text, const QRegularExpression& pattern,
                                  const QHash<QString, qint64>& factors) {
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = match.captured(1).toLongLong(&ok);
    if (!ok) {
        return kMaxInt64;
    }
    return saturatedProduct(value, factors.value(match.captured(2).toLower(), 1));
}

}  // namespace

std::optional<qint64> ConfigUnits::parseInteger(const QString& text) {
    static const QRegularExpression kInteger(QStringLiteral("^[+-]?[0-9]+$"));
    const QString trimmed = text.trimmed();
    if (!kInteger.match(trimmed).hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (!ok) {  // too many digits: saturate so that the range check reports it
        return trimmed.startsWith(QLatin1Char('-')) ? std::numeric_limits<qint64>::min()
                                                    : kMaxInt64;
    }
    return value;
}

std::optional<qint64> ConfigUnits::parseDurationMs(const QString& text) {
    static const QRegularExpression kDuration(QStringLiteral("^([0-9]+) *(ms|s|m|h)?$"),
                                              QRegularExpression::CaseInsensitiveOption);
    static const QHash<QString, qint64> kFactors{
        {QString(), 1},
        {QStringLiteral("ms"), 1},
        {QStringLiteral("s"), kSecond},
        {QStringLiteral("m"), kMinute},
        {QStringLiteral("h"), kHour},
    };
    return parseScaled(text, kDuration, kFactors);
}

std::optional<qint64> ConfigUnits::parseSizeBytes(const QString& text) {
    static const QRegularExpression kSize(
        QStringLiteral("^([0-9]+) *(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QHash<QString, qint64> kFactors{
        {QString(), 1},
        {QStringLiteral("b"), 1},
        {QStringLiteral("kb"), 1000},
        {QStringLiteral("mb"), 1000 * 1000},
        {QStringLiteral("gb"), qint64{1000} * 1000 * 1000},
        {QStringLiteral("tb"), qint64{1000} * 1000 * 1000 * 1000},
        {QStringLiteral("kib"), kKiB},
        {QStringLiteral("mib"), kMiB},
        {QStringLiteral("gib"), kGiB},
        {QStringLiteral("tib"), kTiB},
    };
    return parseScaled(text, kSize, kFactors);
}

QString ConfigUnits::formatDuration(std::chrono::milliseconds duration) {
    const qint64 ms = duration.count();
    if (ms != 0 && ms % kHour == 0) {
        return QString::number(ms / kHour) + QLatin1Char('h');
    }
    if (ms != 0 && ms % kMinute == 0) {
        return QString::number(ms / kMinute) + QLatin1Char('m');
    }
    if (ms % kSecond == 0) {
        return QString::number(ms / kSecond) + QLatin1Char('s');
    }
    return QString::number(ms) + QStringLiteral("ms");
}

QString ConfigUnits::formatSize(qint64 bytes) {
    for (const auto& [factor, unit] : {std::pair{kTiB, "TiB"}, std::pair{kGiB, "GiB"},
                                       std::pair{kMiB, "MiB"}, std::pair{kKiB, "KiB"}}) {
        if (bytes != 0 && bytes % factor == 0) {
            return QString::number(bytes / factor) + QLatin1String(unit);
        }
    }
    return QString::number(bytes);
}

}  // namespace mtga
