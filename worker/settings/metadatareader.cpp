#include "worker/settings/metadatareader.h"

#include "worker/transform/settingsset.h"

namespace mtga {

void MetadataReader::read() {
    auto root =
        m_reader.object(m_document.root(), QString(),
                        {QStringLiteral("event_name"), QStringLiteral("identity"),
                         QStringLiteral("time"), QStringLiteral("uuid"), QStringLiteral("logs"),
                         QStringLiteral("properties"), QStringLiteral("ta_check")});
    if (!root) {
        return;
    }
    // In this order: each field named gets the next lookup slot.
    if (root->contains(QStringLiteral("event_name"))) {
        if (auto eventName =
                m_reader.object(root->value(QStringLiteral("event_name")),
                                QStringLiteral("/event_name"), {QStringLiteral("prefix")})) {
            m_app.eventPrefix =
                m_reader.string(*eventName, QStringLiteral("/event_name"), QStringLiteral("prefix"))
                    .value_or(m_app.eventPrefix);
        }
    }
    readIdentity(*root);
    if (root->contains(QStringLiteral("time"))) {
        readTime(root->value(QStringLiteral("time")));
    }
    m_app.uuid = m_reader.boolean(*root, QString(), QStringLiteral("uuid")).value_or(true);
    if (root->contains(QStringLiteral("logs"))) {
        readLogs(root->value(QStringLiteral("logs")));
    }
    if (root->contains(QStringLiteral("properties"))) {
        readProperties(root->value(QStringLiteral("properties")));
    }
    if (auto mode = m_reader.choice(*root, QString(), QStringLiteral("ta_check"),
                                    {QStringLiteral("reject"), QStringLiteral("warn")})) {
        m_app.taCheck = *mode == QLatin1String("warn") ? TaCheckMode::Warn : TaCheckMode::Reject;
    }
}

void MetadataReader::readIdentity(const QJsonObject& root) {
    const QString at = QStringLiteral("/identity");
    if (!root.contains(QStringLiteral("identity"))) {
        m_reader.error(QString(),
                       SettingsSet::tr("\"identity\" is required: name the field of #account_id "
                                       "and/or #distinct_id"));
        return;
    }
    const auto identity = m_reader.object(
        root.value(QStringLiteral("identity")), at,
        {QStringLiteral("account_id"), QStringLiteral("distinct_id"), QStringLiteral("ip")});
    if (!identity) {
        return;
    }
    if (auto field = m_reader.string(*identity, at, QStringLiteral("account_id"), false)) {
        m_app.accountIdSlot = m_app.slotOf(*field);
    }
    if (auto field = m_reader.string(*identity, at, QStringLiteral("distinct_id"), false)) {
        m_app.distinctIdSlot = m_app.slotOf(*field);
    }
    if (auto field = m_reader.string(*identity, at, QStringLiteral("ip"), false)) {
        m_app.ipSlot = m_app.slotOf(*field);
    }
    if (m_app.accountIdSlot < 0 && m_app.distinctIdSlot < 0) {
        m_reader.error(at, SettingsSet::tr("needs \"account_id\" or \"distinct_id\" (or both)"));
    }
}

void MetadataReader::readTime(const QJsonValue& value) {
    const QString at = QStringLiteral("/time");
    const auto time =
        m_reader.object(value, at,
                        {QStringLiteral("field"), QStringLiteral("unit"), QStringLiteral("zone"),
                         QStringLiteral("milliseconds"), QStringLiteral("when_missing")});
    if (!time) {
        return;
    }
    if (auto field = m_reader.string(*time, at, QStringLiteral("field"), false)) {
        m_app.timeSlot = m_app.slotOf(*field);
    }
    if (auto unit = m_reader.choice(*time, at, QStringLiteral("unit"),
                                    {QStringLiteral("auto"), QStringLiteral("seconds"),
                                     QStringLiteral("milliseconds"), QStringLiteral("string")})) {
        m_app.timeUnit = *unit == QLatin1String("seconds")        ? TimeUnit::Seconds
                         : *unit == QLatin1String("milliseconds") ? TimeUnit::Milliseconds
                         : *unit == QLatin1String("string")       ? TimeUnit::String
                                                                  : TimeUnit::Auto;
    }
    if (auto zone = m_reader.string(*time, at, QStringLiteral("zone"), false)) {
        const QTimeZone timeZone(QByteArray::fromStdString(*zone));
        if (!timeZone.isValid()) {
            m_reader.error(at + QStringLiteral("/zone"),
                           SettingsSet::tr("unknown time zone \"%1\" (use an IANA name such as "
                                           "Asia/Shanghai or UTC)")
                               .arg(QString::fromStdString(*zone)));
        } else {
            m_app.timeZone = timeZone;
        }
    }
    m_app.timeMilliseconds =
        m_reader.boolean(*time, at, QStringLiteral("milliseconds")).value_or(true);
    if (auto policy =
            m_reader.choice(*time, at, QStringLiteral("when_missing"),
                            {QStringLiteral("processing_time"), QStringLiteral("fail")})) {
        m_app.whenTimeMissing = *policy == QLatin1String("fail")
                                    ? MissingTimePolicy::Fail
                                    : MissingTimePolicy::ProcessingTime;
    }
}

void MetadataReader::readLogs(const QJsonValue& value) {
    const auto logs = m_reader.object(value, QStringLiteral("/logs"), {});
    if (!logs) {
        return;
    }
    for (auto it = logs->begin(); it != logs->end(); ++it) {
        const QString at = JsoncDocument::memberPointer(QStringLiteral("/logs"), it.key());
        auto log = m_reader.object(
            it.value(), at,
            {QStringLiteral("event_name"), QStringLiteral("type"), QStringLiteral("event_id")});
        if (!log) {
            continue;
        }
        LogSettings settings;
        settings.eventName =
            m_reader.string(*log, at, QStringLiteral("event_name"), false).value_or("");
        if (auto type = m_reader.string(*log, at, QStringLiteral("type"), false)) {
            if (auto parsed = parseTaType(*type)) {
                settings.type = *parsed;
            } else {
                m_reader.error(
                    at + QStringLiteral("/type"),
                    SettingsSet::tr("\"%1\" is not a TA type (track, track_update, "
                                    "track_overwrite, user_set, user_setOnce, user_add, "
                                    "user_unset, user_append, user_uniq_append, user_del)")
                        .arg(QString::fromStdString(*type)));
            }
        }
        if (auto field = m_reader.string(*log, at, QStringLiteral("event_id"), false)) {
            settings.eventIdSlot = m_app.slotOf(*field);
        }
        const bool needsEventId =
            settings.type == TaType::TrackUpdate || settings.type == TaType::TrackOverwrite;
        if (needsEventId && settings.eventIdSlot < 0) {
            m_reader.error(at,
                           SettingsSet::tr("type %1 needs \"event_id\": the field that identifies "
                                           "the event to update")
                               .arg(QString::fromLatin1(taTypeName(settings.type))));
        }
        m_app.logs.emplace(it.key().toStdString(), std::move(settings));
    }
}

void MetadataReader::readProperties(const QJsonValue& value) {
    const QString at = QStringLiteral("/properties");
    const auto properties =
        m_reader.object(value, at,
                        {QStringLiteral("rename"), QStringLiteral("drop"),
                         QStringLiteral("keep_only"), QStringLiteral("convert")});
    if (!properties) {
        return;
    }
    for (auto& [from, to] : m_reader.stringMap(*properties, at, QStringLiteral("rename"))) {
        m_app.rename.emplace(from, to);
    }
    for (auto& name : m_reader.stringList(*properties, at, QStringLiteral("drop"))) {
        m_app.drop.insert(name);
    }
    for (auto& name : m_reader.stringList(*properties, at, QStringLiteral("keep_only"))) {
        m_app.keepOnly.insert(name);
    }
    for (auto& [field, type] : m_reader.stringMap(*properties, at, QStringLiteral("convert"))) {
        if (type == "string" || type == "number" || type == "boolean") {
            m_app.convert.emplace(field, type == "string"   ? ValueType::String
                                         : type == "number" ? ValueType::Number
                                                            : ValueType::Boolean);
        } else {
            m_reader.error(JsoncDocument::memberPointer(at + QStringLiteral("/convert"),
                                                        QString::fromStdString(field)),
                           SettingsSet::tr("\"%1\" is not one of: string, number, boolean")
                               .arg(QString::fromStdString(type)));
        }
    }
}

}  // namespace mtga
