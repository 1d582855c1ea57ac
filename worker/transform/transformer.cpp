#include "worker/transform/transformer.h"

#include "worker/transform/tarules.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace mtga {
namespace ondemand = simdjson::ondemand;

namespace {

// Deeper values are refused: common JSON parsers (Qt's, TA's) stop around here.
constexpr int kMaxNestingDepth = 100;
constexpr int64_t kMaxEpochMs = 253402300799999;  // 9999-12-31 23:59:59.999 UTC

std::string_view trimRight(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                             text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// RFC 8259 number grammar; simdjson's On-Demand does not check atoms it only skips over.
bool isJsonNumber(std::string_view text) {
    size_t i = 0;
    const auto digits = [&] {
        const size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        return i > start;
    };
    if (i < text.size() && text[i] == '-') {
        ++i;
    }
    if (i < text.size() && text[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
        // Grammatical but beyond a double (1E999): TA's and most parsers reject it.
        double value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
            return false;
        }
    }
    return i == text.size();
}

// Deepest nesting of brackets in a JSON text, strings skipped.
int nestingDepth(std::string_view json) {
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

// Bytes allowed after the first one of a TA property name: [A-Za-z0-9_].
constexpr std::array<bool, 256> kWordByte = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
        table[static_cast<size_t>(c)] =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return table;
}();

// A key of `logs`, read raw: its length up to the closing quote, whether it holds an escape,
// and whether it already is a valid TA property name. Keys are almost always plain words, which
// one table lookup per byte settles, so the name check costs nothing extra.
struct RawKey {
    size_t length = 0;
    bool escaped = false;
    bool propertyName = false;
};

RawKey scanKey(const char* body, const char* end) {
    RawKey key;
    const char* p = body;
    const bool validFirst =
        p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '#');
    if (validFirst) {
        ++p;
        while (p < end && kWordByte[static_cast<unsigned char>(*p)]) {
            ++p;
        }
        if (p < end && *p == '"') {
            key.length = static_cast<size_t>(p - body);
            key.propertyName = key.length <= 50;
            return key;
        }
    }
    while (p < end && *p != '"') {
        if (*p == '\\' && p + 1 < end) {
            key.escaped = true;
            p += 2;
        } else {
            ++p;
        }
    }
    key.length = static_cast<size_t>(p - body);
    return key;
}

// True when a raw string token (with its quotes) can be used as it is: no escapes to check and
// no raw control characters, which JSON forbids inside strings.
bool isPlainString(std::string_view token) {
    if (token.size() < 2) {
        return false;
    }
    // No early exit: the compiler turns this into a vector loop.
    bool special = false;
    for (size_t i = 1; i + 1 < token.size(); ++i) {
        const auto c = static_cast<unsigned char>(token[i]);
        special |= (c < 0x20) | (c == '\\');
    }
    return !special;
}

void appendJsonStringBody(std::string& out, std::string_view text) {
    // Most names need no escaping at all: copy them in one go.
    if (std::none_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
        })) {
        out += text;
        return;
    }
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static constexpr char kHex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += kHex[(c >> 4) & 0xf];
                    out += kHex[c & 0xf];
                } else {
                    out += c;
                }
        }
    }
}

void appendJsonString(std::string& out, std::string_view text) {
    out += '"';
    appendJsonStringBody(out, text);
    out += '"';
}

// A JSON string value of a field: strings as they are (raw, already valid JSON), numbers quoted
// digit for digit. Anything else has no string form here.
bool appendAsJsonString(std::string& out, const FieldValue& field) {
    if (field.kind == FieldValue::Kind::String) {
        if (field.text.empty()) {
            return false;
        }
        out += field.raw;
        return true;
    }
    if (field.kind == FieldValue::Kind::Number) {
        out += '"';
        out += field.raw;
        out += '"';
        return true;
    }
    return false;
}

