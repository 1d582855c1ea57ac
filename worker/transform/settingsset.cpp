#include "worker/transform/settingsset.h"

#include "worker/settings/jsoncdocument.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace mtga {
namespace {

QString escapePointer(const QString& key) {
    QString escaped = key;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

// Reads one settings file against its schema, collecting every error with its location.
class SchemaReader {
public:
    SchemaReader(const JsoncDocument& document, QStringList& errors)
        : m_document(document), m_errors(errors) {}

    void error(const QString& pointer, const QString& message) {
        QString where = pointer;
        where.replace(QLatin1Char('/'), QLatin1Char('.'));
        where.remove(0, 1);
        m_errors << QStringLiteral("%1: %2%3")
                        .arg(m_document.locate(pointer),
                             where.isEmpty() ? QString() : QStringLiteral("\"%1\": ").arg(where),
                             message);
    }

    // The object at `pointer`, with unknown keys reported.
    std::optional<QJsonObject> object(const QJsonValue& value, const QString& pointer,
                                      const QStringList& allowedKeys) {
        if (!value.isObject()) {
            error(pointer, SettingsSet::tr("expected an object"));
            return std::nullopt;
        }
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!allowedKeys.isEmpty() && !allowedKeys.contains(it.key())) {
                error(pointer + QLatin1Char('/') + escapePointer(it.key()),
                      SettingsSet::tr("unknown key (expected one of: %1)")
                          .arg(allowedKeys.join(QStringLiteral(", "))));
            }
        }
        return object;
    }

    std::optional<std::string> string(const QJsonObject& object, const QString& pointer,
                                      const QString& key, bool allowEmpty = true) {
        if (!object.contains(key)) {
            return std::nullopt;
        }
        const QJsonValue value = object.value(key);
        if (!value.isString() || (!allowEmpty && value.toString().isEmpty())) {
            error(pointer + QLatin1Char('/') + escapePointer(key),
                  allowEmpty ? SettingsSet::tr("expected a string")
                             : SettingsSet::tr("expected a non-empty string"));
            return std::nullopt;
        }
        return value.toString().toStdString();
    }

    std::optional<bool> boolean(const QJsonObject& object, const QString& pointer,
                                const QString& key) {
        if (!object.contains(key)) {
            return std::nullopt;
        }
        if (!object.value(key).isBool()) {
            error(pointer + QLatin1Char('/') + escapePointer(key),
                  SettingsSet::tr("expected true or false"));
            return std::nullopt;
        }
        return object.value(key).toBool();
    }

    // A string that must be one of `choices`.
    std::optional<QString> choice(const QJsonObject& object, const QString& pointer,
                                  const QString& key, const QStringList& choices) {
        auto text = string(object, pointer, key);
        if (!text) {
            return std::nullopt;
        }
        const QString value = QString::fromStdString(*text);
        if (!choices.contains(value)) {
            error(pointer + QLatin1Char('/') + escapePointer(key),
                  SettingsSet::tr("\"%1\" is not one of: %2")
                      .arg(value, choices.join(QStringLiteral(", "))));
            return std::nullopt;
        }
        return value;
    }

    std::vector<std::string> stringList(const QJsonObject& object, const QString& pointer,
                                        const QString& key) {
        std::vector<std::string> list;
        if (!object.contains(key)) {
            return list;
        }
        const QString keyPointer = pointer + QLatin1Char('/') + escapePointer(key);
        const QJsonValue value = object.value(key);
        if (!value.isArray()) {
            error(keyPointer, SettingsSet::tr("expected a list of strings"));
            return list;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array[i].isString() || array[i].toString().isEmpty()) {
                error(keyPointer + QLatin1Char('/') + QString::number(i),
                      SettingsSet::tr("expected a non-empty string"));
                continue;
            }
            list.push_back(array[i].toString().toStdString());
        }
        return list;
    }

    // An object whose values are all non-empty strings.
    std::vector<std::pair<std::string, std::string>> stringMap(const QJsonObject& object,
                                                               const QString& pointer,
                                                               const QString& key) {
        std::vector<std::pair<std::string, std::string>> map;
        if (!object.contains(key)) {
            return map;
        }
        const QString keyPointer = pointer + QLatin1Char('/') + escapePointer(key);
        auto inner = this->object(object.value(key), keyPointer, {});
        if (!inner) {
            return map;
        }
        for (auto it = inner->begin(); it != inner->end(); ++it) {
            if (!it.value().isString() || it.value().toString().isEmpty()) {
                error(keyPointer + QLatin1Char('/') + escapePointer(it.key()),
                      SettingsSet::tr("expected a non-empty string"));
                continue;
            }
            map.emplace_back(it.key().toStdString(), it.value().toString().toStdString());
        }
        return map;
    }

