#include "shared/failurecodes.h"

#include "shared/nametable.h"

namespace mtga {
namespace {

constexpr NameTable<FailureStage, 6> kStages({{
    {FailureStage::Decode, "decode"},
    {FailureStage::Parse, "parse"},
    {FailureStage::Route, "route"},
    {FailureStage::Transform, "transform"},
    {FailureStage::TaCheck, "ta_check"},
    {FailureStage::Sink, "sink"},
}});
static_assert(kStages.isValid());
static_assert(static_cast<std::size_t>(FailureStage::Sink) + 1 == kStages.size(),
              "a stage without a name");

using R = FailureReason;
constexpr NameTable<FailureReason, 13> kReasons({{
    {R::InvalidJson, "invalid_json"},
    {R::MissingHeaders, "missing_headers"},
    {R::MissingLogs, "missing_logs"},
    {R::UnknownApp, "unknown_app"},
    {R::NoIdentity, "no_identity"},
    {R::BadTime, "bad_time"},
    {R::MissingEventId, "missing_event_id"},
    {R::BadField, "bad_field"},
    {R::PayloadDecode, "payload_decode"},
    {R::TooLarge, "too_large"},
    {R::TaFormat, "ta_format"},
    {R::SinkUnavailable, "sink_unavailable"},
    {R::SinkRejected, "sink_rejected"},
}});
static_assert(kReasons.isValid());
static_assert(static_cast<std::size_t>(R::SinkRejected) + 1 == kReasons.size(),
              "a reason without a name");

}  // namespace

std::string_view failureStageName(FailureStage stage) {
    return kStages.name(stage);
}

std::string_view failureReasonName(FailureReason reason) {
    return kReasons.name(reason);
}

std::optional<FailureStage> parseFailureStage(std::string_view name) {
    return kStages.parse(name);
}

std::optional<FailureReason> parseFailureReason(std::string_view name) {
    return kReasons.parse(name);
}

bool isTransient(FailureReason reason) {
    return reason == FailureReason::SinkUnavailable;
}

}  // namespace mtga
