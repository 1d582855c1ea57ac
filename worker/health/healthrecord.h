#pragma once

// HealthSample and HealthRecord: what the health monitor keeps of one partition: its recent
// samples, its state and since when, and its last state changes. Records are kept in the store
// (one value per partition), so a restarted worker goes on with its history.

#include "shared/healthstate.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace mtga {

struct HealthSample {
    int64_t timeMs = 0;  // epoch ms
    int64_t low = -1;    // -1: unknown
    int64_t high = -1;
    int64_t position = -1;      // the next offset to process, as the pipeline has it (not clamped)
    int64_t checkpointed = -1;  // durable then; -1 before the first checkpoint
    int64_t read = -1;          // one past the last offset taken from Kafka; -1: none yet
    int64_t lost = 0;           // events deleted before they were read, found since the last
    int64_t resetSerial = 0;    // the newest offset reset's id: a move with a new one is a reset
    bool logWentBack = false;   // the log no longer reaches the position: reading stopped

    // -1 while High or the position is unknown.
    int64_t lag() const;
    // What a restart would not have to read again: the checkpoint (the position before the
    // first one). The worker stalls when this stays while data waits, whether the data waits in
    // Kafka or in an output that does not take it.
    int64_t durable() const { return checkpointed >= 0 ? checkpointed : position; }
    // High minus durable(), never negative; -1 while either is unknown.
    int64_t waiting() const;
    bool operator==(const HealthSample&) const = default;
};

struct HealthTransition {
    int64_t atMs = 0;
    HealthState from = HealthState::Ok;
    HealthState to = HealthState::Ok;
    int64_t lag = -1;
    int64_t lost = 0;  // for data_loss: how many events
    bool operator==(const HealthTransition&) const = default;
};

struct HealthRecord {
    static constexpr size_t kKeptTransitions = 50;

    std::deque<HealthSample> samples;  // oldest first
    HealthState state = HealthState::Ok;
    int64_t sinceMs = 0;       // when `state` began
    int64_t stuckSinceMs = 0;  // data waits and the position stays since then; 0: it does not
    int64_t lost = 0;          // events lost, as the last evaluation counted them
    std::deque<HealthTransition> transitions;  // oldest first

    // Compact JSON; decode gives nullopt for a value that is not a record.
    std::string encode() const;
    static std::optional<HealthRecord> decode(std::string_view value);
    bool operator==(const HealthRecord&) const = default;
};

}  // namespace mtga
