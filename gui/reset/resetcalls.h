#pragma once

// What the reset and undo dialogs share: how long an applied reset may take (it answers once
// the partitions are drained and moved).

#include <chrono>

namespace mtga::gui {

inline constexpr std::chrono::milliseconds kResetApplyTimeout{120'000};

}  // namespace mtga::gui
