#include "worker/health/healthrules.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace mtga {
namespace {

constexpr size_t kMaxKeptSamples = 240;

}  // namespace

size_t HealthRules::keptSamples() const {
    const int64_t interval = std::max<int64_t>(m_options.sampleInterval.count(), 1);
    const auto forRates = static_cast<size_t>(kRateWindowMs / interval + 2);
    return std::min(std::max(static_cast<size_t>(m_options.window), forRates), kMaxKeptSamples);
}

std::optional<HealthTransition> HealthRules::update(HealthRecord& record,
                                                    const HealthSample& sample) const {
    if (sample.high < 0 || sample.position < 0) {
        // Nothing to judge by (Low and High not asked yet, a position start_from decides):
        // the partition keeps its state, and its history.
        return std::nullopt;
    }
    const HealthSample* previous = record.samples.empty() ? nullptr : &record.samples.back();
    const int64_t lag = sample.lag();
    if (sample.waiting() > 0 && previous && previous->durable() == sample.durable()) {
        if (record.stuckSinceMs == 0) {
            // Waiting since the previous sample if data waited then already.
            record.stuckSinceMs = previous->waiting() > 0 ? previous->timeMs : sample.timeMs;
        }
    } else {
        record.stuckSinceMs = 0;
    }
    record.samples.push_back(sample);
    while (record.samples.size() > keptSamples()) {
        record.samples.pop_front();
    }
    int64_t lost = 0;
    const HealthState state = judge(record, &lost);
    record.lost = lost;
    if (state == record.state && record.sinceMs != 0) {
        return std::nullopt;
    }
    HealthTransition transition{sample.timeMs, record.state, state, lag, lost};
    const bool first = record.sinceMs == 0;
    record.state = state;
    record.sinceMs = sample.timeMs;
    if (first && state == HealthState::Ok) {
        return std::nullopt;  // a new partition starts ok: nothing changed
    }
    record.transitions.push_back(transition);
    while (record.transitions.size() > HealthRecord::kKeptTransitions) {
        record.transitions.pop_front();
    }
    return transition;
}

std::deque<HealthSample>::const_iterator HealthRules::windowStart(
    const HealthRecord& record) const {
    const auto size = static_cast<int64_t>(record.samples.size());
    return record.samples.end() - std::min<int64_t>(size, m_options.window);
}

HealthState HealthRules::judge(const HealthRecord& record, int64_t* lost) const {
    *lost = 0;
    if (record.samples.empty()) {
        return HealthState::Ok;
    }
    const HealthSample& newest = record.samples.back();
    int64_t reported = 0;  // the position guard's counts of jumps over deleted events
    for (auto it = windowStart(record); it != record.samples.end(); ++it) {
        reported += it->lost;
    }
    int64_t deleted = 0;  // deleted while waiting to be read: neither processed nor taken
    if (newest.low >= 0 && newest.position >= 0) {
        deleted = std::max<int64_t>(newest.low - std::max(newest.position, newest.read), 0);
    }
    // The guard reports a start below Low while the position still waits there: the same
    // events, counted once.
    *lost = std::max(reported, deleted);
    if (*lost > 0) {
        return HealthState::DataLoss;
    }
    if (rewound(record)) {
        return HealthState::Rewind;
    }
    const int64_t waiting = newest.waiting();
    const int64_t stuckMs = record.stuckSinceMs > 0 ? newest.timeMs - record.stuckSinceMs : -1;
    if (waiting > 0 && stuckMs >= m_options.stoppedAfter.count()) {
        return HealthState::Stopped;
    }
    if (waiting > 0 && stuckMs >= m_options.stallAfter.count()) {
        return HealthState::Stall;
    }
    const bool full = record.samples.size() >= static_cast<size_t>(m_options.window);
    if (full && lagGrew(record)) {
        return HealthState::Warn;
    }
    if (full && waiting == 0 && highStill(record)) {
        return HealthState::Idle;
    }
    return HealthState::Ok;
}

bool HealthRules::rewound(const HealthRecord& record) const {
    if (record.samples.back().logWentBack) {
        return true;
    }
    auto it = windowStart(record);
    if (it == record.samples.begin() && it != record.samples.end()) {
        ++it;  // the first kept sample has no predecessor
    }
    for (; it != record.samples.end(); ++it) {
        const HealthSample& before = *std::prev(it);
        // Behind what was durable: a crash's replay from its checkpoint is not a rewind.
        if (it->position >= 0 && before.checkpointed >= 0 && it->position < before.checkpointed &&
            it->resetSerial == before.resetSerial) {
            return true;
        }
    }
    return false;
}

bool HealthRules::lagGrew(const HealthRecord& record) const {
    const auto start = windowStart(record);
    const HealthSample& first = *start;
    const HealthSample& last = record.samples.back();
    if (first.waiting() <= 0 || last.waiting() <= first.waiting() ||
        last.durable() <= first.durable()) {
        return false;
    }
    for (auto it = std::next(start); it != record.samples.end(); ++it) {
        if (it->waiting() < std::prev(it)->waiting()) {
            return false;
        }
    }
    return true;
}

bool HealthRules::highStill(const HealthRecord& record) const {
    const int64_t high = record.samples.back().high;
    return high >= 0 &&
           std::all_of(windowStart(record), record.samples.end(),
                       [high](const HealthSample& sample) { return sample.high == high; });
}

HealthRates HealthRules::rates(const std::deque<HealthSample>& samples) {
    HealthRates rates;
    if (samples.size() < 2) {
        return rates;
    }
    const HealthSample& last = samples.back();
    const auto first = std::find_if(samples.begin(), samples.end(), [&](const HealthSample& s) {
        return last.timeMs - s.timeMs <= kRateWindowMs && s.position >= 0 && s.high >= 0;
    });
    if (first == samples.end() || first->timeMs >= last.timeMs || last.position < 0 ||
        last.high < 0) {
        return rates;
    }
    const double seconds = static_cast<double>(last.timeMs - first->timeMs) / 1000.0;
    // A reset moves the position by as much as it likes: no rate is negative.
    rates.consume =
        std::max<double>(static_cast<double>(last.position - first->position), 0) / seconds;
    rates.produce = std::max<double>(static_cast<double>(last.high - first->high), 0) / seconds;
    rates.known = true;
    return rates;
}

std::optional<int64_t> HealthRules::etaSeconds(int64_t lag, const HealthRates& rates) {
    if (lag == 0) {
        return 0;
    }
    if (lag < 0 || !rates.known || rates.consume <= rates.produce) {
        return std::nullopt;
    }
    return static_cast<int64_t>(
        std::ceil(static_cast<double>(lag) / (rates.consume - rates.produce)));
}

}  // namespace mtga
