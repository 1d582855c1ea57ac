#pragma once

// What the failure browser and the clear dialog share: how long the worker's failure-queue jobs
// (retry, export, clear) may take; with a million entries that is minutes.

#include <chrono>

namespace mtga::gui {

inline constexpr std::chrono::milliseconds kFailureJobTimeout{600'000};

}  // namespace mtga::gui
