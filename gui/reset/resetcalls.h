#pragma once

// What the reset and undo dialogs both send: the reply's parser and how long an applied reset
// may take (it answers once the partitions are drained and moved).

#include "gui/session/typedcall.h"
#include "shared/values/offsetresetreply.h"

#include <chrono>

namespace mtga::gui {

inline constexpr std::chrono::milliseconds kResetApplyTimeout{120'000};

inline Parser<OffsetResetReply> resetReplyParser() {
    return [](const QJsonObject& json) { return OffsetResetReply::fromJson(json); };
}

}  // namespace mtga::gui
