#include "worker/transform/transformer.h"

#include "worker/transform/envelopereader.h"
#include "worker/transform/linewriter.h"
#include "worker/transform/logsreader.h"
#include "worker/transform/recordcontext.h"

namespace mtga {

Transformer::Transformer(std::shared_ptr<const SettingsSet> settings, TransformerOptions options)
    : m_settings(std::move(settings)),
      m_options(options),
      m_decoder(options.payloadCodec),
      m_envelope(std::make_unique<EnvelopeReader>()),
      m_logs(std::make_unique<LogsReader>()),
      m_lineWriter(std::make_unique<LineWriter>()) {}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

void Transformer::setSettings(std::shared_ptr<const SettingsSet> settings) {
    m_settings = std::move(settings);
    m_lineWriter->reset();
}

void Transformer::transform(const SourceRef& source, std::string_view value,
                            int64_t processingTimeMs, TransformOutput& out) {
    auto records = m_decoder.decode(value, m_decodeScratch);
    if (!records) {
        RecordContext context(source, processingTimeMs, out, m_counters);
        const ErrorCode error = records.error().code;
        const FailureCode code = error == ErrorCode::TooLarge      ? FailureCode::TooLarge
                                 : error == ErrorCode::InvalidJson ? FailureCode::InvalidJson
                                                                   : FailureCode::PayloadDecode;
        context.fail(code, FailureStage::Decode, records.error().message.toStdString());
        return;
    }
    uint32_t index = 0;
    for (const std::string_view record : records.value()) {
        RecordContext context(source, processingTimeMs, out, m_counters);
        context.outcome.index = index++;
        transformRecord(context, record);
    }
}

void Transformer::transformRecord(RecordContext& context, std::string_view record) {
    if (record.size() > m_options.maxRecordBytes) {
        context.fail(FailureCode::TooLarge, FailureStage::Decode,
                     "record of " + std::to_string(record.size()) + " bytes exceeds the limit of " +
                         std::to_string(m_options.maxRecordBytes));
        return;
    }
    m_padded.reserve(record.size() + simdjson::SIMDJSON_PADDING);
    m_padded.assign(record);
    if (!m_envelope->read(context, m_padded, m_settings.get(), *m_logs) ||
        (!context.logsRead && !m_logs->readSeparately(context, m_padded))) {
        return;
    }
    const AppSettings& app = *context.app;
    for (const FilterRule& rule : app.rules) {
        if (rule.condition.matches(m_logs->fields())) {
            context.filter(rule.name);
            return;
        }
    }
    const std::string_view properties =
        app.hasPropertyRules() ? std::string_view(m_logs->properties()) : context.logsRaw;
    if (m_lineWriter->write(context, m_logs->fields(), properties)) {
        ++m_counters.ok;
        context.out.outcomes.push_back(std::move(context.outcome));
    }
}

}  // namespace mtga
