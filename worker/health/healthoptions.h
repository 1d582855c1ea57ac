#pragma once

// HealthOptions: how the worker judges its partitions (the `health` section of the
// configuration; docs/configuration.md). These initialisers are the configuration's defaults.

#include <chrono>

namespace mtga {

struct HealthOptions {
    // How often each partition's Low, High and position are sampled.
    std::chrono::milliseconds sampleInterval{5'000};
    // Samples that `warn` and `idle` look at; a data loss or a rewind stays this long.
    int window = 12;
    // Data waits and the position has not moved for this long: stall, then stopped.
    std::chrono::milliseconds stallAfter{60'000};
    std::chrono::milliseconds stoppedAfter{300'000};
};

}  // namespace mtga
