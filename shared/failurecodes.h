#pragma once

// The stage and the reason of a failure-queue entry (FailureEntry::stage and ::reason in the
// store, and the failures the console lists): closed enums with one name table each. The names
// are what the store holds today, so moving to these enums changes no stored byte.

#include <optional>
#include <string_view>

namespace mtga {

// Where an event failed.
enum class FailureStage {
    Decode,     // the message value (snappy, size limits)
    Parse,      // the envelope and its logs: JSON, headers, fields
    Route,      // the app has no settings
    Transform,  // the rules: time, identity, event id, properties
    TaCheck,    // ThinkingData's format rules rejected the line
    Sink,       // the output refused the line
};

// Why it failed.
enum class FailureReason {
    InvalidJson,
    MissingHeaders,
    MissingLogs,
    UnknownApp,
    NoIdentity,
    BadTime,
    MissingEventId,
    BadField,
    PayloadDecode,
    TooLarge,
    TaFormat,
    SinkUnavailable,  // the output was unreachable for longer than its timeout: transient
    SinkRejected,     // the output refused the line for good
};

std::string_view failureStageName(FailureStage stage);
std::string_view failureReasonName(FailureReason reason);
// nullopt for a name not in the table (an entry written by a newer worker): keep its text.
std::optional<FailureStage> parseFailureStage(std::string_view name);
std::optional<FailureReason> parseFailureReason(std::string_view name);

// Reasons that may pass by themselves: such entries are tried again on a timer with a backoff.
bool isTransient(FailureReason reason);

}  // namespace mtga
