#include "gui/session/lagseries.h"

#include <algorithm>

namespace mtga::gui {

LagSeries::LagSeries(Limits limits) : m_limits(limits) {
    m_fine.capacity = std::max<std::size_t>(1, limits.fine);
    m_coarse.capacity = std::max<std::size_t>(1, limits.coarse);
}

void LagSeries::Ring::push(Point point) {
    if (points.size() < capacity) {
        points.push_back(point);
        ++size;
        return;
    }
    points[head] = point;
    head = (head + 1) % points.size();
}

void LagSeries::append(qint64 ms, double value) {
    const auto stored = static_cast<float>(value);
    if (m_fine.size > 0 && m_fine.back().value == stored) {
        ++m_unchangedRun;
    } else {
        m_unchangedRun = 1;
    }
    if (m_fine.size == m_fine.capacity) {
        fold(m_fine.at(0));
    }
    m_fine.push({ms, stored});
}

// A sample leaving the fine ring joins the bucket it falls in, keeping the bucket's peak.
void LagSeries::fold(const Point& evicted) {
    const qint64 bucket = evicted.ms - evicted.ms % m_limits.bucketMs;
    if (m_coarse.size > 0 && m_coarse.back().ms == bucket) {
        Point& last = m_coarse.back();
        last.value = std::max(last.value, evicted.value);
        return;
    }
    m_coarse.push({bucket, evicted.value});
}

std::vector<QPointF> LagSeries::since(qint64 sinceMs) const {
    std::vector<QPointF> out;
    for (std::size_t i = 0; i < m_coarse.size; ++i) {
        const Point& point = m_coarse.at(i);
        if (point.ms >= sinceMs) {
            out.emplace_back(static_cast<double>(point.ms), point.value);
        }
    }
    for (std::size_t i = 0; i < m_fine.size; ++i) {
        const Point& point = m_fine.at(i);
        if (point.ms >= sinceMs) {
            out.emplace_back(static_cast<double>(point.ms), point.value);
        }
    }
    return out;
}

std::vector<double> LagSeries::recent(std::size_t count) const {
    const std::size_t n = std::min(count, m_fine.size);
    std::vector<double> out;
    out.reserve(n);
    for (std::size_t i = m_fine.size - n; i < m_fine.size; ++i) {
        out.push_back(m_fine.at(i).value);
    }
    return out;
}

double LagSeries::last() const {
    return m_fine.size == 0 ? 0.0 : m_fine.at(m_fine.size - 1).value;
}

std::size_t LagSeries::bytes() const {
    return sizeof(*this) + (m_fine.points.capacity() + m_coarse.points.capacity()) * sizeof(Point);
}

}  // namespace mtga::gui
