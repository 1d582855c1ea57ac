#pragma once

// EnvelopeReader: the pass over a whole record: headers.app_id and headers.log_name, which
// app's settings apply and whether its log_names filter lets the record through, and where
// `logs` lies. When headers come first, as in every message the original producers write,
// the LogsReader reads `logs` within this same pass.

#include "worker/transform/recordcontext.h"

#include <simdjson.h>

#include <string>

namespace mtga {

class LogsReader;
class SettingsSet;

class EnvelopeReader {
public:
    // `record` holds simdjson's padding past its size. False when the record is done (failed
    // or filtered, as the context records); otherwise context.app and context.logsRaw are set.
    bool read(RecordContext& context, const std::string& record, const SettingsSet* settings,
              LogsReader& logs);

private:
    bool readHeaders(RecordContext& context, simdjson::ondemand::object& headers, bool& haveAppId);
    bool readLogsMember(RecordContext& context, simdjson::ondemand::value value,
                        simdjson::ondemand::document& document, const std::string& record,
                        LogsReader& logs);
    bool route(RecordContext& context, const SettingsSet* settings, bool haveHeaders,
               bool haveAppId);

    simdjson::ondemand::parser m_parser;
};

}  // namespace mtga