private:
    const JsoncDocument& m_document;
    QStringList& m_errors;
};

std::optional<Literal> toLiteral(const QJsonValue& value) {
    Literal literal;
    switch (value.type()) {
        case QJsonValue::Null:
            literal.kind = FieldValue::Kind::Null;
            literal.text = "null";
            return literal;
        case QJsonValue::Bool:
            literal.kind = FieldValue::Kind::Bool;
            literal.text = value.toBool() ? "true" : "false";
            return literal;
        case QJsonValue::Double: {
            literal.kind = FieldValue::Kind::Number;
            literal.number = value.toDouble();
            const double integral = std::trunc(literal.number);
            literal.text = integral == literal.number && std::abs(integral) < 9.007199254740992e15
                               ? std::to_string(static_cast<int64_t>(integral))
                               : QString::number(literal.number, 'g', 17).toStdString();
            return literal;
        }
        case QJsonValue::String:
            literal.kind = FieldValue::Kind::String;
            literal.text = value.toString().toStdString();
            return literal;
        default:
            return std::nullopt;
    }
}

const QStringList kConditionKeys{
    QStringLiteral("field"), QStringLiteral("equals"), QStringLiteral("not_equals"),
    QStringLiteral("in"),    QStringLiteral("not_in"), QStringLiteral("exists"),
    QStringLiteral("gt"),    QStringLiteral("gte"),    QStringLiteral("lt"),
    QStringLiteral("lte"),   QStringLiteral("all"),    QStringLiteral("any"),
    QStringLiteral("not")};

constexpr int kMaxConditionDepth = 32;

