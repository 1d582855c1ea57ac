#include "worker/sink/tafilename.h"

#include <string>

namespace mtga {
namespace {

constexpr qsizetype kHourlyPeriodLength = 13;  // yyyy-MM-dd-HH
constexpr qsizetype kDailyPeriodLength = 10;   // yyyy-MM-dd
constexpr qsizetype kMaxIndexDigits = 9;       // stays within int

bool isDigit(QChar c) {
    return c >= u'0' && c <= u'9';
}

bool isPeriod(QStringView text, TaRotation rotation) {
    const qsizetype length =
        rotation == TaRotation::Hourly ? kHourlyPeriodLength : kDailyPeriodLength;
    if (text.size() != length) {
        return false;
    }
    for (qsizetype i = 0; i < length; ++i) {
        const bool separator = i == 4 || i == 7 || i == 10;
        if (separator ? text[i] != u'-' : !isDigit(text[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

QString taPeriod(TaRotation rotation, ZoneClock& clock, qint64 epochMs) {
    // ZoneClock is the transform's own "#time" formatter: same zone rules, cached offsets.
    std::string local;
    clock.appendLocalTime(epochMs, false, local);  // yyyy-MM-dd HH:mm:ss
    local.resize(rotation == TaRotation::Hourly ? kHourlyPeriodLength : kDailyPeriodLength);
    if (rotation == TaRotation::Hourly) {
        local[10] = '-';
    }
    return QString::fromLatin1(local.data(), static_cast<qsizetype>(local.size()));
}

QString taFileName(const QString& prefix, const QString& period, int index) {
    return prefix + QLatin1String(".log.") + period + u'_' + QString::number(index);
}

std::optional<TaFileName> parseTaFileName(QStringView fileName, QStringView prefix,
                                          TaRotation rotation) {
    const QStringView marker = u".log.";
    if (prefix.isEmpty() || !fileName.startsWith(prefix) ||
        !fileName.mid(prefix.size()).startsWith(marker)) {
        return std::nullopt;
    }
    const QStringView rest = fileName.mid(prefix.size() + marker.size());
    const qsizetype separator = rest.lastIndexOf(u'_');
    if (separator < 0 || !isPeriod(rest.left(separator), rotation)) {
        return std::nullopt;
    }
    const QStringView digits = rest.mid(separator + 1);
    if (digits.isEmpty() || digits.size() > kMaxIndexDigits ||
        (digits.size() > 1 && digits[0] == u'0')) {
        return std::nullopt;
    }
    int index = 0;
    for (const QChar c : digits) {
        if (!isDigit(c)) {
            return std::nullopt;
        }
        index = index * 10 + (c.unicode() - u'0');
    }
    return TaFileName{rest.left(separator).toString(), index};
}

}  // namespace mtga
