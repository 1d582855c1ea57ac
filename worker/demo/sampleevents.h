#pragma once

// SampleEventGenerator: Kafka message values shaped like the original service's input
// (shared/samples/log_item.input.json), deterministic for a seed and an index, so tests can
// regenerate any event to check what came out of Kafka or out of the pipeline.

#include <cstdint>
#include <string>
#include <vector>

namespace mtga {

struct SampleEvent {
    std::string key;    // the role id, as producers of game logs key their messages
    std::string value;  // {"headers":{...},"logs":{...}}
    int appId = 0;
    std::string logName;
    bool invalid = false;  // deliberately broken JSON (see setInvalidPerMille)
};

class SampleEventGenerator {
public:
    static constexpr int64_t kBaseTime = 1608184243;  // mtime of the original sample

    explicit SampleEventGenerator(uint64_t seed, std::vector<int> appIds = {24});

    // The same (seed, app ids, index) always gives the same event.
    SampleEvent event(uint64_t index) const;

    // Makes about this many events in a thousand invalid JSON (cut short), to show and test the
    // failure queue. Which ones is deterministic too.
    void setInvalidPerMille(int perMille) { m_invalidPerMille = perMille; }

    static const std::vector<std::string>& logNames();

private:
    uint64_t m_seed;
    std::vector<int> m_appIds;
    int m_invalidPerMille = 0;
};

}  // namespace mtga
