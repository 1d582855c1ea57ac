#pragma once

// FailureFilter: which failure-queue entries a list, a count or a clear is about (the filters of
// failure_queue_list and clear_failure_queue, docs/protocol.md). Every part left empty matches
// everything; the parts that are set must all match.

#include "shared/failurecodes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mtga {

struct FailureEntry;

struct FailureFilter {
    // An entry whose stored reason or stage this build does not know matches no such filter.
    std::optional<FailureReason> reason;
    std::optional<FailureStage> stage;
    std::optional<std::string> topic;
    std::vector<int32_t> partitions;  // of `topic`; empty: all of them
    // The entry's span [first_time_ms, last_time_ms] must overlap [sinceMs, untilMs].
    std::optional<int64_t> sinceMs;
    std::optional<int64_t> untilMs;

    bool matches(const FailureEntry& entry) const;
    bool matchesAll() const;
    // The prefix every matching key starts with ("" when any topic matches): a scan seeks there.
    std::string keyPrefix() const;
};

}  // namespace mtga
