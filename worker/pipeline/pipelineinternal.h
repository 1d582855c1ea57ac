#pragma once

// What the pipeline's translation units share (pipeline*.cpp): not for other code.

#include "shared/result.h"

#include <QByteArray>
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
// Entries per replay, so one reload cannot stall for long.
inline constexpr size_t kMaxReplay = 200'000;
inline constexpr auto kMaxRetryDelay = std::chrono::milliseconds(5000);

int64_t nowMs();
// `earliest` is an epoch-ms time or -1 (none yet); it becomes the earlier of itself and `time`.
void keepEarliest(int64_t& earliest, int64_t time);
// The complete lines of `path` past `from` (a checkpointed length).
Result<QByteArray> completeTail(const QString& path, qint64 from);
Result<void> syncFile(const QString& path);

template <typename Function>
size_t forEachLine(const QByteArray& text, Function&& function) {
    size_t lines = 0;
    for (const QByteArray& line : text.split('\n')) {
        if (!line.isEmpty()) {
            function(std::string_view(line.constData(), static_cast<size_t>(line.size())));
            ++lines;
        }
    }
    return lines;
}

}  // namespace mtga::pipelineinternal
