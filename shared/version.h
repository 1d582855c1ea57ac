#pragma once

// The mtga release and the control-protocol version, in one place for every binary.

namespace mtga {

inline constexpr const char* kVersion = MTGA_VERSION_STRING;

}  // namespace mtga
