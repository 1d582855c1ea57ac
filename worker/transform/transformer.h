#pragma once

// Transformer: one Kafka message value in, TA event lines (or filter drops, or failures with
// their reasons) out. Not thread-safe: each worker thread owns one, all share the settings.
// Nothing throws out of transform(), whatever the bytes.
//
// The passes live in classes of their own (EnvelopeReader, LogsReader, LineWriter); their
// headers carry simdjson, whose types depend on the AVX2 flags, so this header keeps them out
// of the translation units that are built without those flags.

#include "worker/codec/payloaddecoder.h"
#include "worker/transform/eventidentity.h"
#include "worker/transform/outcome.h"
#include "worker/transform/settingsset.h"

#include <memory>
#include <string>
#include <string_view>

namespace mtga {

class EnvelopeReader;
class LineWriter;
class LogsReader;
struct RecordContext;

struct TransformerOptions {
    PayloadCodec payloadCodec = PayloadCodec::Auto;
    size_t maxRecordBytes = 1024 * 1024;  // one JSON record; larger ones fail with too_large
};

class Transformer {
public:
    Transformer(std::shared_ptr<const SettingsSet> settings, TransformerOptions options = {});
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;

    // Takes effect from the next message (reload).
    void setSettings(std::shared_ptr<const SettingsSet> settings);
    const std::shared_ptr<const SettingsSet>& settings() const { return m_settings; }

    // Appends the outcome of every record of `value` to `out` (which the caller clears and
    // reuses). `processingTimeMs` stands in for #time when an app says so.
    void transform(const SourceRef& source, std::string_view value, int64_t processingTimeMs,
                   TransformOutput& out);

    const TransformCounters& counters() const { return m_counters; }

private:
    void transformRecord(RecordContext& context, std::string_view record);

    std::shared_ptr<const SettingsSet> m_settings;
    TransformerOptions m_options;
    PayloadDecoder m_decoder;
    std::string m_decodeScratch;
    std::string m_padded;  // the record, copied with simdjson's padding; both passes read it
    std::unique_ptr<EnvelopeReader> m_envelope;
    std::unique_ptr<LogsReader> m_logs;
    std::unique_ptr<LineWriter> m_lineWriter;
    TransformCounters m_counters;
};

}  // namespace mtga
