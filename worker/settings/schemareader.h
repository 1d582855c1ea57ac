#pragma once

// SchemaReader: reads the values of one settings file against what its schema expects, and
// collects every error with its location ("FILE:LINE:COLUMN: \"key\": message") instead of
// stopping at the first, so one load lists everything to fix.

#include "worker/settings/jsoncdocument.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mtga {

class SchemaReader {
public:
    SchemaReader(const JsoncDocument& document, QStringList& errors)
        : m_document(document), m_errors(errors) {}

    void error(const QString& pointer, const QString& message);

    // The object at `pointer`, with unknown keys reported (any key is known when `allowedKeys`
    // is empty).
    std::optional<QJsonObject> object(const QJsonValue& value, const QString& pointer,
                                      const QStringList& allowedKeys);
    // The members of `object` at `pointer`: nullopt when absent, or wrong (and reported).
    std::optional<std::string> string(const QJsonObject& object, const QString& pointer,
                                      const QString& key, bool allowEmpty = true);
    std::optional<bool> boolean(const QJsonObject& object, const QString& pointer,
                                const QString& key);
    // A string that must be one of `choices`.
    std::optional<QString> choice(const QJsonObject& object, const QString& pointer,
                                  const QString& key, const QStringList& choices);
    // A list of non-empty strings; the wrong elements are reported and left out.
    std::vector<std::string> stringList(const QJsonObject& object, const QString& pointer,
                                        const QString& key);
    // An object whose values are all non-empty strings; the wrong ones are reported and left out.
    std::vector<std::pair<std::string, std::string>> stringMap(const QJsonObject& object,
                                                               const QString& pointer,
                                                               const QString& key);

private:
    const JsoncDocument& m_document;
    QStringList& m_errors;
};

}  // namespace mtga
