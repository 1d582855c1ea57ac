#include "gui/session/laghistory.h"

#include <QCoreApplication>

namespace mtga::gui {

void LagHistory::add(qint64 ms, const StatsEvent& stats) {
    if (m_lastMessages >= 0 && stats.totals.messages < m_lastMessages) {
        addMark(ms, HistoryMark::Kind::Restart,
                QCoreApplication::translate("mtga::gui::LagHistory", "pipeline restarted"));
    }
    m_lastMessages = stats.totals.messages;
    qint64 total = 0;
    for (const PartitionRow& row : stats.offsets) {
        const qint64 lag = row.lag.value_or(0);
        total += lag;
        auto it = m_partitions.find(PartitionRef{row.topic, row.partition});
        if (it == m_partitions.end()) {
            it = m_partitions.emplace(PartitionRef{row.topic, row.partition}, LagSeries(m_limits))
                     .first;
        }
        it->second.append(ms, static_cast<double>(lag));
    }
    m_totalLag.append(ms, static_cast<double>(total));
    m_consumeRate.append(ms, stats.rates.in);
    m_writeRate.append(ms, stats.rates.out);
}

void LagHistory::addMark(qint64 ms, HistoryMark::Kind kind, const QString& text) {
    m_marks.push_back({ms, kind, text});
    if (m_marks.size() > kMaxMarks) {
        m_marks.pop_front();
    }
}

const LagSeries* LagHistory::partition(const PartitionRef& ref) const {
    const auto it = m_partitions.find(ref);
    return it == m_partitions.end() ? nullptr : &it->second;
}

std::size_t LagHistory::bytes() const {
    std::size_t total = m_totalLag.bytes() + m_consumeRate.bytes() + m_writeRate.bytes();
    for (const auto& [ref, series] : m_partitions) {
        total += series.bytes() + sizeof(ref) + static_cast<std::size_t>(ref.topic.size()) * 2;
    }
    return total;
}

}  // namespace mtga::gui