std::optional<Condition> readCondition(SchemaReader& reader, AppSettings& app,
                                       const QJsonValue& value, const QString& pointer, int depth) {
    if (depth > kMaxConditionDepth) {
        reader.error(pointer, SettingsSet::tr("conditions nest too deep (at most %1 levels)")
                                  .arg(kMaxConditionDepth));
        return std::nullopt;
    }
    auto object = reader.object(value, pointer, kConditionKeys);
    if (!object) {
        return std::nullopt;
    }
    QStringList operators = object->keys();
    operators.removeAll(QStringLiteral("field"));
    if (operators.size() != 1) {
        reader.error(pointer,
                     SettingsSet::tr("a condition needs exactly one of: equals, not_equals, in, "
                                     "not_in, exists, gt, gte, lt, lte, all, any, not"));
        return std::nullopt;
    }
    const QString op = operators.front();
    const QString opPointer = pointer + QLatin1Char('/') + op;
    const QJsonValue operand = object->value(op);
    Condition condition;
    if (op == QLatin1String("all") || op == QLatin1String("any") || op == QLatin1String("not")) {
        if (object->contains(QStringLiteral("field"))) {
            reader.error(pointer + QStringLiteral("/field"),
                         SettingsSet::tr("\"%1\" combines conditions and takes no field").arg(op));
            return std::nullopt;
        }
        if (op == QLatin1String("not")) {
            condition.op = Condition::Op::Not;
            auto child = readCondition(reader, app, operand, opPointer, depth + 1);
            if (!child) {
                return std::nullopt;
            }
            condition.children.push_back(std::move(*child));
            return condition;
        }
        condition.op = op == QLatin1String("all") ? Condition::Op::All : Condition::Op::Any;
        if (!operand.isArray() || operand.toArray().isEmpty()) {
            reader.error(opPointer, SettingsSet::tr("expected a non-empty list of conditions"));
            return std::nullopt;
        }
        const QJsonArray children = operand.toArray();
        for (qsizetype i = 0; i < children.size(); ++i) {
            auto child =
                readCondition(reader, app, children[i],
                              opPointer + QLatin1Char('/') + QString::number(i), depth + 1);
            if (!child) {
                return std::nullopt;
            }
            condition.children.push_back(std::move(*child));
        }
        return condition;
    }

    auto field = reader.string(*object, pointer, QStringLiteral("field"), false);
    if (!field) {
        if (!object->contains(QStringLiteral("field"))) {
            reader.error(pointer, SettingsSet::tr("\"%1\" needs a \"field\"").arg(op));
        }
        return std::nullopt;
    }
    condition.fieldSlot = app.slotOf(*field);
    if (op == QLatin1String("exists")) {
        condition.op = Condition::Op::Exists;
        if (!operand.isBool()) {
            reader.error(opPointer, SettingsSet::tr("expected true or false"));
            return std::nullopt;
        }
        condition.exists = operand.toBool();
        return condition;
    }
    if (op == QLatin1String("in") || op == QLatin1String("not_in")) {
        condition.op = op == QLatin1String("in") ? Condition::Op::In : Condition::Op::NotIn;
        if (!operand.isArray() || operand.toArray().isEmpty()) {
            reader.error(opPointer, SettingsSet::tr("expected a non-empty list of values"));
            return std::nullopt;
        }
        const QJsonArray values = operand.toArray();
        for (qsizetype i = 0; i < values.size(); ++i) {
            auto literal = toLiteral(values[i]);
            if (!literal) {
                reader.error(opPointer + QLatin1Char('/') + QString::number(i),
                             SettingsSet::tr("expected a string, number, true, false or null"));
                return std::nullopt;
            }
            condition.literals.push_back(std::move(*literal));
        }
        return condition;
    }
    if (op == QLatin1String("equals") || op == QLatin1String("not_equals")) {
        condition.op =
            op == QLatin1String("equals") ? Condition::Op::Equals : Condition::Op::NotEquals;
        auto literal = toLiteral(operand);
        if (!literal) {
            reader.error(opPointer,
                         SettingsSet::tr("expected a string, number, true, false or null"));
            return std::nullopt;
        }
        condition.literals.push_back(std::move(*literal));
        return condition;
    }
    // gt, gte, lt, lte
    condition.op = op == QLatin1String("gt")    ? Condition::Op::Greater
                   : op == QLatin1String("gte") ? Condition::Op::GreaterOrEqual
                   : op == QLatin1String("lt")  ? Condition::Op::Less
                                                : Condition::Op::LessOrEqual;
    if (!operand.isDouble()) {
        reader.error(opPointer, SettingsSet::tr("expected a number"));
        return std::nullopt;
    }
    condition.literals.push_back(*toLiteral(operand));
    return condition;
}

