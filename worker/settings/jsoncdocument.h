#pragma once

// JsoncDocument: reads JSON with comments and trailing commas (settings files) and remembers where
// every value came from, so that errors about a setting can name its file, line and column.

#include "shared/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace mtga {

struct SourcePosition {
    int line = 0;    // 1-based
    int column = 0;  // 1-based, in characters (code points) of the line
};

class JsoncDocument {
    Q_DECLARE_TR_FUNCTIONS(JsoncDocument)

public:
    // Parses JSON with comments. On failure the Error has code "invalid_json" and a message of the
    // exact form "FILE:LINE:COLUMN: MESSAGE" (1-based line and column, in characters of the line).
    static Result<JsoncDocument> parse(const QByteArray& text, const QString& fileName);
    // Reads and parses a file; an I/O failure gives code "io_error" and "FILE: MESSAGE".
    static Result<JsoncDocument> load(const QString& path);

    const QJsonValue& root() const;
    const QString& fileName() const;
    // Position of the value at an RFC 6901 JSON pointer ("" = root, "/filters/0/field"); for an
    // object member it is the position of the member's KEY (the opening quote). nullopt if absent.
    std::optional<SourcePosition> position(const QString& pointer) const;
    // "FILE:LINE:COLUMN" for that pointer, falling back to the nearest existing parent, then
    // "FILE".
    QString locate(const QString& pointer) const;

    // The pointer to member `key` of the object at `parent` ('~' and '/' escaped as RFC 6901
    // says), and to element `index` of the array at `parent`.
    static QString memberPointer(const QString& parent, QString key);
    static QString elementPointer(const QString& parent, qsizetype index);
    // "FILE:LINE:COLUMN", the form of every position in a message.
    static QString formatPosition(const QString& fileName, SourcePosition position);

private:
    friend class JsoncParser;  // fills in a document as it parses

    JsoncDocument() = default;

    QJsonValue m_root;
    QString m_fileName;
    QHash<QString, SourcePosition> m_positions;
};

}  // namespace mtga
