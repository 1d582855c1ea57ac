#include "shared/healthstate.h"

#include "shared/nametable.h"

#include <array>

namespace mtga {
namespace {

constexpr NameTable<HealthState, 7> kStates({{
    {HealthState::Ok, "ok"},
    {HealthState::Idle, "idle"},
    {HealthState::Warn, "warn"},
    {HealthState::Stall, "stall"},
    {HealthState::Stopped, "stopped"},
    {HealthState::Rewind, "rewind"},
    {HealthState::DataLoss, "data_loss"},
}});
static_assert(kStates.isValid());
static_assert(static_cast<std::size_t>(HealthState::DataLoss) + 1 == kStates.size(),
              "a state without a name");

// By enumerator: losing events is worse than reading some twice, which is worse than not reading.
constexpr std::array<int, 7> kSeverity{0, 0, 1, 2, 3, 4, 5};

}  // namespace

std::string_view healthStateName(HealthState state) {
    return kStates.name(state);
}

QLatin1String healthStateLatin1(HealthState state) {
    return kStates.latin1Name(state);
}

std::optional<HealthState> parseHealthState(std::string_view name) {
    return kStates.parse(name);
}

std::optional<HealthState> parseHealthState(QStringView name) {
    return kStates.parse(name);
}

std::vector<HealthState> allHealthStates() {
    std::vector<HealthState> states;
    for (std::size_t i = 0; i < kStates.size(); ++i) {
        states.push_back(kStates.valueAt(i));
    }
    return states;
}

int healthSeverity(HealthState state) {
    return kSeverity[static_cast<std::size_t>(state)];
}

HealthState worseOf(HealthState a, HealthState b) {
    if (healthSeverity(b) != healthSeverity(a)) {
        return healthSeverity(b) > healthSeverity(a) ? b : a;
    }
    // ok and idle weigh the same: a worker with one busy partition is ok, not idle.
    return a == HealthState::Ok || b == HealthState::Ok ? HealthState::Ok : a;
}

}  // namespace mtga