void readMetadata(const JsoncDocument& document, AppSettings& app, QStringList& errors) {
    SchemaReader reader(document, errors);
    auto root =
        reader.object(document.root(), QString(),
                      {QStringLiteral("event_name"), QStringLiteral("identity"),
                       QStringLiteral("time"), QStringLiteral("uuid"), QStringLiteral("logs"),
                       QStringLiteral("properties"), QStringLiteral("ta_check")});
    if (!root) {
        return;
    }
    if (root->contains(QStringLiteral("event_name"))) {
        if (auto eventName =
                reader.object(root->value(QStringLiteral("event_name")),
                              QStringLiteral("/event_name"), {QStringLiteral("prefix")})) {
            app.eventPrefix =
                reader.string(*eventName, QStringLiteral("/event_name"), QStringLiteral("prefix"))
                    .value_or(app.eventPrefix);
        }
    }

    if (!root->contains(QStringLiteral("identity"))) {
        reader.error(QString(),
                     SettingsSet::tr("\"identity\" is required: name the field of #account_id "
                                     "and/or #distinct_id"));
    } else if (auto identity = reader.object(
                   root->value(QStringLiteral("identity")), QStringLiteral("/identity"),
                   {QStringLiteral("account_id"), QStringLiteral("distinct_id"),
                    QStringLiteral("ip")})) {
        const QString at = QStringLiteral("/identity");
        if (auto field = reader.string(*identity, at, QStringLiteral("account_id"), false)) {
            app.accountIdSlot = app.slotOf(*field);
        }
        if (auto field = reader.string(*identity, at, QStringLiteral("distinct_id"), false)) {
            app.distinctIdSlot = app.slotOf(*field);
        }
        if (auto field = reader.string(*identity, at, QStringLiteral("ip"), false)) {
            app.ipSlot = app.slotOf(*field);
        }
        if (app.accountIdSlot < 0 && app.distinctIdSlot < 0) {
            reader.error(at, SettingsSet::tr("needs \"account_id\" or \"distinct_id\" (or both)"));
        }
    }

    if (root->contains(QStringLiteral("time"))) {
        const QString at = QStringLiteral("/time");
        if (auto time = reader.object(
                root->value(QStringLiteral("time")), at,
                {QStringLiteral("field"), QStringLiteral("unit"), QStringLiteral("zone"),
                 QStringLiteral("milliseconds"), QStringLiteral("when_missing")})) {
            if (auto field = reader.string(*time, at, QStringLiteral("field"), false)) {
                app.timeSlot = app.slotOf(*field);
            }
            if (auto unit =
                    reader.choice(*time, at, QStringLiteral("unit"),
                                  {QStringLiteral("auto"), QStringLiteral("seconds"),
                                   QStringLiteral("milliseconds"), QStringLiteral("string")})) {
                app.timeUnit = *unit == QLatin1String("seconds")        ? TimeUnit::Seconds
                               : *unit == QLatin1String("milliseconds") ? TimeUnit::Milliseconds
                               : *unit == QLatin1String("string")       ? TimeUnit::String
                                                                        : TimeUnit::Auto;
            }
            if (auto zone = reader.string(*time, at, QStringLiteral("zone"), false)) {
                const QTimeZone timeZone(QByteArray::fromStdString(*zone));
                if (!timeZone.isValid()) {
                    reader.error(
                        at + QStringLiteral("/zone"),
                        SettingsSet::tr("unknown time zone \"%1\" (use an IANA name such as "
                                        "Asia/Shanghai or UTC)")
                            .arg(QString::fromStdString(*zone)));
                } else {
                    app.timeZone = timeZone;
                }
            }
            app.timeMilliseconds =
                reader.boolean(*time, at, QStringLiteral("milliseconds")).value_or(true);
            if (auto policy =
                    reader.choice(*time, at, QStringLiteral("when_missing"),
                                  {QStringLiteral("processing_time"), QStringLiteral("fail")})) {
                app.whenTimeMissing = *policy == QLatin1String("fail")
                                          ? MissingTimePolicy::Fail
                                          : MissingTimePolicy::ProcessingTime;
            }
        }
    }

    app.uuid = reader.boolean(*root, QString(), QStringLiteral("uuid")).value_or(true);

    if (root->contains(QStringLiteral("logs"))) {
        if (auto logs =
                reader.object(root->value(QStringLiteral("logs")), QStringLiteral("/logs"), {})) {
            for (auto it = logs->begin(); it != logs->end(); ++it) {
                const QString at = QStringLiteral("/logs/") + escapePointer(it.key());
                auto log = reader.object(it.value(), at,
                                         {QStringLiteral("event_name"), QStringLiteral("type"),
                                          QStringLiteral("event_id")});
                if (!log) {
                    continue;
                }
                LogSettings settings;
                settings.eventName =
                    reader.string(*log, at, QStringLiteral("event_name"), false).value_or("");
                if (auto type = reader.string(*log, at, QStringLiteral("type"), false)) {
                    if (auto parsed = parseTaType(*type)) {
                        settings.type = *parsed;
                    } else {
                        reader.error(
                            at + QStringLiteral("/type"),
                            SettingsSet::tr("\"%1\" is not a TA type (track, track_update, "
                                            "track_overwrite, user_set, user_setOnce, user_add, "
                                            "user_unset, user_append, user_uniq_append, user_del)")
                                .arg(QString::fromStdString(*type)));
                    }
                }
                if (auto field = reader.string(*log, at, QStringLiteral("event_id"), false)) {
                    settings.eventIdSlot = app.slotOf(*field);
                }
                const bool needsEventId =
                    settings.type == TaType::TrackUpdate || settings.type == TaType::TrackOverwrite;
                if (needsEventId && settings.eventIdSlot < 0) {
                    reader.error(
                        at, SettingsSet::tr("type %1 needs \"event_id\": the field that identifies "
                                            "the event to update")
                                .arg(QString::fromLatin1(taTypeName(settings.type))));
                }
                app.logs.emplace(it.key().toStdString(), std::move(settings));
            }
        }
    }

    if (root->contains(QStringLiteral("properties"))) {
        const QString at = QStringLiteral("/properties");
        if (auto properties =
                reader.object(root->value(QStringLiteral("properties")), at,
                              {QStringLiteral("rename"), QStringLiteral("drop"),
                               QStringLiteral("keep_only"), QStringLiteral("convert")})) {
            for (auto& [from, to] : reader.stringMap(*properties, at, QStringLiteral("rename"))) {
                app.rename.emplace(from, to);
            }
            for (auto& name : reader.stringList(*properties, at, QStringLiteral("drop"))) {
                app.drop.insert(name);
            }
            for (auto& name : reader.stringList(*properties, at, QStringLiteral("keep_only"))) {
                app.keepOnly.insert(name);
            }
            for (auto& [field, type] :
                 reader.stringMap(*properties, at, QStringLiteral("convert"))) {
                if (type == "string" || type == "number" || type == "boolean") {
                    app.convert.emplace(field, type == "string"   ? ValueType::String
                                               : type == "number" ? ValueType::Number
                                                                  : ValueType::Boolean);
                } else {
                    reader.error(at + QStringLiteral("/convert/") +
                                     escapePointer(QString::fromStdString(field)),
                                 SettingsSet::tr("\"%1\" is not one of: string, number, boolean")
                                     .arg(QString::fromStdString(type)));
                }
            }
        }
    }

    if (auto mode = reader.choice(*root, QString(), QStringLiteral("ta_check"),
                                  {QStringLiteral("reject"), QStringLiteral("warn")})) {
        app.taCheck = *mode == QLatin1String("warn") ? TaCheckMode::Warn : TaCheckMode::Reject;
    }
}

