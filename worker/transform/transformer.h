#pragma once

// Transformer: one Kafka message value in, TA event lines (or filter drops, or failures with
// their reasons) out. Not thread-safe: each worker thread owns one, all share the settings.
// Nothing throws out of transform(), whatever the bytes.

#include "worker/codec/payloaddecoder.h"
#include "worker/transform/outcome.h"
#include "worker/transform/settingsset.h"
#include "worker/transform/zoneclock.h"

#include <simdjson.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mtga {

// Where a message came from; it makes #uuid deterministic.
struct SourceRef {
    std::string_view topic;
    int32_t partition = -1;
    int64_t offset = -1;
};

struct TransformerOptions {
    PayloadCodec payloadCodec = PayloadCodec::Auto;
    size_t maxRecordBytes = 1024 * 1024;  // one JSON record; larger ones fail with too_large
};

class Transformer {
public:
    Transformer(std::shared_ptr<const SettingsSet> settings, TransformerOptions options = {});

    // Takes effect from the next message (reload).
    void setSettings(std::shared_ptr<const SettingsSet> settings);
    const std::shared_ptr<const SettingsSet>& settings() const { return m_settings; }

    // Appends the outcome of every record of `value` to `out` (which the caller clears and
    // reuses). `processingTimeMs` stands in for #time when an app says so.
    void transform(const SourceRef& source, std::string_view value, int64_t processingTimeMs,
                   TransformOutput& out);

    const TransformCounters& counters() const { return m_counters; }

private:
    struct Context;
    void transformRecord(Context& context, std::string_view record);
    bool readEnvelope(Context& context);
    bool route(Context& context, bool haveHeaders, bool haveAppId);
    // A second pass over `logs`, when it came before `headers` in the message.
    bool readLogs(Context& context);
    bool readLogsObject(Context& context, simdjson::ondemand::object& logs);
    bool writeLine(Context& context);
    void fail(Context& context, FailureCode code, std::string_view stage, std::string message,
              std::string field = {});
    bool taViolation(Context& context, const char* rule, std::string message, std::string field);
    ZoneClock& clockFor(const AppSettings& app);

    std::shared_ptr<const SettingsSet> m_settings;
    TransformerOptions m_options;
    PayloadDecoder m_decoder;
    std::string m_decodeScratch;
    std::string m_padded;  // the record, copied with simdjson's padding
    simdjson::ondemand::parser m_parser;
    simdjson::ondemand::parser m_logsParser;
    simdjson::dom::parser m_validator;  // nested values are validated whole
    std::vector<FieldValue> m_fields;
    FieldValue m_scratchField;  // the value of a field nobody looks up
    std::string m_properties;   // rewritten properties when rules apply
    std::unordered_map<int, ZoneClock> m_clocks;
    TransformCounters m_counters;
};

}  // namespace mtga
