#pragma once

// ConfigUnits: the configuration's numbers with units, read and written the same way: durations
// ("10s", "500ms", "2m", "1h", plain milliseconds) and sizes ("64MiB", "1GB", plain bytes).

#include <QString>

#include <chrono>
#include <limits>
#include <optional>

namespace mtga {

class ConfigUnits {
public:
    static constexpr qint64 kKiB = 1024;
    static constexpr qint64 kMiB = kKiB * 1024;
    static constexpr qint64 kGiB = kMiB * 1024;
    static constexpr qint64 kTiB = kGiB * 1024;
    static constexpr qint64 kSecond = 1000;  // in milliseconds
    static constexpr qint64 kMinute = 60 * kSecond;
    static constexpr qint64 kHour = 60 * kMinute;

    // An optionally signed whole number; too many digits saturate (to the smallest or largest
    // qint64) so that a range check reports them. Nothing when the text is not a number.
    static std::optional<qint64> parseInteger(const QString& text);
    // Milliseconds; the largest qint64 when the number overflows, nothing when it does not match.
    static std::optional<qint64> parseDurationMs(const QString& text);
    // Bytes (KB, MB... are decimal, KiB, MiB... binary); saturates like parseDurationMs().
    static std::optional<qint64> parseSizeBytes(const QString& text);

    // The largest unit that divides the value exactly: "2h", "90s", "1001ms"; "1GiB", "5000".
    static QString formatDuration(std::chrono::milliseconds duration);
    static QString formatSize(qint64 bytes);
};

}  // namespace mtga