void readFilter(const JsoncDocument& document, AppSettings& app, QStringList& errors) {
    SchemaReader reader(document, errors);
    auto root = reader.object(document.root(), QString(),
                              {QStringLiteral("log_names"), QStringLiteral("rules")});
    if (!root) {
        return;
    }
    if (root->contains(QStringLiteral("log_names"))) {
        const QString at = QStringLiteral("/log_names");
        if (auto logNames = reader.object(root->value(QStringLiteral("log_names")), at,
                                          {QStringLiteral("allow"), QStringLiteral("deny")})) {
            for (auto& name : reader.stringList(*logNames, at, QStringLiteral("allow"))) {
                app.allowLogNames.insert(name);
            }
            for (auto& name : reader.stringList(*logNames, at, QStringLiteral("deny"))) {
                app.denyLogNames.insert(name);
            }
        }
    }
    if (!root->contains(QStringLiteral("rules"))) {
        return;
    }
    const QJsonValue rules = root->value(QStringLiteral("rules"));
    if (!rules.isArray()) {
        reader.error(QStringLiteral("/rules"), SettingsSet::tr("expected a list of rules"));
        return;
    }
    std::unordered_set<std::string> names;
    const QJsonArray array = rules.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = QStringLiteral("/rules/") + QString::number(i);
        auto rule =
            reader.object(array[i], at, {QStringLiteral("name"), QStringLiteral("drop_when")});
        if (!rule) {
            continue;
        }
        auto name = reader.string(*rule, at, QStringLiteral("name"), false);
        if (!name) {
            if (!rule->contains(QStringLiteral("name"))) {
                reader.error(
                    at, SettingsSet::tr("a rule needs a \"name\" (drops are counted under it)"));
            }
            continue;
        }
        if (!names.insert(*name).second) {
            reader.error(at + QStringLiteral("/name"),
                         SettingsSet::tr("another rule is already named \"%1\"")
                             .arg(QString::fromStdString(*name)));
            continue;
        }
        if (!rule->contains(QStringLiteral("drop_when"))) {
            reader.error(at, SettingsSet::tr("a rule needs \"drop_when\""));
            continue;
        }
        if (auto condition = readCondition(reader, app, rule->value(QStringLiteral("drop_when")),
                                           at + QStringLiteral("/drop_when"), 0)) {
            app.rules.push_back({*name, std::move(*condition)});
        }
    }
}

