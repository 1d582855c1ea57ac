#pragma once

// OffsetResetPlanner: where an offset reset takes each partition, and what that means (lag after,
// messages skipped or replayed, clamped to the log or refused), from where the partitions stand.
// No Kafka, no locks: the pipeline gathers the states (OffsetResetPlanner::State) and applies the
// rows; a dry run and the reset itself compute the rows here, the same way.

#include "shared/result.h"
#include "shared/values/offsetresetreply.h"
#include "shared/values/offsetresetrequest.h"
#include "worker/kafka/topicpartition.h"

#include <QCoreApplication>

#include <map>
#include <vector>

namespace mtga {

class OffsetResetPlanner {
    Q_DECLARE_TR_FUNCTIONS(OffsetResetPlanner)

public:
    struct State {
        TopicPartition partition;
        bool owned = false;
        int64_t current = -1;  // the next offset to process; -1: not known yet
        int64_t checkpointed = -1;
        int64_t low = -1;  // -1: the cluster did not say
        int64_t high = -1;
        // Datetime and duration: the first offset at or after the time; -1: no message is.
        int64_t atTime = -1;
        bool atTimeKnown = false;
    };

    // The partitions `request` covers, given those the worker owns (ascending): every owned one,
    // or those of the named topics, or the named partitions (owned or not: a row says why not).
    // not_owned when a named topic has no owned partition at all.
    static Result<std::vector<TopicPartition>> scope(const OffsetResetRequest& request,
                                                     const std::vector<TopicPartition>& owned);
    // One row per state, in order.
    static std::vector<ResetRow> plan(const OffsetResetRequest& request,
                                      const std::vector<State>& states);
    // Whether the target needs offsets-for-times, and the time it asks for (ms since the epoch).
    static bool needsTimeLookup(const OffsetResetRequest& request);
    static int64_t lookupTimeMs(const OffsetResetRequest& request, int64_t nowMs);
    // The first refused row's reason as an error (nothing is applied when one is refused).
    static Result<void> checkApplicable(const std::vector<ResetRow>& rows);

private:
    static ResetRow planOne(const OffsetResetRequest& request, const State& state,
                            const std::map<TopicPartition, int64_t>& explicitOffsets);
};

}  // namespace mtga
