#include "worker/health/arrivalclock.h"

namespace mtga {

void ArrivalClock::record(const TopicPartition& partition, const Run& run) {
    std::lock_guard lock(m_mutex);
    Partition& state = m_partitions[partition];
    std::deque<Run>& runs = state.runs;
    if (state.readNext >= 0 && run.first < state.readNext) {
        runs.clear();  // the partition went back: older runs describe other messages
    }
    state.readNext = run.last + 1;
    if (runs.size() >= kMaxRuns) {
        // Far ahead of the position: two runs as one costs precision there only.
        Run& newest = runs.back();
        newest.last = run.last;
        newest.lastMs = run.lastMs;
        return;
    }
    runs.push_back(run);
}

void ArrivalClock::forget(const TopicPartition& partition) {
    std::lock_guard lock(m_mutex);
    m_partitions.erase(partition);
}

std::optional<int64_t> ArrivalClock::timestampAt(const TopicPartition& partition,
                                                 int64_t offset) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_partitions.find(partition);
    if (it == m_partitions.end()) {
        return std::nullopt;
    }
    std::deque<Run>& runs = it->second.runs;
    while (!runs.empty() && runs.front().last < offset) {
        runs.pop_front();
    }
    if (runs.empty()) {
        return std::nullopt;
    }
    const Run& run = runs.front();
    if (offset <= run.first || run.last == run.first || run.firstMs < 0 || run.lastMs < 0) {
        return run.firstMs >= 0 ? std::optional<int64_t>(run.firstMs) : std::nullopt;
    }
    const double share =
        static_cast<double>(offset - run.first) / static_cast<double>(run.last - run.first);
    return run.firstMs +
           static_cast<int64_t>(share * static_cast<double>(run.lastMs - run.firstMs));
}

int64_t ArrivalClock::readNext(const TopicPartition& partition) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_partitions.find(partition);
    return it == m_partitions.end() ? -1 : it->second.readNext;
}

}  // namespace mtga
