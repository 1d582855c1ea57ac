#pragma once

// TA log file names, as TA's SDKs write them (<prefix>.log.yyyy-MM-dd-HH_N,
// <prefix>.log.yyyy-MM-dd_N): making them for a moment in a time zone, and reading them back after
// a restart.

#include "worker/transform/zoneclock.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace mtga {

enum class TaRotation { Hourly, Daily };

// The period `epochMs` falls in, in the clock's zone: "yyyy-MM-dd-HH" (hourly) or "yyyy-MM-dd"
// (daily). Periods of one rotation sort as text in time order, which is how the sink compares them.
QString taPeriod(TaRotation rotation, ZoneClock& clock, qint64 epochMs);

// "<prefix>.log.<period>_<index>"
QString taFileName(const QString& prefix, const QString& period, int index);

struct TaFileName {
    QString period;
    int index = 0;
};

// Reads back a name taFileName() made with this prefix and rotation. Anything else (another
// worker's prefix, the other rotation, stray files) gives nothing, so it is never continued.
std::optional<TaFileName> parseTaFileName(QStringView fileName, QStringView prefix,
                                          TaRotation rotation);

}  // namespace mtga
