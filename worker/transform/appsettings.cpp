#include "worker/transform/appsettings.h"

#include <algorithm>
#include <array>
#include <utility>

namespace mtga {
namespace {

constexpr std::array<std::pair<TaType, std::string_view>, 10> kTypeNames{{
    {TaType::Track, "track"},
    {TaType::TrackUpdate, "track_update"},
    {TaType::TrackOverwrite, "track_overwrite"},
    {TaType::UserSet, "user_set"},
    {TaType::UserSetOnce, "user_setOnce"},
    {TaType::UserAdd, "user_add"},
    {TaType::UserUnset, "user_unset"},
    {TaType::UserAppend, "user_append"},
    {TaType::UserUniqAppend, "user_uniq_append"},
    {TaType::UserDel, "user_del"},
}};

}  // namespace

std::string_view taTypeName(TaType type) {
    for (const auto& [value, name] : kTypeNames) {
        if (value == type) {
            return name;
        }
    }
    return "track";
}

std::optional<TaType> parseTaType(std::string_view name) {
    for (const auto& [value, typeName] : kTypeNames) {
        if (typeName == name) {
            return value;
        }
    }
    return std::nullopt;
}

int AppSettings::slotOf(const std::string& field) {
    const auto it = std::find(lookupFields.begin(), lookupFields.end(), field);
    if (it != lookupFields.end()) {
        return static_cast<int>(it - lookupFields.begin());
    }
    lookupFields.push_back(field);
    return static_cast<int>(lookupFields.size() - 1);
}

}  // namespace mtga
