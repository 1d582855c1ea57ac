#include "worker/transform/linewriter.h"

#include "worker/transform/eventidentity.h"
#include "worker/transform/jsontext.h"
#include "worker/transform/tarules.h"

#include <cmath>

namespace mtga {
namespace {

constexpr int64_t kMaxEpochMs = 253402300799999;  // 9999-12-31 23:59:59.999 UTC

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

}  // namespace

ZoneClock& LineWriter::clockFor(const AppSettings& app) {
    auto it = m_clocks.find(app.appId);
    if (it == m_clocks.end()) {
        it = m_clocks.emplace(app.appId, ZoneClock(app.timeZone)).first;
    }
    return it->second;
}

std::optional<int64_t> LineWriter::eventTime(RecordContext& context,
                                             const std::vector<FieldValue>& fields) {
    const AppSettings& app = *context.app;
    int64_t epochMs = context.processingTimeMs;
    const FieldValue* timeField =
        app.timeSlot >= 0 ? &fields[static_cast<size_t>(app.timeSlot)] : nullptr;
    const std::string timeName =
        app.timeSlot >= 0 ? app.lookupFields[static_cast<size_t>(app.timeSlot)] : std::string();
    if (timeField && (timeField->kind == FieldValue::Kind::Missing ||
                      timeField->kind == FieldValue::Kind::Null ||
                      (timeField->kind == FieldValue::Kind::String && timeField->text.empty()))) {
        if (app.whenTimeMissing == MissingTimePolicy::Fail) {
            context.fail(FailureCode::BadTime, FailureStage::Transform,
                         "logs." + timeName + " is missing", timeName);
            return std::nullopt;
        }
    } else if (timeField) {
        bool ok = false;
        const bool numeric =
            timeField->kind == FieldValue::Kind::Number ||
            (timeField->kind == FieldValue::Kind::String && app.timeUnit != TimeUnit::String &&
             jsontext::isJsonNumber(timeField->text, jsontext::HugeExponents::Reject));
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
            context.fail(
                FailureCode::BadTime, FailureStage::Transform,
                "logs." + timeName + " = " + std::string(timeField->raw) +
                    " is not a time (unix seconds, milliseconds or yyyy-MM-dd HH:mm:ss[.SSS])",
                timeName);
            return std::nullopt;
        }
    }
    return epochMs;
}

bool LineWriter::write(RecordContext& context, const std::vector<FieldValue>& fields,
                       std::string_view properties) {
    const AppSettings& app = *context.app;
    RecordOutcome& outcome = context.outcome;
    const LogSettings* log = nullptr;
    if (const auto it = app.logs.find(outcome.logName); it != app.logs.end()) {
        log = &it->second;
    }
    const TaType type = log ? log->type : TaType::Track;

    // #time first: it is the commonest failure and needs no output yet.
    const std::optional<int64_t> epochMs = eventTime(context, fields);
    if (!epochMs) {
        return false;
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
        if (appendAsJsonString(text, fields[static_cast<size_t>(slot)])) {
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
        std::string names;
        for (int slot : {app.accountIdSlot, app.distinctIdSlot}) {
            if (slot >= 0) {
                names += (names.empty() ? "" : ", ") + app.lookupFields[static_cast<size_t>(slot)];
            }
        }
        context.fail(FailureCode::NoIdentity, FailureStage::Transform,
                     "neither #account_id nor #distinct_id: logs has no usable " + names, names);
        return false;
    }

    text += "\"#event_name\":";
    const size_t nameStart = text.size();
    if (log && !log->eventName.empty()) {
        jsontext::appendJsonString(text, log->eventName);
    } else {
        text += '"';
        jsontext::appendJsonStringBody(text, app.eventPrefix);
        jsontext::appendJsonStringBody(text, outcome.logName);
        text += '"';
    }
    const std::string_view eventName(text.data() + nameStart + 1, text.size() - nameStart - 2);
    if (!tarules::isEventName(eventName)) {
        const std::string name(eventName);
        if (!context.taViolation(
                "event_name",
                "event name \"" + name + "\" does not match ^[a-zA-Z][A-Za-z0-9_]{0,49}$",
                "headers.log_name")) {
            rollback();
            return false;
        }
    }
    if (app.ipSlot >= 0) {
        const size_t before = text.size();
        text += ",\"#ip\":";
        if (!appendAsJsonString(text, fields[static_cast<size_t>(app.ipSlot)])) {
            text.resize(before);
        }
    }
    text += ",\"#time\":\"";
    clockFor(app).appendLocalTime(*epochMs, app.timeMilliseconds, text);
    text += "\",\"#type\":\"";
    text += taTypeName(type);
    text += '"';
    if (app.uuid) {
        EventIdentity::appendUuid(text, context.source, outcome.index);
    }
    if (type == TaType::TrackUpdate || type == TaType::TrackOverwrite) {
        text += ",\"#event_id\":";
        const FieldValue& eventId = fields[static_cast<size_t>(log->eventIdSlot)];
        if (!appendAsJsonString(text, eventId)) {
            rollback();
            const std::string& name = app.lookupFields[static_cast<size_t>(log->eventIdSlot)];
            context.fail(FailureCode::MissingEventId, FailureStage::Transform,
                         std::string(taTypeName(type)) + " needs #event_id, but logs." + name +
                             " is missing or empty",
                         name);
            return false;
        }
    }
    text += ",\"properties\":";
    text += properties;
    text += "}\n";
    outcome.kind = OutcomeKind::Ok;
    outcome.lineBegin = begin;
    outcome.lineEnd = text.size();
    return true;
}

}  // namespace mtga
