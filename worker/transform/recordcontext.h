#pragma once

// RecordContext: one record on its way through the transform: where it came from, what the
// passes have found out so far, and where its outcome and counts go. Lives for one record.

#include "worker/transform/appsettings.h"
#include "worker/transform/eventidentity.h"
#include "worker/transform/outcome.h"

#include <string>
#include <string_view>

namespace mtga {

struct RecordContext {
    RecordContext(const SourceRef& from, int64_t now, TransformOutput& output,
                  TransformCounters& counts)
        : source(from), processingTimeMs(now), out(output), counters(counts) {}

    // Ends the record as a failure (counted and added to the output).
    void fail(FailureCode code, FailureStage stage, std::string message, std::string field = {});
    // Ends the record as dropped by `rule`.
    void filter(std::string rule);
    // A line breaks one of TA's rules: counted, and under ta_check: reject the record fails
    // (false); under warn it goes on with the first rule broken noted (true).
    bool taViolation(const char* rule, std::string message, std::string field);

    const SourceRef& source;
    int64_t processingTimeMs;
    TransformOutput& out;
    TransformCounters& counters;
    RecordOutcome outcome;
    const AppSettings* app = nullptr;  // once routed
    std::string_view logsRaw;          // `logs` as it stands in the record
    bool logsRead = false;             // read in the envelope's pass (headers came first)
};

}  // namespace mtga