void appendUuid(std::string& out, const SourceRef& source, uint32_t index) {
    // Name-based: the same (topic, partition, offset, index) always gives the same id, so a
    // replayed message carries the ids TA already has and TA drops the copies.
    std::array<char, 16> numbers{};
    std::memcpy(numbers.data(), &source.partition, 4);
    std::memcpy(numbers.data() + 4, &source.offset, 8);
    std::memcpy(numbers.data() + 12, &index, 4);
    const XXH128_hash_t hash = XXH3_128bits_withSeed(
        numbers.data(), 16, XXH3_64bits(source.topic.data(), source.topic.size()));
    std::array<uint8_t, 16> bytes{};
    for (int i = 0; i < 8; ++i) {
        bytes[static_cast<size_t>(i)] = static_cast<uint8_t>(hash.high64 >> (56 - 8 * i));
        bytes[static_cast<size_t>(8 + i)] = static_cast<uint8_t>(hash.low64 >> (56 - 8 * i));
    }
    bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x80);  // version 8 (RFC 9562, custom)
    bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::array<char, 38> text{};
    size_t at = 0;
    text[at++] = '"';
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text[at++] = '-';
        }
        text[at++] = kHex[bytes[i] >> 4];
        text[at++] = kHex[bytes[i] & 0xf];
    }
    text[at++] = '"';
    out.append(text.data(), at);
}

}  // namespace

struct Transformer::Context {
    Context(const SourceRef& from, int64_t now, TransformOutput& output)
        : source(from), processingTimeMs(now), out(output) {}

    const SourceRef& source;
    int64_t processingTimeMs;
    TransformOutput& out;
    RecordOutcome outcome;
    const AppSettings* app = nullptr;
    std::string_view logsRaw;
    bool logsRead = false;  // read in the envelope's pass (headers came first)
    bool failed = false;
};

Transformer::Transformer(std::shared_ptr<const SettingsSet> settings, TransformerOptions options)
    : m_settings(std::move(settings)), m_options(options), m_decoder(options.payloadCodec) {}

void Transformer::setSettings(std::shared_ptr<const SettingsSet> settings) {
    m_settings = std::move(settings);
    m_clocks.clear();
}

ZoneClock& Transformer::clockFor(const AppSettings& app) {
    auto it = m_clocks.find(app.appId);
    if (it == m_clocks.end()) {
        it = m_clocks.emplace(app.appId, ZoneClock(app.timeZone)).first;
    }
    return it->second;
}

void Transformer::transform(const SourceRef& source, std::string_view value,
                            int64_t processingTimeMs, TransformOutput& out) {
    auto records = m_decoder.decode(value, m_decodeScratch);
    if (!records) {
        Context context(source, processingTimeMs, out);
        const ErrorCode error = records.error().errorCode();
        const FailureCode code = error == ErrorCode::TooLarge      ? FailureCode::TooLarge
                                 : error == ErrorCode::InvalidJson ? FailureCode::InvalidJson
                                                                   : FailureCode::PayloadDecode;
        fail(context, code, "decode", records.error().message.toStdString());
        return;
    }
    uint32_t index = 0;
    for (const std::string_view record : records.value()) {
        Context context(source, processingTimeMs, out);
        context.outcome.index = index++;
        transformRecord(context, record);
    }
}

void Transformer::fail(Context& context, FailureCode code, std::string_view stage,
                       std::string message, std::string field) {
    RecordOutcome& outcome = context.outcome;
    outcome.kind = OutcomeKind::Failed;
    outcome.code = code;
    outcome.stage = stage;
    outcome.message = std::move(message);
    outcome.field = std::move(field);
    context.failed = true;
    ++m_counters.failed;
    ++m_counters.failedByCode[static_cast<size_t>(code)];
    context.out.outcomes.push_back(std::move(outcome));
}

// Returns false when the event must be rejected (and records the failure).
bool Transformer::taViolation(Context& context, const char* rule, std::string message,
                              std::string field) {
    if (context.app->taCheck == TaCheckMode::Warn) {
        ++m_counters.taWarningsByRule[rule];
        if (context.outcome.rule.empty()) {
            context.outcome.rule = rule;
        }
        return true;
    }
    ++m_counters.taRejectsByRule[rule];
    fail(context, FailureCode::TaFormat, "ta_check", std::string(rule) + ": " + message,
         std::move(field));
    return false;
}

