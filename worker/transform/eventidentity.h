#pragma once

// EventIdentity: the one definition of what identifies an event in the output, used by the
// transform when it writes a line and by crash recovery when it reads one back. An event is its
// #uuid, which the transform derives from where the message came from, so a message consumed
// again carries the same one; with uuids off (an app's "uuid": false) it is a hash of its line.

#include <cstdint>
#include <string>
#include <string_view>

namespace mtga {

// Where a message came from; it makes #uuid deterministic.
struct SourceRef {
    std::string_view topic;
    int32_t partition = -1;
    int64_t offset = -1;
};

class EventIdentity {
public:
    EventIdentity() = delete;

    // Appends the member `,"#uuid":"…"` for record `index` of the message at `source`: an
    // XXH3-128 of (topic, partition, offset, index) as a version-8 UUID (RFC 9562).
    static void appendUuid(std::string& line, const SourceRef& source, uint32_t index);

    // The identity of a written line: "u" and the value of its top-level "#uuid", or, for a
    // line without one, "h" and a hash of the line without its line break. Only the line's own
    // "#uuid" counts, never one inside properties. The form is stored with checkpoints
    // (recovery.identities), so it must not change.
    static std::string ofLine(std::string_view line);
};

}  // namespace mtga
