#pragma once

// What the pipeline's translation units share (pipeline*.cpp): not for other code.

#include <QLoggingCategory>
#include <QString>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

Q_DECLARE_LOGGING_CATEGORY(lcPipeline)

namespace mtga::pipelineinternal {

inline constexpr const char* kRecoveryIdentitiesKey = "recovery.identities";
// Set (synced) before replayed lines are written, cleared by the checkpoint that removes their
// entries: a crash in between is the only case in which a start must replay the queue again.
inline constexpr const char* kReplayPendingKey = "replay.pending";
inline constexpr size_t kMaxBatchMessages = 2000;
inline constexpr auto kMaxRetryDelay = std::chrono::milliseconds(5000);

int64_t nowMs();
// Milliseconds of the steady clock, for durations only.
int64_t steadyMs();

}  // namespace mtga::pipelineinternal