void Transformer::transformRecord(Context& context, std::string_view record) {
    if (record.size() > m_options.maxRecordBytes) {
        fail(context, FailureCode::TooLarge, "decode",
             "record of " + std::to_string(record.size()) + " bytes exceeds the limit of " +
                 std::to_string(m_options.maxRecordBytes));
        return;
    }
    m_padded.reserve(record.size() + simdjson::SIMDJSON_PADDING);
    m_padded.assign(record);
    if (!readEnvelope(context) || (!context.logsRead && !readLogs(context))) {
        return;
    }
    const AppSettings& app = *context.app;
    for (const FilterRule& rule : app.rules) {
        if (rule.condition.matches(m_fields)) {
            context.outcome.kind = OutcomeKind::Filtered;
            context.outcome.rule = rule.name;
            ++m_counters.filtered;
            ++m_counters.filteredByRule[rule.name];
            context.out.outcomes.push_back(std::move(context.outcome));
            return;
        }
    }
    if (writeLine(context)) {
        ++m_counters.ok;
        context.out.outcomes.push_back(std::move(context.outcome));
    }
}

bool Transformer::route(Context& context, bool haveHeaders, bool haveAppId) {
    RecordOutcome& outcome = context.outcome;
    if (!haveHeaders || !haveAppId || outcome.logName.empty()) {
        const char* missing = !haveHeaders ? "headers"
                              : !haveAppId ? "headers.app_id"
                                           : "headers.log_name";
        fail(context, FailureCode::MissingHeaders, "parse", std::string(missing) + " is missing",
             missing);
        return false;
    }
    context.app = m_settings ? m_settings->app(outcome.appId) : nullptr;
    if (!context.app) {
        fail(context, FailureCode::UnknownApp, "route",
             "no settings for app " + std::to_string(outcome.appId) + " (metadata." +
                 std::to_string(outcome.appId) + ".json)",
             "headers.app_id");
        return false;
    }
    const AppSettings& app = *context.app;
    if (app.denyLogNames.count(outcome.logName) != 0 ||
        (!app.allowLogNames.empty() && app.allowLogNames.count(outcome.logName) == 0)) {
        outcome.kind = OutcomeKind::Filtered;
        outcome.rule =
            app.denyLogNames.count(outcome.logName) != 0 ? "log_names.deny" : "log_names.allow";
        ++m_counters.filtered;
        ++m_counters.filteredByRule[outcome.rule];
        context.out.outcomes.push_back(std::move(outcome));
        return false;
    }
    return true;
}

bool Transformer::readEnvelope(Context& context) {
    RecordOutcome& outcome = context.outcome;
    const simdjson::padded_string_view json(m_padded.data(), m_padded.size(), m_padded.capacity());
    ondemand::document document;
    ondemand::object root;
    if (auto error = m_parser.iterate(json).get(document); error) {
        fail(context, FailureCode::InvalidJson, "parse", simdjson::error_message(error));
        return false;
    }
    if (auto error = document.get_object().get(root); error) {
        fail(context, FailureCode::InvalidJson, "parse",
             std::string("the message is not a JSON object: ") + simdjson::error_message(error));
        return false;
    }
    bool haveHeaders = false;
    bool haveAppId = false;
    for (auto field : root) {
        ondemand::raw_json_string key;
        if (auto error = field.key().get(key); error) {
            fail(context, FailureCode::InvalidJson, "parse", simdjson::error_message(error));
            return false;
        }
        if (key == "headers") {
            ondemand::object headers;
            if (haveHeaders || field.value().get_object().get(headers) != simdjson::SUCCESS) {
                fail(context, FailureCode::MissingHeaders, "parse",
                     haveHeaders ? "\"headers\" appears twice" : "\"headers\" is not an object",
                     "headers");
                return false;
            }
            haveHeaders = true;
            for (auto header : headers) {
                ondemand::raw_json_string headerKey;
                if (header.key().get(headerKey) != simdjson::SUCCESS) {
                    fail(context, FailureCode::InvalidJson, "parse", "bad key in headers");
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
                        fail(context, FailureCode::MissingHeaders, "parse",
                             "headers.app_id is not a non-negative integer", "headers.app_id");
                        return false;
                    }
                    outcome.appId = static_cast<int>(appId);
                } else if (headerKey == "log_name") {
                    std::string_view logName;
                    if (header.value().get_string().get(logName) != simdjson::SUCCESS) {
                        fail(context, FailureCode::MissingHeaders, "parse",
                             "headers.log_name is not a string", "headers.log_name");
                        return false;
                    }
                    outcome.logName.assign(logName);
                }
            }
            // Routing now lets `logs` be read in this same pass when it comes next, as it does
            // in every message the original producers write.
            if (!route(context, haveHeaders, haveAppId)) {
                return false;
            }
        } else if (key == "logs") {
            ondemand::value value = field.value();
            const char* start = value.raw_json_token().data();
            ondemand::object logs;
            if (!context.logsRaw.empty() || value.get_object().get(logs) != simdjson::SUCCESS) {
                fail(context, FailureCode::MissingLogs, "parse",
                     context.logsRaw.empty() ? "\"logs\" is not an object"
                                             : "\"logs\" appears twice",
                     "logs");
                return false;
            }
            if (!context.app) {
                if (logs.raw_json().get(context.logsRaw) != simdjson::SUCCESS) {
                    fail(context, FailureCode::InvalidJson, "parse", "\"logs\" is not valid JSON",
                         "logs");
                    return false;
                }
                // raw_json() runs up to the next token, whitespace included.
                context.logsRaw = trimRight(context.logsRaw);
                continue;
            }
            if (!readLogsObject(context, logs)) {
                return false;
            }
            // `logs` ends at the last '}' before the next token (a ',' or the closing '}').
            const char* next = nullptr;
            if (document.current_location().get(next) != simdjson::SUCCESS) {
                fail(context, FailureCode::InvalidJson, "parse", "the message is not closed");
                return false;
            }
            while (next > start && next[-1] != '}') {
                --next;
            }
            context.logsRaw = std::string_view(start, static_cast<size_t>(next - start));
            context.logsRead = true;
        }
    }
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
        fail(context, FailureCode::InvalidJson, "parse", "trailing content after the JSON object");
        return false;
    }
    if (!context.app && !route(context, haveHeaders, haveAppId)) {
        return false;
    }
    if (context.logsRaw.empty()) {
        fail(context, FailureCode::MissingLogs, "parse", "\"logs\" is missing", "logs");
        return false;
    }
    return true;
}

