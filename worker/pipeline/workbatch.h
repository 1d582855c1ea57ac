#pragma once

// WorkBatch: what one transform thread made of a batch of messages, its lines with the state of
// each, applied to the sink under the pipeline's state lock.

#include "worker/store/store.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mtga {

// What one worker made of a batch of messages, applied under the state lock.
struct WorkBatch {
    // Remembered: taken, and in the recovery set until the batch is acknowledged; so is a
    // line skipped as already written (its identity was used up) once an attempt failed.
    enum class LineState : uint8_t {
        Pending,
        Taken,
        Remembered,
        Skipped,
        SkippedRemembered,
        Dropped
    };
    struct Line {
        uint32_t slot;  // its partition in `partitions`
        int appId;
        int64_t offset;
        uint32_t index;
        size_t begin;
        size_t size;
        LineState state = LineState::Pending;
    };
    struct Partition {
        std::string_view topic;  // librdkafka's, alive while the batch's messages are
        int32_t partition;
        int64_t next = -1;  // one past its last message in the batch
        bool owned = true;  // still ours since the batch was taken
    };
    uint64_t epoch = 0;  // the assignment epoch when the batch was taken from its queue
    std::string text;
    std::vector<Line> lines;
    std::vector<Partition> partitions;
    std::vector<FailureEntry> failures;
    std::vector<uint32_t> failureSlots;
    uint64_t messages = 0;
    uint64_t filtered = 0;
    std::vector<int> filteredApps;  // the app of each filtered record
    bool counted = false;           // its messages are in the stats
    void clear() {
        text.clear();
        lines.clear();
        partitions.clear();
        failures.clear();
        failureSlots.clear();
        filteredApps.clear();
        messages = filtered = 0;
        counted = false;
    }
    uint32_t slotOf(std::string_view topic, int32_t partition) {
        // A batch holds few partitions, and a partition's messages come in runs.
        for (size_t i = partitions.size(); i-- > 0;) {
            if (partitions[i].partition == partition && partitions[i].topic == topic) {
                return static_cast<uint32_t>(i);
            }
        }
        partitions.push_back({topic, partition});
        return static_cast<uint32_t>(partitions.size() - 1);
    }
};

}  // namespace mtga
