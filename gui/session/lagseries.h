#pragma once

// LagSeries: one quantity over time (a partition's lag, the total lag, a rate), kept in memory
// with a fixed cap: every sample of the last `fine` samples, and beyond them one point per
// `bucket` (the largest value in it: a lag peak must stay visible when zoomed out) up to `coarse`
// buckets. With 2,000 partitions and 6 h that stays at tens of MB instead of gigabytes.

#include <QPointF>

#include <cstddef>
#include <vector>

namespace mtga::gui {

class LagSeries {
public:
    struct Limits {
        std::size_t fine = 900;     // 15 min at one stats event a second
        std::size_t coarse = 2160;  // 6 h of 10 s buckets
        qint64 bucketMs = 10'000;
    };

    LagSeries() : LagSeries(Limits{}) {}
    explicit LagSeries(Limits limits);

    void append(qint64 ms, double value);

    // The points at or after `sinceMs`, oldest first (coarse buckets, then every sample).
    std::vector<QPointF> since(qint64 sinceMs) const;
    // The last `count` samples' values, oldest first (fewer when there are not that many).
    std::vector<double> recent(std::size_t count) const;
    bool empty() const { return m_fine.size == 0; }
    double last() const;
    // How many samples in a row at the end have the same value: a trend of `n` samples looks
    // the same after one more sample when this is at least `n`.
    std::size_t unchangedRun() const { return m_unchangedRun; }
    std::size_t bytes() const;

private:
    struct Point {
        qint64 ms;
        float value;
    };
    // A ring that grows to its capacity, then overwrites the oldest.
    struct Ring {
        std::vector<Point> points;
        std::size_t capacity = 0;
        std::size_t head = 0;  // the oldest, once full
        std::size_t size = 0;
        void push(Point point);
        const Point& at(std::size_t i) const { return points[(head + i) % points.size()]; }
        Point& back() { return points[(head + size - 1) % points.size()]; }
    };
    void fold(const Point& evicted);

    Limits m_limits;
    Ring m_fine;
    Ring m_coarse;
    std::size_t m_unchangedRun = 0;
};

}  // namespace mtga::gui
