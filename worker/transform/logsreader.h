#pragma once

// LogsReader: the pass over a record's `logs`. It checks every atom (simdjson's On-Demand skips
// values without validating them), keeps the values of the fields the app looks up (identity,
// time, filter fields: by slot, see AppSettings::lookupFields), checks each property name
// against TA's rules and, only when the app has property rules, writes the rewritten
// `properties` on the fly. Without rules the line takes `logs` raw: no DOM, no re-serialising.

#include "worker/transform/condition.h"
#include "worker/transform/recordcontext.h"

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace mtga {

class LogsReader {
public:
    // Reads `logs` within the envelope's pass; `record` is the padded record it lies in.
    bool read(RecordContext& context, simdjson::ondemand::object& logs, const std::string& record);
    // Reads context.logsRaw in a pass of its own, for `logs` that came before `headers`.
    bool readSeparately(RecordContext& context, const std::string& record);

    // The looked-up fields of the record read last, by slot.
    const std::vector<FieldValue>& fields() const { return m_fields; }
    // Its properties as rewritten by the app's rules (only when the app has any).
    const std::string& properties() const { return m_properties; }

private:
    simdjson::ondemand::parser m_parser;  // for the pass of its own
    simdjson::dom::parser m_validator;    // nested values are validated whole
    std::vector<FieldValue> m_fields;
    FieldValue m_scratchField;  // the value of a field nobody looks up
    std::string m_unescapedKey;
    std::string m_properties;
};

}  // namespace mtga
