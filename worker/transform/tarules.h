#pragma once

// TA's own format rules, as its SDKs enforce them before sending: property and event names,
// #type values, #uuid and #time shapes.

#include <string_view>

namespace mtga::tarules {

// Property names: ^[a-zA-Z#][A-Za-z0-9_]{0,49}$
bool isPropertyName(std::string_view name);
// Event names: ^[a-zA-Z][A-Za-z0-9_]{0,49}$
bool isEventName(std::string_view name);
bool isType(std::string_view type);
// Canonical 8-4-4-4-12 lowercase or uppercase hex.
bool isCanonicalUuid(std::string_view uuid);
// "yyyy-MM-dd HH:mm:ss" with an optional ".SSS", a valid calendar date and clock time.
bool isTime(std::string_view time);

}  // namespace mtga::tarules
