#pragma once

// LineWriter: the TA line of an event that passed the filters: its identity, #event_name, #ip,
// #time (in the app's zone), #type, #uuid (EventIdentity), #event_id and properties, appended
// to the output. It owns a ZoneClock per app so that no event pays a time-zone lookup.

#include "worker/transform/condition.h"
#include "worker/transform/recordcontext.h"
#include "worker/transform/zoneclock.h"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mtga {

class LineWriter {
public:
    // Appends the line to context.out.text and makes it the record's outcome; false when the
    // record fails instead (recorded in the context). `fields` are the looked-up fields by
    // slot; `properties` what the line takes as properties.
    bool write(RecordContext& context, const std::vector<FieldValue>& fields,
               std::string_view properties);

    // Forgets the clocks (new settings may name other zones).
    void reset() { m_clocks.clear(); }

private:
    // #time in epoch milliseconds; nullopt when the record fails.
    std::optional<int64_t> eventTime(RecordContext& context, const std::vector<FieldValue>& fields);
    ZoneClock& clockFor(const AppSettings& app);

    std::unordered_map<int, ZoneClock> m_clocks;
};

}  // namespace mtga
