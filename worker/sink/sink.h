#pragma once

// Sink: where TA lines go, as the pipeline sees it. A line is acknowledged (its offset may be
// checkpointed) only once prepareCheckpoint() says it is durable in the sink, or the sink
// refused it and it became a failure-queue entry in that same checkpoint.

#include "shared/failurecodes.h"
#include "shared/result.h"

#include <QString>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mtga {

// Where a line came from: the failure queue's key if the sink refuses it.
struct LineOrigin {
    std::string_view topic;  // valid during write() only
    int32_t partition = 0;
    int64_t offset = 0;
    uint32_t index = 0;
};

// A line the sink refused, with why. Transient reasons may pass by themselves (the output was
// unreachable for longer than its timeout), so they are tried again with a backoff.
struct SinkRejection {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    uint32_t index = 0;
    int appId = -1;
    std::string line;
    FailureReason reason = FailureReason::SinkRejected;  // or SinkUnavailable (transient)
    std::string message;
    bool transient = false;
};

// Calls `function` with each non-empty line of `text` (without its '\n'); returns how many.
template <typename Function>
size_t forEachLine(std::string_view text, Function&& function) {
    size_t lines = 0;
    while (!text.empty()) {
        const size_t end = std::min(text.find('\n'), text.size());
        if (end > 0) {
            function(text.substr(0, end));
            ++lines;
        }
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return lines;
}

// An output file and the length a checkpoint records for it: LogBus may have read up to there.
struct OpenFile {
    QString path;
    qint64 length = 0;  // committed: written and, with fsync, on disk
};

struct SinkCheckpoint {
    std::vector<OpenFile> files;
    std::vector<SinkRejection> rejected;
    // Files closed for good since the last checkpoint, complete and synced: no recovery needs
    // their records any more.
    std::vector<QString> closed;
};

// What a sink found in its outputs past their checkpointed lengths (readTails).
struct SinkTails {
    // Each output with lines past its checkpoint, at its full length: a checkpoint records it
    // with the lines' identities (the sink may never open that output again).
    std::vector<OpenFile> outputs;
    size_t lines = 0;
    size_t shortOutputs = 0;  // shorter than checkpointed: something else cut them (logged)
};

class Sink {
public:
    virtual ~Sink() = default;

    // Whether write() needs the lines' origins (building them costs the hot path).
    virtual bool wantsOrigins() const = 0;
    // Takes complete lines (each ending in '\n') of one app; `origins` has one entry per line
    // when wantsOrigins(), else it may be empty. Returns how many bytes it took: all of them, or,
    // when the output is slow, a prefix of whole lines (the caller offers the rest again later).
    // An error means none of the lines was taken and the same lines may be written again later.
    // Never waits long: the caller holds the pipeline's state lock.
    virtual Result<size_t> write(int appId, std::string_view lines,
                                 std::span<const LineOrigin> origins) = 0;
    // Makes everything written so far durable, or refused: what a checkpoint records. An error
    // means the checkpoint must wait (nothing is lost; it is tried again later). An output that
    // waits for confirmations waits until `deadline` at most (a revoke has the group's limit).
    virtual Result<SinkCheckpoint> prepareCheckpointBy(
        std::chrono::steady_clock::time_point deadline) = 0;
    // The same, waiting as long as the output's own limits allow.
    Result<SinkCheckpoint> prepareCheckpoint() {
        return prepareCheckpointBy(std::chrono::steady_clock::time_point::max());
    }
    // Reports every complete line its outputs hold past `checkpointed` (outputs and their
    // checkpointed lengths) to `line`: events written that no checkpoint covers. `atStart`: the
    // worker crashed, nothing is open: a torn last fragment is cut, and each tail is made
    // durable before its length is reported. A sink that keeps nothing it could read back (the
    // Kafka sink) reports nothing.
    virtual Result<SinkTails> readTails(std::span<const OpenFile> checkpointed, bool atStart,
                                        const std::function<void(std::string_view line)>& line) {
        (void)checkpointed;
        (void)atStart;
        (void)line;
        return SinkTails{};
    }
    // Releases outputs nothing went to for a while; returns what was closed, for the log.
    virtual std::vector<QString> closeIdle() = 0;
    // The pipeline is stopping: a write() waiting for room gives up (and fails).
    virtual void abandon() {}
    // Every partition the taken lines came from went to another worker before they could be
    // written (a revoke that timed out during an outage): lines taken but not written yet are
    // dropped, so none of them reaches the output from now on. Returns the dropped lines.
    virtual std::string discardUnwritten() { return {}; }
};

}  // namespace mtga