bool Transformer::readLogs(Context& context) {
    // `logs` lies inside the padded record, so the padding after the record covers it too.
    const size_t capacity =
        static_cast<size_t>(m_padded.data() + m_padded.capacity() - context.logsRaw.data());
    const simdjson::padded_string_view json(context.logsRaw.data(), context.logsRaw.size(),
                                            capacity);
    ondemand::document document;
    ondemand::object logs;
    if (m_logsParser.iterate(json).get(document) != simdjson::SUCCESS ||
        document.get_object().get(logs) != simdjson::SUCCESS) {
        fail(context, FailureCode::InvalidJson, "parse", "\"logs\" is not valid JSON", "logs");
        return false;
    }
    if (!readLogsObject(context, logs)) {
        return false;
    }
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
        fail(context, FailureCode::InvalidJson, "parse", "\"logs\" is not valid JSON", "logs");
        return false;
    }
    return true;
}

bool Transformer::readLogsObject(Context& context, ondemand::object& logs) {
    const AppSettings& app = *context.app;
    m_fields.assign(app.lookupFields.size(), FieldValue{});
    const bool rewrite = app.hasPropertyRules();
    const bool userAdd = [&] {
        const auto it = app.logs.find(context.outcome.logName);
        return it != app.logs.end() && it->second.type == TaType::UserAdd;
    }();
    m_properties.clear();
    const char* recordEnd = m_padded.data() + m_padded.size();
    std::string unescapedKey;
    bool firstProperty = true;
    for (auto field : logs) {
        ondemand::raw_json_string rawKey;
        if (field.key().get(rawKey) != simdjson::SUCCESS) {
            fail(context, FailureCode::InvalidJson, "parse", "bad key in logs", "logs");
            return false;
        }
        const char* keyBody = rawKey.raw();
        const RawKey rawKeyInfo = scanKey(keyBody, recordEnd);
        const std::string_view escapedKey(keyBody, rawKeyInfo.length);
        std::string_view key = escapedKey;
        if (rawKeyInfo.escaped) {
            std::string_view unescaped;
            if (field.unescaped_key().get(unescaped) != simdjson::SUCCESS) {
                fail(context, FailureCode::InvalidJson, "parse", "bad escape in a key of logs",
                     "logs");
                return false;
            }
            unescapedKey.assign(unescaped);
            key = unescapedKey;
        }

        ondemand::value value = field.value();
        ondemand::json_type type;
        if (value.type().get(type) != simdjson::SUCCESS) {
            fail(context, FailureCode::InvalidJson, "parse", "invalid value in logs",
                 std::string(key));
            return false;
        }
        // Only looked-up fields keep their value; the others are checked and copied raw.
        int slot = -1;
        for (size_t i = 0; i < app.lookupFields.size(); ++i) {
            if (app.lookupFields[i] == key) {
                slot = static_cast<int>(i);
                break;
            }
        }
        FieldValue& found = slot >= 0 ? m_fields[static_cast<size_t>(slot)] : m_scratchField;
        found.text.clear();
        const bool needText = slot >= 0 || rewrite;
        switch (type) {
            case ondemand::json_type::object:
            case ondemand::json_type::array: {
                found.kind = type == ondemand::json_type::object ? FieldValue::Kind::Object
                                                                 : FieldValue::Kind::Array;
                simdjson::error_code error = simdjson::SUCCESS;
                if (type == ondemand::json_type::object) {
                    ondemand::object nested;
                    error = value.get_object().get(nested);
                    if (!error) {
                        error = nested.raw_json().get(found.raw);
                    }
                } else {
                    ondemand::array nested;
                    error = value.get_array().get(nested);
                    if (!error) {
                        error = nested.raw_json().get(found.raw);
                    }
                }
                found.raw = trimRight(found.raw);
                // Skipping does not check atoms; nested values are rare, so validate them whole.
                // They lie inside the padded record, so no copy is needed.
                simdjson::dom::element ignored;
                if (error != simdjson::SUCCESS ||
                    m_validator
                            .parse(reinterpret_cast<const uint8_t*>(found.raw.data()),
                                   found.raw.size(), false)
                            .get(ignored) != simdjson::SUCCESS) {
                    fail(context, FailureCode::InvalidJson, "parse",
                         "invalid JSON in logs." + std::string(key), std::string(key));
                    return false;
                }
                if (nestingDepth(found.raw) > kMaxNestingDepth) {
                    fail(context, FailureCode::InvalidJson, "parse",
                         "logs." + std::string(key) + " is nested deeper than " +
                             std::to_string(kMaxNestingDepth) + " levels",
                         std::string(key));
                    return false;
                }
                break;
            }
            case ondemand::json_type::string: {
                found.kind = FieldValue::Kind::String;
                found.raw = trimRight(value.raw_json_token());
                if (isPlainString(found.raw)) {
                    if (needText) {
                        found.text.assign(found.raw.substr(1, found.raw.size() - 2));
                    }
                    break;
                }
                std::string_view text;
                if (found.raw.size() < 2 || value.get_string().get(text) != simdjson::SUCCESS ||
                    std::any_of(found.raw.begin() + 1, found.raw.end() - 1,
                                [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
                    fail(context, FailureCode::InvalidJson, "parse",
                         "invalid string in logs." + std::string(key), std::string(key));
                    return false;
                }
                found.text.assign(text);
                break;
            }
            case ondemand::json_type::number:
                found.kind = FieldValue::Kind::Number;
                found.raw = trimRight(value.raw_json_token());
                if (!isJsonNumber(found.raw)) {
                    fail(context, FailureCode::InvalidJson, "parse",
                         "invalid number in logs." + std::string(key), std::string(key));
                    return false;
                }
                break;
            case ondemand::json_type::boolean:
            case ondemand::json_type::null:
                found.raw = trimRight(value.raw_json_token());
                found.kind = found.raw == "null" ? FieldValue::Kind::Null : FieldValue::Kind::Bool;
                if (found.raw != "null" && found.raw != "true" && found.raw != "false") {
                    fail(context, FailureCode::InvalidJson, "parse",
                         "invalid literal in logs." + std::string(key), std::string(key));
                    return false;
                }
                break;
        }

        // The property as it will be written: rules may drop, rename or convert it.
        if (rewrite && ((!app.keepOnly.empty() && app.keepOnly.count(std::string(key)) == 0) ||
                        app.drop.count(std::string(key)) != 0)) {
            continue;
        }
        std::string_view outputName = key;
        bool renamed = false;
        if (rewrite) {
            if (const auto it = app.rename.find(std::string(key)); it != app.rename.end()) {
                outputName = it->second;
                renamed = true;
            }
        }
        const bool validName = renamed || rawKeyInfo.escaped ? tarules::isPropertyName(outputName)
                                                             : rawKeyInfo.propertyName;
        if (!validName && !taViolation(context, "property_name",
                                       "property name \"" + std::string(outputName) +
                                           "\" does not match ^[a-zA-Z#][A-Za-z0-9_]{0,49}$",
                                       std::string(key))) {
            return false;
        }
        FieldValue::Kind outputKind = found.kind;
        std::string converted;
        if (rewrite) {
            if (const auto it = app.convert.find(std::string(key)); it != app.convert.end()) {
                bool ok = true;
                switch (it->second) {
                    case ValueType::String:
                        if (found.kind == FieldValue::Kind::String) {
                            converted.assign(found.raw);
                        } else if (found.kind == FieldValue::Kind::Null) {
                            converted = "null";
                        } else {
                            appendJsonString(converted, found.raw);
                        }
                        outputKind = FieldValue::Kind::String;
                        break;
                    case ValueType::Number:
                        if (found.kind == FieldValue::Kind::Number) {
                            converted.assign(found.raw);
                        } else if (found.kind == FieldValue::Kind::String &&
                                   isJsonNumber(found.text)) {
                            converted = found.text;
                        } else if (found.kind == FieldValue::Kind::Bool) {
                            converted = found.raw == "true" ? "1" : "0";
                        } else {
                            ok = false;
                        }
                        outputKind = FieldValue::Kind::Number;
                        break;
                    case ValueType::Boolean:
                        if (found.kind == FieldValue::Kind::Bool) {
                            converted.assign(found.raw);
                        } else if (found.raw == "1" || found.text == "1" || found.text == "true") {
                            converted = "true";
                        } else if (found.raw == "0" || found.text == "0" || found.text == "false") {
                            converted = "false";
                        } else {
                            ok = false;
                        }
                        outputKind = FieldValue::Kind::Bool;
                        break;
                }
                if (!ok) {
                    fail(context, FailureCode::BadField, "transform",
                         "logs." + std::string(key) + " = " + std::string(found.raw) +
                             " cannot be converted as the settings ask",
                         std::string(key));
                    return false;
                }
            }
        }
        if (userAdd && outputKind != FieldValue::Kind::Number &&
            !taViolation(context, "user_add_number",
                         "user_add property \"" + std::string(outputName) + "\" is not a number",
                         std::string(key))) {
            return false;
        }
        if (rewrite) {
            m_properties += firstProperty ? '{' : ',';
            firstProperty = false;
            if (renamed) {
                appendJsonString(m_properties, outputName);
            } else {
                m_properties += '"';
                m_properties += escapedKey;
                m_properties += '"';
            }
            m_properties += ':';
            m_properties += converted.empty() ? found.raw : std::string_view(converted);
        }
    }
    if (rewrite) {
        m_properties += firstProperty ? "{}" : "}";
    }
    return true;
}

bool Transformer::writeLine(Context& context) {
    const AppSettings& app = *context.app;
    RecordOutcome& outcome = context.outcome;
    const LogSettings* log = nullptr;
    if (const auto it = app.logs.find(outcome.logName); it != app.logs.end()) {
        log = &it->second;
    }
    const TaType type = log ? log->type : TaType::Track;

    // #time first: it is the commonest failure and needs no output yet.
    int64_t epochMs = context.processingTimeMs;
    const FieldValue* timeField =
        app.timeSlot >= 0 ? &m_fields[static_cast<size_t>(app.timeSlot)] : nullptr;
    const std::string timeName =
        app.timeSlot >= 0 ? app.lookupFields[static_cast<size_t>(app.timeSlot)] : std::string();
    if (timeField && (timeField->kind == FieldValue::Kind::Missing ||
                      timeField->kind == FieldValue::Kind::Null ||
                      (timeField->kind == FieldValue::Kind::String && timeField->text.empty()))) {
        if (app.whenTimeMissing == MissingTimePolicy::Fail) {
            fail(context, FailureCode::BadTime, "transform", "logs." + timeName + " is missing",
                 timeName);
            return false;
        }
    } else if (timeField) {
        bool ok = false;
        const bool numeric = timeField->kind == FieldValue::Kind::Number ||
                             (timeField->kind == FieldValue::Kind::String &&
                              app.timeUnit != TimeUnit::String && isJsonNumber(timeField->text));
        if (numeric && app.timeUnit != TimeUnit::String) {
            double number = 0;
            if (fieldNumber(*timeField, &number) && std::isfinite(number)) {
                const bool seconds = app.timeUnit == TimeUnit::Seconds ||
                                     (app.timeUnit == TimeUnit::Auto && std::abs(number) < 1e11);
                const double ms = seconds ? number * 1000.0 : number;
                if (ms >= 0 && ms <= static_cast<double>(kMaxEpochMs)) {
                    epochMs = static_cast<int64_t>(std::llround(std::floor(ms)));
                    ok = true;
                }
            }
        } else if (timeField->kind == FieldValue::Kind::String &&
                   app.timeUnit != TimeUnit::Seconds && app.timeUnit != TimeUnit::Milliseconds) {
            if (auto parsed = clockFor(app).parseTime(timeField->text);
                parsed && *parsed >= 0 && *parsed <= kMaxEpochMs) {
                epochMs = *parsed;
                ok = true;
            }
        }
        if (!ok) {
            fail(context, FailureCode::BadTime, "transform",
                 "logs." + timeName + " = " + std::string(timeField->raw) +
                     " is not a time (unix seconds, milliseconds or yyyy-MM-dd HH:mm:ss[.SSS])",
                 timeName);
            return false;
        }
    }

    std::string& text = context.out.text;
    const size_t begin = text.size();
    const auto rollback = [&] { text.resize(begin); };
    text += '{';
    bool haveIdentity = false;
    const auto identity = [&](const char* name, int slot) {
        if (slot < 0) {
            return;
        }
        const size_t before = text.size();
        text += name;
        if (appendAsJsonString(text, m_fields[static_cast<size_t>(slot)])) {
            text += ',';
            haveIdentity = true;
        } else {
            text.resize(before);
        }
    };
    identity("\"#account_id\":", app.accountIdSlot);
    identity("\"#distinct_id\":", app.distinctIdSlot);
    if (!haveIdentity) {
        rollback();
        std::string fields;
        for (int slot : {app.accountIdSlot, app.distinctIdSlot}) {
            if (slot >= 0) {
                fields +=
                    (fields.empty() ? "" : ", ") + app.lookupFields[static_cast<size_t>(slot)];
            }
        }
        fail(context, FailureCode::NoIdentity, "transform",
             "neither #account_id nor #distinct_id: logs has no usable " + fields, fields);
        return false;
    }

    text += "\"#event_name\":";
    const size_t nameStart = text.size();
    if (log && !log->eventName.empty()) {
        appendJsonString(text, log->eventName);
    } else {
        text += '"';
        appendJsonStringBody(text, app.eventPrefix);
        appendJsonStringBody(text, outcome.logName);
        text += '"';
    }
    const std::string_view eventName(text.data() + nameStart + 1, text.size() - nameStart - 2);
    if (!tarules::isEventName(eventName)) {
        const std::string name(eventName);
        if (!taViolation(context, "event_name",
                         "event name \"" + name + "\" does not match ^[a-zA-Z][A-Za-z0-9_]{0,49}$",
                         "headers.log_name")) {
            rollback();
            return false;
        }
    }
    if (app.ipSlot >= 0) {
        const size_t before = text.size();
        text += ",\"#ip\":";
        if (!appendAsJsonString(text, m_fields[static_cast<size_t>(app.ipSlot)])) {
            text.resize(before);
        }
    }
    text += ",\"#time\":\"";
    clockFor(app).appendLocalTime(epochMs, app.timeMilliseconds, text);
    text += "\",\"#type\":\"";
    text += taTypeName(type);
    text += '"';
    if (app.uuid) {
        text += ",\"#uuid\":";
        appendUuid(text, context.source, outcome.index);
    }
    if (type == TaType::TrackUpdate || type == TaType::TrackOverwrite) {
        text += ",\"#event_id\":";
        const FieldValue& eventId = m_fields[static_cast<size_t>(log->eventIdSlot)];
        if (!appendAsJsonString(text, eventId)) {
            rollback();
            const std::string& name = app.lookupFields[static_cast<size_t>(log->eventIdSlot)];
            fail(context, FailureCode::MissingEventId, "transform",
                 std::string(taTypeName(type)) + " needs #event_id, but logs." + name +
                     " is missing or empty",
                 name);
            return false;
        }
    }
    text += ",\"properties\":";
    text += app.hasPropertyRules() ? std::string_view(m_properties) : context.logsRaw;
    text += "}\n";
    outcome.kind = OutcomeKind::Ok;
    outcome.lineBegin = begin;
    outcome.lineEnd = text.size();
    return true;
}

}  // namespace mtga
