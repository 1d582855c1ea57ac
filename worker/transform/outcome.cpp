#include "worker/transform/outcome.h"

namespace mtga {
namespace {

constexpr std::array<std::string_view, kFailureCodeCount> kFailureCodeNames{
    "invalid_json",   "missing_headers", "missing_logs",     "unknown_app",
    "no_identity",    "bad_time",        "missing_event_id", "bad_field",
    "payload_decode", "too_large",       "ta_format"};

}  // namespace

std::string_view failureCodeName(FailureCode code) {
    return kFailureCodeNames[static_cast<size_t>(code)];
}

}  // namespace mtga
