#pragma once

// The result of transforming one Kafka message: for each record in it, a TA line, a filter
// drop with its rule, or a failure with what an operator needs to act on it.

#include "shared/failurecodes.h"

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mtga {

// The transform's failure reasons are the failure queue's (shared/failurecodes.h), one name table
// for both; the transform reports the first kFailureCodeCount of them, the sinks the rest.
using FailureCode = FailureReason;
inline constexpr size_t kFailureCodeCount = static_cast<size_t>(FailureReason::TaFormat) + 1;
inline std::string_view failureCodeName(FailureCode code) {
    return failureReasonName(code);
}

enum class OutcomeKind { Ok, Filtered, Failed };

struct RecordOutcome {
    OutcomeKind kind = OutcomeKind::Ok;
    uint32_t index = 0;  // record index within the message (snappy payloads hold several)
    int appId = -1;      // -1 while unknown
    std::string logName;
    size_t lineBegin = 0;  // Ok: the line (with its '\n') is text[lineBegin, lineEnd)
    size_t lineEnd = 0;
    std::string rule;  // Filtered: the rule that dropped it; Ok: first TA warning, if any
    // Failed:
    FailureCode code = FailureCode::InvalidJson;
    FailureStage stage = FailureStage::Decode;  // any but Sink
    std::string message;                        // English, for logs and the failure queue
    std::string field;                          // the offending field, when there is one
};

struct TransformOutput {
    std::string text;  // the TA lines of every Ok record, each ending in '\n'
    std::vector<RecordOutcome> outcomes;
    void clear() {
        text.clear();
        outcomes.clear();
    }
};

// Counts since the transformer was made, by outcome and by rule.
struct TransformCounters {
    uint64_t ok = 0;
    uint64_t filtered = 0;
    uint64_t failed = 0;
    std::map<std::string, uint64_t> filteredByRule;
    std::array<uint64_t, kFailureCodeCount> failedByCode{};
    std::map<std::string, uint64_t> taWarningsByRule;  // ta_check: warn
    std::map<std::string, uint64_t> taRejectsByRule;   // ta_check: reject
};

}  // namespace mtga
