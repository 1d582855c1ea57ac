#pragma once

// ZoneClock: turns epoch milliseconds into TA's local "yyyy-MM-dd HH:mm:ss.SSS" text in one time
// zone, fast: the zone's UTC offset is cached for the interval between two transitions, so the
// hot path does no time-zone lookups and no allocation.

#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mtga {

class ZoneClock {
public:
    ZoneClock();  // Asia/Shanghai
    explicit ZoneClock(const QTimeZone& zone);

    const QTimeZone& zone() const { return m_zone; }

    // Appends "yyyy-MM-dd HH:mm:ss.SSS" (or without ".SSS") for `epochMs` in this zone.
    void appendLocalTime(int64_t epochMs, bool withMilliseconds, std::string& out);

    // Parses a local time text "yyyy-MM-dd HH:mm:ss[.SSS]" (also with 'T'), in this zone, or an
    // ISO 8601 time with an offset or 'Z'. Returns epoch milliseconds.
    std::optional<int64_t> parseTime(std::string_view text) const;

private:
    int offsetSecondsAt(int64_t epochSeconds);

    QTimeZone m_zone;
    int64_t m_cachedFrom = 1;  // [from, until) in epoch seconds; empty until first use
    int64_t m_cachedUntil = 0;
    int m_cachedOffset = 0;
};

}  // namespace mtga
