#include "worker/transform/recordcontext.h"

namespace mtga {

void RecordContext::fail(FailureCode code, FailureStage stage, std::string message,
                         std::string field) {
    outcome.kind = OutcomeKind::Failed;
    outcome.code = code;
    outcome.stage = stage;
    outcome.message = std::move(message);
    outcome.field = std::move(field);
    ++counters.failed;
    ++counters.failedByCode[static_cast<size_t>(code)];
    out.outcomes.push_back(std::move(outcome));
}

void RecordContext::filter(std::string rule) {
    outcome.kind = OutcomeKind::Filtered;
    ++counters.filtered;
    ++counters.filteredByRule[rule];
    outcome.rule = std::move(rule);
    out.outcomes.push_back(std::move(outcome));
}

bool RecordContext::taViolation(const char* rule, std::string message, std::string field) {
    if (app->taCheck == TaCheckMode::Warn) {
        ++counters.taWarningsByRule[rule];
        if (outcome.rule.empty()) {
            outcome.rule = rule;
        }
        return true;
    }
    ++counters.taRejectsByRule[rule];
    fail(FailureCode::TaFormat, FailureStage::TaCheck, std::string(rule) + ": " + message,
         std::move(field));
    return false;
}

}  // namespace mtga
