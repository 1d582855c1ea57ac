#include "shared/jsonfields.h"

#include <algorithm>

#include <QStringDecoder>

#include <cmath>
#include <limits>

namespace mtga {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

}  // namespace

void insertPayload(QJsonObject& json, const QByteArray& payload) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(payload);
    if (!decoder.hasError()) {
        json.insert(QLatin1String("payload"), text);
    } else {
        json.insert(QLatin1String("payload"), QString::fromLatin1(payload.toBase64()));
        json.insert(QLatin1String("payload_encoding"), QLatin1String("base64"));
    }
}

QByteArray payloadOf(const QJsonObject& json) {
    const QString payload = json.value(QLatin1String("payload")).toString();
    return json.value(QLatin1String("payload_encoding")).toString() == QLatin1String("base64")
               ? QByteArray::fromBase64(payload.toLatin1())
               : payload.toUtf8();
}

QString jsonTypeName(const QJsonValue& value) {
    switch (value.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("boolean");
        case QJsonValue::Double:
            return QStringLiteral("number");
        case QJsonValue::String:
            return QStringLiteral("string");
        case QJsonValue::Array:
            return QStringLiteral("array");
        case QJsonValue::Object:
            return QStringLiteral("object");
        case QJsonValue::Undefined:
            break;
    }
    return QStringLiteral("undefined");
}

bool isJsonInteger(const QJsonValue& value) {
    if (!value.isDouble()) {
        return false;
    }
    const double number = value.toDouble();
    return std::isfinite(number) && std::trunc(number) == number &&
           std::fabs(number) <= kMaxSafeInteger;
}

QString describeJsonValue(const QJsonValue& value) {
    return value.isDouble() ? QString::number(value.toDouble(), 'g', 17) : jsonTypeName(value);
}

JsonFields::JsonFields(QJsonObject object, QString path)
    : m_object(std::move(object)), m_path(std::move(path)) {}

QString JsonFields::pathOf(QLatin1String key) const {
    return m_path + QLatin1Char('.') + key;
}

QString JsonFields::pathOf(QLatin1String key, qsizetype index) const {
    return pathOf(key) + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QJsonValue JsonFields::take(QLatin1String key) {
    m_read.push_back(key);
    const QJsonValue value = m_object.value(key);
    if (value.isUndefined() && ok()) {
        m_error = Error::of(ErrorCode::BadReply, tr("%1 is missing").arg(pathOf(key)));
    }
    return value;
}

QJsonValue JsonFields::typed(QLatin1String key, bool (*matches)(const QJsonValue&),
                             const QString& expected) {
    const QJsonValue value = take(key);
    if (value.isUndefined() || matches(value)) {
        return value;
    }
    mistyped(pathOf(key), expected, value);
    return QJsonValue(QJsonValue::Undefined);
}

void JsonFields::mistyped(const QString& path, const QString& expected, const QJsonValue& found) {
    if (ok()) {
        m_error =
            Error::of(ErrorCode::BadReply,
                      tr("%1 must be %2, not %3").arg(path, expected, describeJsonValue(found)));
    }
}

void JsonFields::adopt(const Error& error) {
    if (ok()) {
        m_error = error;
    }
}

qint64 JsonFields::integer(QLatin1String key) {
    return typed(key, isJsonInteger, tr("an integer")).toInteger();
}

int JsonFields::int32(QLatin1String key) {
    const auto isInt32 = [](const QJsonValue& value) {
        return isJsonInteger(value) && value.toInteger() >= std::numeric_limits<int>::min() &&
               value.toInteger() <= std::numeric_limits<int>::max();
    };
    return static_cast<int>(typed(key, isInt32, tr("a 32-bit integer")).toInteger());
}

std::optional<qint64> JsonFields::integerOrNull(QLatin1String key) {
    const auto isIntegerOrNull = [](const QJsonValue& value) {
        return value.isNull() || isJsonInteger(value);
    };
    const QJsonValue value = typed(key, isIntegerOrNull, tr("an integer or null"));
    return value.isDouble() ? std::optional<qint64>(value.toInteger()) : std::nullopt;
}

std::optional<double> JsonFields::numberOrNull(QLatin1String key) {
    const auto isNumberOrNull = [](const QJsonValue& value) {
        return value.isNull() || value.isDouble();
    };
    const QJsonValue value = typed(key, isNumberOrNull, tr("a number or null"));
    return value.isDouble() ? std::optional<double>(value.toDouble()) : std::nullopt;
}

QString JsonFields::string(QLatin1String key) {
    return typed(
               key, [](const QJsonValue& value) { return value.isString(); }, tr("a string"))
        .toString();
}

bool JsonFields::boolean(QLatin1String key) {
    return typed(
               key, [](const QJsonValue& value) { return value.isBool(); }, tr("a boolean"))
        .toBool();
}

QJsonObject JsonFields::object(QLatin1String key) {
    return typed(
               key, [](const QJsonValue& value) { return value.isObject(); }, tr("an object"))
        .toObject();
}

QJsonArray JsonFields::array(QLatin1String key) {
    return typed(
               key, [](const QJsonValue& value) { return value.isArray(); }, tr("an array"))
        .toArray();
}

QStringList JsonFields::strings(QLatin1String key) {
    const QJsonArray items = array(key);
    QStringList result;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString()) {
            mistyped(pathOf(key, i), tr("a string"), items.at(i));
            return {};
        }
        result << items.at(i).toString();
    }
    return result;
}

QJsonObject JsonFields::element(QLatin1String key, qsizetype index, const QJsonValue& value) {
    if (!value.isObject()) {
        mistyped(pathOf(key, index), tr("an object"), value);
    }
    return value.toObject();
}

QJsonObject JsonFields::unread() const {
    QJsonObject rest;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        const QString name = it.key();
        if (std::find(m_read.begin(), m_read.end(), name) == m_read.end()) {
            rest.insert(it.key(), it.value());
        }
    }
    return rest;
}

}  // namespace mtga
