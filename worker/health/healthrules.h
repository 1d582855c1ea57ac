#pragma once

// HealthRules: the judgement of a partition from its recent samples, in the spirit of Burrow's
// rules but from High watermarks, so that an idle topic is not mistaken for a stopped worker
// (docs/operations.md, "Health"). Like Burrow's, the rules follow what is durable (the
// checkpoint): an output that takes nothing stalls the worker even while it still processes
// into its buffer. Worst first: data_loss (Low passed the position), rewind (the position went
// back behind a checkpoint without a reset, or the log went back), stopped and stall (data
// waits and the checkpoint has not moved for stopped_after / stall_after), warn (what waits grew
// over the whole window while the checkpoint moved), idle (High did not move over the window and
// nothing waits), else ok. Pure: the unit tests script histories through it.

#include "worker/health/healthoptions.h"
#include "worker/health/healthrecord.h"

#include <cstdint>
#include <deque>
#include <optional>

namespace mtga {

// Messages per second over the last minute of samples.
struct HealthRates {
    double consume = 0;  // the position's advance
    double produce = 0;  // High's advance
    bool known = false;  // two samples within the minute at least
};

class HealthRules {
public:
    static constexpr int64_t kRateWindowMs = 60'000;

    explicit HealthRules(HealthOptions options) : m_options(options) {}

    // Adds `sample` to `record` and judges the partition again; returns the state change. A
    // sample without High or a position is left out.
    std::optional<HealthTransition> update(HealthRecord& record, const HealthSample& sample) const;
    // The state of `record` as its samples are now; `lost` gets how many events were lost.
    HealthState judge(const HealthRecord& record, int64_t* lost) const;
    // How many samples a record keeps: the window, and a minute for the rates.
    size_t keptSamples() const;

    static HealthRates rates(const std::deque<HealthSample>& samples);
    // Seconds to catch up with `lag` at `rates`: 0 when there is no lag, nullopt when the
    // worker falls behind (or the rates are not known yet).
    static std::optional<int64_t> etaSeconds(int64_t lag, const HealthRates& rates);

private:
    // The newest `window` samples (fewer while the record is young).
    std::deque<HealthSample>::const_iterator windowStart(const HealthRecord& record) const;
    bool rewound(const HealthRecord& record) const;
    bool lagGrew(const HealthRecord& record) const;
    bool highStill(const HealthRecord& record) const;

    HealthOptions m_options;
};

}  // namespace mtga
