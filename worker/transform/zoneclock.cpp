#include "worker/transform/zoneclock.h"

#include <QDateTime>

#include <array>
#include <limits>

namespace mtga {
namespace {

struct CivilDate {
    int64_t year;
    unsigned month;
    unsigned day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days).
CivilDate civilFromDays(int64_t days) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    const unsigned day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
    const unsigned month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
    return {static_cast<int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

char* putDigits(char* out, int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out + width;
}

int64_t floorDiv(int64_t a, int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool readNumber(std::string_view text, size_t at, size_t width, int* out) {
    if (at + width > text.size()) {
        return false;
    }
    int value = 0;
    for (size_t i = at; i < at + width; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    *out = value;
    return true;
}

}  // namespace

ZoneClock::ZoneClock() : ZoneClock(QTimeZone(QByteArrayLiteral("Asia/Shanghai"))) {}

ZoneClock::ZoneClock(const QTimeZone& zone) : m_zone(zone) {}

int ZoneClock::offsetSecondsAt(int64_t epochSeconds) {
    if (epochSeconds >= m_cachedFrom && epochSeconds < m_cachedUntil) {
        return m_cachedOffset;
    }
    const QDateTime at = QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC);
    m_cachedOffset = m_zone.offsetFromUtc(at);
    m_cachedFrom = std::numeric_limits<int64_t>::min();
    m_cachedUntil = std::numeric_limits<int64_t>::max();
    if (m_zone.hasTransitions()) {
        const QTimeZone::OffsetData previous = m_zone.previousTransition(at.addSecs(1));
        const QTimeZone::OffsetData next = m_zone.nextTransition(at);
        if (previous.atUtc.isValid()) {
            m_cachedFrom = previous.atUtc.toSecsSinceEpoch();
        }
        if (next.atUtc.isValid()) {
            m_cachedUntil = next.atUtc.toSecsSinceEpoch();
        }
        if (m_cachedFrom > epochSeconds || m_cachedUntil <= epochSeconds) {
            m_cachedFrom = m_cachedUntil = epochSeconds;  // odd data: don't cache
            m_cachedUntil = epochSeconds + 1;
        }
    }
    return m_cachedOffset;
}

void ZoneClock::appendLocalTime(int64_t epochMs, bool withMilliseconds, std::string& out) {
    const int64_t epochSeconds = floorDiv(epochMs, 1000);
    const int64_t localSeconds = epochSeconds + offsetSecondsAt(epochSeconds);
    const int64_t days = floorDiv(localSeconds, 86400);
    const int64_t secondOfDay = localSeconds - days * 86400;
    const CivilDate date = civilFromDays(days);
    // One append of a stack buffer: this runs for every event.
    std::array<char, 23> text{};
    char* p = putDigits(text.data(), date.year, 4);
    *p++ = '-';
    p = putDigits(p, date.month, 2);
    *p++ = '-';
    p = putDigits(p, date.day, 2);
    *p++ = ' ';
    p = putDigits(p, secondOfDay / 3600, 2);
    *p++ = ':';
    p = putDigits(p, secondOfDay / 60 % 60, 2);
    *p++ = ':';
    p = putDigits(p, secondOfDay % 60, 2);
    if (withMilliseconds) {
        *p++ = '.';
        p = putDigits(p, epochMs - epochSeconds * 1000, 3);
    }
    out.append(text.data(), static_cast<size_t>(p - text.data()));
}

std::optional<int64_t> ZoneClock::parseTime(std::string_view text) const {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
    const bool shapeOk =
        readNumber(text, 0, 4, &year) && text.size() >= 19 && text[4] == '-' &&
        readNumber(text, 5, 2, &month) && text[7] == '-' && readNumber(text, 8, 2, &day) &&
        (text[10] == ' ' || text[10] == 'T') && readNumber(text, 11, 2, &hour) && text[13] == ':' &&
        readNumber(text, 14, 2, &minute) && text[16] == ':' && readNumber(text, 17, 2, &second);
    if (!shapeOk) {
        return std::nullopt;
    }
    size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        size_t digits = 0;
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[at] - '0');
            }
            ++digits;
            ++at;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (; digits < 3; ++digits) {
            millis *= 10;
        }
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, millis);
    if (!date.isValid() || !time.isValid()) {
        return std::nullopt;
    }
    const std::string_view rest = text.substr(at);
    if (rest.empty()) {
        const QDateTime local(date, time, m_zone);
        return local.isValid() ? std::optional<int64_t>(local.toMSecsSinceEpoch()) : std::nullopt;
    }
    int offsetSeconds = 0;
    if (rest == "Z") {
        offsetSeconds = 0;
    } else {
        int offsetHours = 0, offsetMinutes = 0;
        const bool colon = rest.size() == 6 && rest[3] == ':';
        if ((rest.size() != 6 && rest.size() != 5) || (rest[0] != '+' && rest[0] != '-') ||
            !readNumber(rest, 1, 2, &offsetHours) ||
            !readNumber(rest, colon ? 4 : 3, 2, &offsetMinutes) || offsetHours > 23 ||
            offsetMinutes > 59 || (rest.size() == 6 && !colon)) {
            return std::nullopt;
        }
        offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (rest[0] == '-' ? -1 : 1);
    }
    const QDateTime utc(date, time, Qt::UTC);
    return utc.toMSecsSinceEpoch() - int64_t{offsetSeconds} * 1000;
}

}  // namespace mtga
