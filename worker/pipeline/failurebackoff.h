#pragma once

// FailureBackoff: when a transient failure-queue entry (a sink that refused for a while) is
// tried again: `base` after its first failure, doubling with every attempt, at most `max`.

#include "worker/store/store.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace mtga {

class FailureBackoff {
public:
    FailureBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
        : m_base(base.count()), m_max(max.count()) {}

    // Epoch ms at which `entry` is due again.
    int64_t dueMs(const FailureEntry& entry) const {
        const int doublings = static_cast<int>(std::clamp<uint32_t>(entry.attempts, 1, 31)) - 1;
        // Compared before shifting, so the shift cannot overflow.
        const int64_t wait = m_base > (m_max >> doublings) ? m_max : m_base << doublings;
        return entry.lastTimeMs + wait;
    }

    // `earliest` is an epoch-ms time or -1 (none yet); it becomes the earlier of itself and
    // `time`.
    static void keepEarliest(int64_t& earliest, int64_t time) {
        if (earliest < 0 || time < earliest) {
            earliest = time;
        }
    }

private:
    int64_t m_base;
    int64_t m_max;
};

}  // namespace mtga
