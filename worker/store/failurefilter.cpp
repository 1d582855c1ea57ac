#include "worker/store/failurefilter.h"

#include "worker/store/store.h"

#include <algorithm>

namespace mtga {

bool FailureFilter::matches(const FailureEntry& entry) const {
    if (reason && (entry.unknownReason || entry.reason != *reason)) {
        return false;
    }
    if (stage && !entry.isStage(*stage)) {
        return false;
    }
    if (topic && entry.topic != *topic) {
        return false;
    }
    if (!partitions.empty() &&
        std::find(partitions.begin(), partitions.end(), entry.partition) == partitions.end()) {
        return false;
    }
    if (sinceMs && entry.lastTimeMs < *sinceMs) {
        return false;
    }
    return !untilMs || entry.firstTimeMs <= *untilMs;
}

bool FailureFilter::matchesAll() const {
    return !reason && !stage && !topic && partitions.empty() && !sinceMs && !untilMs;
}

std::string FailureFilter::keyPrefix() const {
    // Keys start with the topic and a zero byte (FailureEntry::key).
    return topic ? *topic + '\0' : std::string();
}

}  // namespace mtga
