#pragma once

// JsonFields: reads the keys of one JSON object as typed fields, for the fromJson() of the values
// that cross the control socket. It remembers the first key that is missing or has the wrong
// type, so that a fromJson reads as the list of its keys and its error names the key by its path
// ("status.counts.written is missing"). Errors have the code bad_reply: JSON that is not the
// value it should be is a reply this build cannot read.

#include "shared/result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace mtga {

// "null", "boolean", "number", "string", "array" or "object": for messages.
QString jsonTypeName(const QJsonValue& value);
// A number with no fraction that survives a round trip through a double (|n| <= 2^53 - 1), so
// a JavaScript or Qt peer reads back the same integer.
bool isJsonInteger(const QJsonValue& value);
// What a value is, for "must be X, not Y" messages: a number as itself, anything else by type.
QString describeJsonValue(const QJsonValue& value);

// A message's payload as the protocol carries it: under "payload" the text itself when it is
// valid UTF-8 (most are JSON), else base64 with "payload_encoding": "base64".
void insertPayload(QJsonObject& json, const QByteArray& payload);
QByteArray payloadOf(const QJsonObject& json);

class JsonFields {
    Q_DECLARE_TR_FUNCTIONS(JsonFields)

public:
    // `path` names the object in messages: "status", "offsets.partitions[2]".
    JsonFields(QJsonObject object, QString path);

    qint64 integer(QLatin1String key);
    int int32(QLatin1String key);
    std::optional<qint64> integerOrNull(QLatin1String key);
    std::optional<double> numberOrNull(QLatin1String key);
    QString string(QLatin1String key);
    bool boolean(QLatin1String key);
    QJsonObject object(QLatin1String key);
    QJsonArray array(QLatin1String key);
    QStringList strings(QLatin1String key);  // an array of strings
    // A nested value, or an array of them, read by T::fromJson(object, path).
    template <typename T>
    T value(QLatin1String key);
    template <typename T>
    std::vector<T> values(QLatin1String key);

    // "status.counts" for key "counts" of "status": the path of a nested value.
    QString pathOf(QLatin1String key) const;
    QString pathOf(QLatin1String key, qsizetype index) const;
    // The keys no accessor asked for: what a newer peer added.
    QJsonObject unread() const;

    bool ok() const { return !m_error.has_value(); }
    const Error& error() const { return *m_error; }
    // Takes a nested value's error as this object's, if this one has none yet.
    void adopt(const Error& error);

private:
    QJsonValue take(QLatin1String key);
    // The value when it `matches`; Undefined (and the error) when it is missing or does not.
    QJsonValue typed(QLatin1String key, bool (*matches)(const QJsonValue&),
                     const QString& expected);
    QJsonObject element(QLatin1String key, qsizetype index, const QJsonValue& value);
    void mistyped(const QString& path, const QString& expected, const QJsonValue& found);

    QJsonObject m_object;
    QString m_path;
    // The keys asked for: literals (kTopic...), so a small vector, no string copies; a value of
    // 2,000 partition rows reads 26,000 of them.
    std::vector<QLatin1String> m_read;
    std::optional<Error> m_error;
};

template <typename T>
T JsonFields::value(QLatin1String key) {
    const QJsonObject json = object(key);
    if (ok()) {
        auto parsed = T::fromJson(json, pathOf(key));
        if (parsed) {
            return std::move(parsed).value();
        }
        adopt(parsed.error());
    }
    return T{};
}

template <typename T>
std::vector<T> JsonFields::values(QLatin1String key) {
    const QJsonArray items = array(key);
    std::vector<T> result;
    for (qsizetype i = 0; i < items.size() && ok(); ++i) {
        const QJsonObject json = element(key, i, items.at(i));
        if (!ok()) {
            break;
        }
        auto parsed = T::fromJson(json, pathOf(key, i));
        if (!parsed) {
            adopt(parsed.error());
            break;
        }
        result.push_back(std::move(parsed).value());
    }
    return result;
}

}  // namespace mtga
