#pragma once

// JsoncLexer: cuts JSON with comments into tokens, keeping the line and column of each, and
// blanks the comments in a copy of the text so that Qt can parse the values afterwards. It also
// holds the error that stops the reading, its own or its parser's.

#include "shared/result.h"
#include "worker/settings/jsoncdocument.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace mtga {

class JsoncLexer {
public:
    enum class Kind {
        End,
        BeginObject,
        EndObject,
        BeginArray,
        EndArray,
        Comma,
        Colon,
        String,
        Scalar
    };
    struct Token {
        Kind kind = Kind::End;
        qsizetype begin = 0;
        qsizetype end = 0;
        SourcePosition position;
    };

    JsoncLexer(const QByteArray& text, QString fileName)
        : m_text(text), m_clean(text), m_fileName(std::move(fileName)) {}

    // The next token, or false (and error()) when the text has none here.
    bool next(Token& token);
    // The unescaped text of a String token.
    QString decodeString(const Token& token) const;
    // Spaces out [begin, end) in clean() (a trailing comma Qt must not see).
    void blank(qsizetype begin, qsizetype end);

    // Records the error "FILE:LINE:COLUMN: message" and returns false.
    bool fail(SourcePosition position, const QString& message);
    const Error& error() const { return *m_error; }

    const QByteArray& text() const { return m_text; }
    const QByteArray& clean() const { return m_clean; }
    const QString& fileName() const { return m_fileName; }
    // Where byte `offset` of the text stands, counted as tokens are (for Qt's error offsets).
    SourcePosition positionAt(qsizetype offset) const;

private:
    // Walks the text byte by byte keeping line and column, so that every position handed out
    // (and the offset of a Qt parse error) is counted the same way: one column per code point,
    // not per byte.
    struct Cursor {
        qsizetype offset = 0;
        int line = 1;
        int column = 1;

        SourcePosition position() const { return {line, column}; }
        void step(const QByteArray& text);
    };

    char peek(qsizetype ahead = 0) const;
    bool skipSpaceAndComments();
    bool lexString(Token& token);
    bool lexScalar(Token& token);

    const QByteArray& m_text;
    QByteArray m_clean;
    QString m_fileName;
    Cursor m_cursor;
    std::optional<Error> m_error;
};

}  // namespace mtga
