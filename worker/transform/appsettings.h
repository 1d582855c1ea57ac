#pragma once

// AppSettings: everything the transform needs to know about one app id, compiled from its
// metadata file (how events map to TA) and its filter file (which events to drop).

#include <QString>
#include <QTimeZone>
#include "worker/transform/condition.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace mtga {

// TA's event types (#type), as TA's SDKs write them.
enum class TaType {
    Track,
    TrackUpdate,
    TrackOverwrite,
    UserSet,
    UserSetOnce,
    UserAdd,
    UserUnset,
    UserAppend,
    UserUniqAppend,
    UserDel
};
std::string_view taTypeName(TaType type);
std::optional<TaType> parseTaType(std::string_view name);

enum class TimeUnit { Auto, Seconds, Milliseconds, String };
enum class MissingTimePolicy { ProcessingTime, Fail };
enum class TaCheckMode { Reject, Warn };
enum class ValueType { String, Number, Boolean };

struct LogSettings {
    std::string eventName;  // full #event_name; empty: prefix + log_name
    TaType type = TaType::Track;
    int eventIdSlot = -1;  // track_update / track_overwrite: field giving #event_id
};

struct FilterRule {
    std::string name;  // what drops are counted under
    Condition condition;
};

struct AppSettings {
    int appId = 0;
    QString metadataFile;
    QString filterFile;  // empty when the app has none

    // Event name and type.
    std::string eventPrefix = "t_";
    std::unordered_map<std::string, LogSettings> logs;  // by headers.log_name

    // Fields looked up in `logs` for every event; conditions and identity refer to these slots.
    std::vector<std::string> lookupFields;
    int accountIdSlot = -1;
    int distinctIdSlot = -1;
    int ipSlot = -1;

    // #time
    int timeSlot = -1;
    TimeUnit timeUnit = TimeUnit::Auto;
    QTimeZone timeZone;
    bool timeMilliseconds = true;
    MissingTimePolicy whenTimeMissing = MissingTimePolicy::ProcessingTime;

    bool uuid = true;

    // Property rules; when none is set, `logs` is copied raw.
    std::unordered_map<std::string, std::string> rename;
    std::unordered_set<std::string> drop;
    std::unordered_set<std::string> keepOnly;
    std::unordered_map<std::string, ValueType> convert;
    bool hasPropertyRules() const {
        return !rename.empty() || !drop.empty() || !keepOnly.empty() || !convert.empty();
    }

    TaCheckMode taCheck = TaCheckMode::Reject;

    // Filters.
    std::unordered_set<std::string> allowLogNames;  // empty: every log name
    std::unordered_set<std::string> denyLogNames;
    std::vector<FilterRule> rules;

    // Slot of a lookup field, adding it when new.
    int slotOf(const std::string& field);
};

}  // namespace mtga