struct SettingsFiles {
    QString metadata;
    QString filter;
};

}  // namespace

Result<std::shared_ptr<const SettingsSet>> SettingsSet::loadFolder(const QString& folder) {
    const QDir dir(folder);
    if (!dir.exists()) {
        return Error{QStringLiteral("settings_missing"),
                     SettingsSet::tr("%1: the settings folder does not exist").arg(folder)};
    }
    static const QRegularExpression kName(
        QStringLiteral("^(?:mthinkingdata:)?(metadata|filter)\\.(\\d{1,9})\\.json$"));
    std::map<int, SettingsFiles> files;
    QStringList errors;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = kName.match(name);
        if (!match.hasMatch()) {
            continue;
        }
        const int appId = match.captured(2).toInt();
        QString& slot = match.captured(1) == QLatin1String("metadata") ? files[appId].metadata
                                                                       : files[appId].filter;
        if (!slot.isEmpty()) {
            errors << SettingsSet::tr("%1: both %2 and %3 exist for app %4; keep one")
                          .arg(folder, QFileInfo(slot).fileName(), name)
                          .arg(appId);
            continue;
        }
        slot = dir.filePath(name);
    }

    auto set = std::make_shared<SettingsSet>();
    set->m_folder = folder;
    for (auto& [appId, paths] : files) {
        if (paths.metadata.isEmpty()) {
            errors << SettingsSet::tr(
                          "%1: app %2 has a filter file but no metadata file (metadata.%2.json)")
                          .arg(paths.filter)
                          .arg(appId);
            continue;
        }
        AppSettings app;
        app.appId = appId;
        app.metadataFile = paths.metadata;
        app.filterFile = paths.filter;
        app.timeZone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
        auto metadata = JsoncDocument::load(paths.metadata);
        if (!metadata) {
            errors << metadata.error().message;
            continue;
        }
        readMetadata(metadata.value(), app, errors);
        if (!paths.filter.isEmpty()) {
            auto filter = JsoncDocument::load(paths.filter);
            if (!filter) {
                errors << filter.error().message;
                continue;
            }
            readFilter(filter.value(), app, errors);
        }
        set->m_apps.emplace(appId, std::move(app));
    }
    if (!errors.isEmpty()) {
        return Error{QStringLiteral("settings_invalid"), errors.join(QLatin1Char('\n'))};
    }
    return std::shared_ptr<const SettingsSet>(std::move(set));
}

const AppSettings* SettingsSet::app(int appId) const {
    const auto it = m_apps.find(appId);
    return it == m_apps.end() ? nullptr : &it->second;
}

}  // namespace mtga
