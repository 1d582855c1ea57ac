#include "worker/settings/schemareader.h"

#include "worker/transform/settingsset.h"

#include <QJsonArray>

namespace mtga {

void SchemaReader::error(const QString& pointer, const QString& message) {
    QString where = pointer;
    where.replace(QLatin1Char('/'), QLatin1Char('.'));
    where.remove(0, 1);
    m_errors << QStringLiteral("%1: %2%3")
                    .arg(m_document.locate(pointer),
                         where.isEmpty() ? QString() : QStringLiteral("\"%1\": ").arg(where),
                         message);
}

std::optional<QJsonObject> SchemaReader::object(const QJsonValue& value, const QString& pointer,
                                                const QStringList& allowedKeys) {
    if (!value.isObject()) {
        error(pointer, SettingsSet::tr("expected an object"));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowedKeys.isEmpty() && !allowedKeys.contains(it.key())) {
            error(JsoncDocument::memberPointer(pointer, it.key()),
                  SettingsSet::tr("unknown key (expected one of: %1)")
                      .arg(allowedKeys.join(QStringLiteral(", "))));
        }
    }
    return object;
}

std::optional<std::string> SchemaReader::string(const QJsonObject& object, const QString& pointer,
                                                const QString& key, bool allowEmpty) {
    if (!object.contains(key)) {
        return std::nullopt;
    }
    const QJsonValue value = object.value(key);
    if (!value.isString() || (!allowEmpty && value.toString().isEmpty())) {
        error(JsoncDocument::memberPointer(pointer, key),
              allowEmpty ? SettingsSet::tr("expected a string")
                         : SettingsSet::tr("expected a non-empty string"));
        return std::nullopt;
    }
    return value.toString().toStdString();
}

std::optional<bool> SchemaReader::boolean(const QJsonObject& object, const QString& pointer,
                                          const QString& key) {
    if (!object.contains(key)) {
        return std::nullopt;
    }
    if (!object.value(key).isBool()) {
        error(JsoncDocument::memberPointer(pointer, key),
              SettingsSet::tr("expected true or false"));
        return std::nullopt;
    }
    return object.value(key).toBool();
}

std::optional<QString> SchemaReader::choice(const QJsonObject& object, const QString& pointer,
                                            const QString& key, const QStringList& choices) {
    auto text = string(object, pointer, key);
    if (!text) {
        return std::nullopt;
    }
    const QString value = QString::fromStdString(*text);
    if (!choices.contains(value)) {
        error(JsoncDocument::memberPointer(pointer, key),
              SettingsSet::tr("\"%1\" is not one of: %2")
                  .arg(value, choices.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    return value;
}

std::vector<std::string> SchemaReader::stringList(const QJsonObject& object, const QString& pointer,
                                                  const QString& key) {
    std::vector<std::string> list;
    if (!object.contains(key)) {
        return list;
    }
    const QString keyPointer = JsoncDocument::memberPointer(pointer, key);
    const QJsonValue value = object.value(key);
    if (!value.isArray()) {
        error(keyPointer, SettingsSet::tr("expected a list of strings"));
        return list;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isString() || array[i].toString().isEmpty()) {
            error(JsoncDocument::elementPointer(keyPointer, i),
                  SettingsSet::tr("expected a non-empty string"));
            continue;
        }
        list.push_back(array[i].toString().toStdString());
    }
    return list;
}

std::vector<std::pair<std::string, std::string>> SchemaReader::stringMap(const QJsonObject& object,
                                                                         const QString& pointer,
                                                                         const QString& key) {
    std::vector<std::pair<std::string, std::string>> map;
    if (!object.contains(key)) {
        return map;
    }
    const QString keyPointer = JsoncDocument::memberPointer(pointer, key);
    auto inner = this->object(object.value(key), keyPointer, {});
    if (!inner) {
        return map;
    }
    for (auto it = inner->begin(); it != inner->end(); ++it) {
        if (!it.value().isString() || it.value().toString().isEmpty()) {
            error(JsoncDocument::memberPointer(keyPointer, it.key()),
                  SettingsSet::tr("expected a non-empty string"));
            continue;
        }
        map.emplace_back(it.key().toStdString(), it.value().toString().toStdString());
    }
    return map;
}

}  // namespace mtga
