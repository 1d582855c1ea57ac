#pragma once

// HealthState: the worker's judgement of one partition (and, as the worst of them, of the
// worker), as `offsets`, `status`, the `stats` events, alerts and metrics say it. The names are
// an API (the wire, the store, Prometheus' label values), so they never change.

#include <QLatin1String>
#include <QStringView>

#include <optional>
#include <string_view>
#include <vector>

namespace mtga {

enum class HealthState {
    Ok,        // the worker keeps up
    Idle,      // no new data and nothing to do
    Warn,      // the lag grew over the whole window while the worker moved
    Stall,     // data waits and the worker's position has not moved
    Stopped,   // data waits and the position has not moved for long: not consumed at all
    Rewind,    // the position (or the log) went back behind a checkpoint without a reset
    DataLoss,  // Low passed the position: retention deleted events before they were read
};

std::string_view healthStateName(HealthState state);
QLatin1String healthStateLatin1(HealthState state);
std::optional<HealthState> parseHealthState(std::string_view name);
// The same, for a name as received (a value's QString): no conversion.
std::optional<HealthState> parseHealthState(QStringView name);
// Every state, from ok to data_loss (the order of the enum): for lists offered to people.
std::vector<HealthState> allHealthStates();

// How bad a state is: 0 for ok and idle, higher is worse; the worker's state is the worst.
int healthSeverity(HealthState state);
HealthState worseOf(HealthState a, HealthState b);
// The states alerts are raised for (and resolved when left).
inline bool isBadHealth(HealthState state) {
    return healthSeverity(state) > 0;
}

}  // namespace mtga
