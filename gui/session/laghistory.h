#pragma once

// LagHistory: what the console remembers of one worker's stats events: the total lag, the
// consume and write rates, each partition's lag (LagSeries, capped), and marks for the moments
// that explain a jump in the chart (an offset reset, a restart).

#include "gui/session/lagseries.h"
#include "shared/values/offsetresetrequest.h"
#include "shared/values/statsevent.h"

#include <QString>

#include <cstddef>
#include <deque>
#include <map>

namespace mtga::gui {

struct HistoryMark {
    enum class Kind { Reset, Restart };
    qint64 ms = 0;
    Kind kind = Kind::Restart;
    QString text;
};

class LagHistory {
public:
    static constexpr std::size_t kMaxMarks = 200;

    explicit LagHistory(LagSeries::Limits limits = {}) : m_limits(limits) {}

    // One stats event, received at `ms`. A pipeline that started again (its totals went back)
    // leaves a restart mark.
    void add(qint64 ms, const StatsEvent& stats);
    void addMark(qint64 ms, HistoryMark::Kind kind, const QString& text);

    const LagSeries& totalLag() const { return m_totalLag; }
    const LagSeries& consumeRate() const { return m_consumeRate; }
    const LagSeries& writeRate() const { return m_writeRate; }
    // nullptr for a partition never seen.
    const LagSeries* partition(const PartitionRef& ref) const;
    const std::deque<HistoryMark>& marks() const { return m_marks; }
    std::size_t partitionCount() const { return m_partitions.size(); }
    std::size_t bytes() const;

private:
    LagSeries::Limits m_limits;
    LagSeries m_totalLag{m_limits};
    LagSeries m_consumeRate{m_limits};
    LagSeries m_writeRate{m_limits};
    std::map<PartitionRef, LagSeries> m_partitions;
    std::deque<HistoryMark> m_marks;
    qint64 m_lastMessages = -1;
};

}  // namespace mtga::gui
