#include "worker/transform/envelopereader.h"

#include "worker/transform/jsontext.h"
#include "worker/transform/logsreader.h"
#include "worker/transform/settingsset.h"

#include <charconv>

namespace mtga {
namespace ondemand = simdjson::ondemand;

bool EnvelopeReader::read(RecordContext& context, const std::string& record,
                          const SettingsSet* settings, LogsReader& logs) {
    const simdjson::padded_string_view json(record.data(), record.size(), record.capacity());
    ondemand::document document;
    ondemand::object root;
    if (auto error = m_parser.iterate(json).get(document); error) {
        context.fail(FailureCode::InvalidJson, FailureStage::Parse, simdjson::error_message(error));
        return false;
    }
    if (auto error = document.get_object().get(root); error) {
        context.fail(
            FailureCode::InvalidJson, FailureStage::Parse,
            std::string("the message is not a JSON object: ") + simdjson::error_message(error));
        return false;
    }
    bool haveHeaders = false;
    bool haveAppId = false;
    for (auto field : root) {
        ondemand::raw_json_string key;
        if (auto error = field.key().get(key); error) {
            context.fail(FailureCode::InvalidJson, FailureStage::Parse,
                         simdjson::error_message(error));
            return false;
        }
        if (key == "headers") {
            ondemand::object headers;
            if (haveHeaders || field.value().get_object().get(headers) != simdjson::SUCCESS) {
                context.fail(
                    FailureCode::MissingHeaders, FailureStage::Parse,
                    haveHeaders ? "\"headers\" appears twice" : "\"headers\" is not an object",
                    "headers");
                return false;
            }
            haveHeaders = true;
            // Routing now lets `logs` be read in this same pass when it comes next, as it does
            // in every message the original producers write.
            if (!readHeaders(context, headers, haveAppId) ||
                !route(context, settings, haveHeaders, haveAppId)) {
                return false;
            }
        } else if (key == "logs") {
            if (!readLogsMember(context, field.value(), document, record, logs)) {
                return false;
            }
        }
    }
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
        context.fail(FailureCode::InvalidJson, FailureStage::Parse,
                     "trailing content after the JSON object");
        return false;
    }
    if (!context.app && !route(context, settings, haveHeaders, haveAppId)) {
        return false;
    }
    if (context.logsRaw.empty()) {
        context.fail(FailureCode::MissingLogs, FailureStage::Parse, "\"logs\" is missing", "logs");
        return false;
    }
    return true;
}

bool EnvelopeReader::readHeaders(RecordContext& context, ondemand::object& headers,
                                 bool& haveAppId) {
    RecordOutcome& outcome = context.outcome;
    for (auto header : headers) {
        ondemand::raw_json_string headerKey;
        if (header.key().get(headerKey) != simdjson::SUCCESS) {
            context.fail(FailureCode::InvalidJson, FailureStage::Parse, "bad key in headers");
            return false;
        }
        if (headerKey == "app_id") {
            ondemand::value value = header.value();
            int64_t appId = -1;
            std::string_view text;
            if (value.get_int64().get(appId) == simdjson::SUCCESS) {
                haveAppId = true;
            } else if (value.get_string().get(text) == simdjson::SUCCESS) {
                const auto [end, ec] =
                    std::from_chars(text.data(), text.data() + text.size(), appId);
                haveAppId = ec == std::errc() && end == text.data() + text.size();
            }
            if (!haveAppId || appId < 0 || appId > INT32_MAX) {
                context.fail(FailureCode::MissingHeaders, FailureStage::Parse,
                             "headers.app_id is not a non-negative integer", "headers.app_id");
                return false;
            }
            outcome.appId = static_cast<int>(appId);
        } else if (headerKey == "log_name") {
            std::string_view logName;
            if (header.value().get_string().get(logName) != simdjson::SUCCESS) {
                context.fail(FailureCode::MissingHeaders, FailureStage::Parse,
                             "headers.log_name is not a string", "headers.log_name");
                return false;
            }
            outcome.logName.assign(logName);
        }
    }
    return true;
}

bool EnvelopeReader::readLogsMember(RecordContext& context, ondemand::value value,
                                    ondemand::document& document, const std::string& record,
                                    LogsReader& logs) {
    const char* start = value.raw_json_token().data();
    ondemand::object object;
    if (!context.logsRaw.empty() || value.get_object().get(object) != simdjson::SUCCESS) {
        context.fail(
            FailureCode::MissingLogs, FailureStage::Parse,
            context.logsRaw.empty() ? "\"logs\" is not an object" : "\"logs\" appears twice",
            "logs");
        return false;
    }
    if (!context.app) {
        // Not routed yet: kept raw for a second pass once headers have been read.
        if (object.raw_json().get(context.logsRaw) != simdjson::SUCCESS) {
            context.fail(FailureCode::InvalidJson, FailureStage::Parse,
                         "\"logs\" is not valid JSON", "logs");
            return false;
        }
        // raw_json() runs up to the next token, whitespace included.
        context.logsRaw = jsontext::trimRight(context.logsRaw);
        return true;
    }
    if (!logs.read(context, object, record)) {
        return false;
    }
    // `logs` ends at the last '}' before the next token (a ',' or the closing '}').
    const char* next = nullptr;
    if (document.current_location().get(next) != simdjson::SUCCESS) {
        context.fail(FailureCode::InvalidJson, FailureStage::Parse, "the message is not closed");
        return false;
    }
    while (next > start && next[-1] != '}') {
        --next;
    }
    context.logsRaw = std::string_view(start, static_cast<size_t>(next - start));
    context.logsRead = true;
    return true;
}

bool EnvelopeReader::route(RecordContext& context, const SettingsSet* settings, bool haveHeaders,
                           bool haveAppId) {
    const RecordOutcome& outcome = context.outcome;
    if (!haveHeaders || !haveAppId || outcome.logName.empty()) {
        const char* missing = !haveHeaders ? "headers"
                              : !haveAppId ? "headers.app_id"
                                           : "headers.log_name";
        context.fail(FailureCode::MissingHeaders, FailureStage::Parse,
                     std::string(missing) + " is missing", missing);
        return false;
    }
    context.app = settings ? settings->app(outcome.appId) : nullptr;
    if (!context.app) {
        context.fail(FailureCode::UnknownApp, FailureStage::Route,
                     "no settings for app " + std::to_string(outcome.appId) + " (metadata." +
                         std::to_string(outcome.appId) + ".json)",
                     "headers.app_id");
        return false;
    }
    const AppSettings& app = *context.app;
    if (app.denyLogNames.count(outcome.logName) != 0) {
        context.filter("log_names.deny");
        return false;
    }
    if (!app.allowLogNames.empty() && app.allowLogNames.count(outcome.logName) == 0) {
        context.filter("log_names.allow");
        return false;
    }
    return true;
}

}  // namespace mtga
