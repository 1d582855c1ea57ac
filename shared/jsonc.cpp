#include "shared/jsonc.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>
#include <QStringDecoder>

#include <utility>
#include <vector>

namespace mtga {
namespace {

// Deeper settings are certainly a mistake, and the cap keeps far below Qt's own limit (1024).
constexpr int kMaxDepth = 512;
// Long enough to recognise a bad token in a message, short enough not to flood a terminal.
constexpr qsizetype kMaxQuotedToken = 40;

bool isLineBreak(char c) {
    return c == '\n' || c == '\r';
}

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isScalarChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' ||
           c == '.';
}

int hexValue(char c) {
    if (isDigit(c)) {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return c - 'A' + 10;
}

// RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(QByteArrayView text) {
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto digits = [&] {
        const qsizetype start = i;
        while (i < n && isDigit(text[i])) {
            ++i;
        }
        return i > start;
    };
    if (i < n && text[i] == '-') {
        ++i;
    }
    if (i < n && text[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < n && text[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
    }
    return i == n;
}

QString escapePointerSegment(QString segment) {
    // The order matters: escaping '/' first would turn its "~1" into "~01".
    segment.replace(QLatin1Char('~'), QLatin1String("~0"));
    segment.replace(QLatin1Char('/'), QLatin1String("~1"));
    return segment;
}

QString quoteToken(QByteArrayView token) {
    if (token.size() <= kMaxQuotedToken) {
        return QString::fromUtf8(token);
    }
    return QString::fromUtf8(token.first(kMaxQuotedToken)) + QChar(0x2026);
}

QString formatPosition(const QString& fileName, SourcePosition position) {
    return fileName + QLatin1Char(':') + QString::number(position.line) + QLatin1Char(':') +
           QString::number(position.column);
}

// The message for a character that cannot start a token, naming it the way a reader sees it: a
// full-width comma as itself, an invisible one (a BOM inside the text) by its code point, and
// bytes that are no character at all in hex.
QString describeUnexpected(QByteArrayView rest) {
    const auto lead = static_cast<unsigned char>(rest.front());
    const qsizetype length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    // Not QString::fromUtf8, which would drop a BOM and leave nothing to name.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    const QString character = decoder(rest.first(qMin(length, rest.size())));
    if (lead < 0x20 || decoder.hasError() || character.size() != (length == 4 ? 2 : 1)) {
        return JsoncDocument::tr("unexpected byte 0x%1").arg(uint{lead}, 2, 16, QLatin1Char('0'));
    }
    const char32_t code = character.toUcs4().value(0);
    if (!QChar::isPrint(code)) {
        return JsoncDocument::tr("unexpected character U+%1")
            .arg(QString::number(uint{code}, 16).toUpper().rightJustified(4, QLatin1Char('0')));
    }
    return JsoncDocument::tr("unexpected character \"%1\"").arg(character);
}

// Walks the text byte by byte keeping line and column, so that every position handed out (and the
// offset of a Qt parse error) is counted the same way: one column per code point, not per byte.
struct Cursor {
    qsizetype offset = 0;
    int line = 1;
    int column = 1;

    SourcePosition position() const { return {line, column}; }

    void step(const QByteArray& text) {
        const char c = text[offset++];
        // "\r\n" is one break: the '\r' only moves the column, the '\n' then starts the line.
        if (c == '\n' || (c == '\r' && (offset >= text.size() || text[offset] != '\n'))) {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++column;  // UTF-8 continuation bytes belong to the character before them
        }
    }
};

}  // namespace

// One pass over the text that checks the structure, records the position of every value, and
// blanks comments and the allowed trailing commas so that Qt can parse the values themselves.
class JsoncDocument::Parser {
public:
    Parser(const QByteArray& text, QString fileName)
        : m_text(text), m_clean(text), m_fileName(std::move(fileName)) {}

    Result<JsoncDocument> run();

private:
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
    struct Frame {
        bool isObject = false;
        QString pointer;
        SourcePosition opened;
        int nextIndex = 0;
        QSet<QString> keys;
    };

    bool fail(SourcePosition position, const QString& message);
    char peek(qsizetype ahead = 0) const;
    void blank(qsizetype begin, qsizetype end);
    bool skipSpaceAndComments();
    bool next(Token& token);
    bool lexString(Token& token);
    bool lexScalar(Token& token);
    QString decodeString(const Token& token) const;

    bool beginValue(const Token& token, const QString& pointer);
    bool element(const Token& token);
    bool member(const Token& token);
    bool unexpectedInContainer(const Token& token, const Frame& frame);
    bool parseStructure();
    Result<QJsonValue> parseValues();

    const QByteArray& m_text;
    QByteArray m_clean;
    QString m_fileName;
    Cursor m_cursor;
    std::vector<Frame> m_stack;
    QHash<QString, SourcePosition> m_positions;
    std::optional<Error> m_error;
};

bool JsoncDocument::Parser::fail(SourcePosition position, const QString& message) {
    m_error = Error{QStringLiteral("invalid_json"),
                    formatPosition(m_fileName, position) + QLatin1String(": ") + message};
    return false;
}

char JsoncDocument::Parser::peek(qsizetype ahead) const {
    const qsizetype at = m_cursor.offset + ahead;
    return at < m_text.size() ? m_text[at] : '\0';
}

void JsoncDocument::Parser::blank(qsizetype begin, qsizetype end) {
    // Line breaks stay so that Qt's error offsets still fall on the right line.
    for (qsizetype i = begin; i < end; ++i) {
        if (!isLineBreak(m_clean[i])) {
            m_clean[i] = ' ';
        }
    }
}

bool JsoncDocument::Parser::skipSpaceAndComments() {
    while (m_cursor.offset < m_text.size()) {
        const char c = peek();
        if (c == ' ' || c == '\t' || isLineBreak(c)) {
            m_cursor.step(m_text);
            continue;
        }
        if (c != '/') {
            return true;
        }
        const SourcePosition start = m_cursor.position();
        const qsizetype begin = m_cursor.offset;
        if (peek(1) == '/') {
            while (m_cursor.offset < m_text.size() && !isLineBreak(peek())) {
                m_cursor.step(m_text);
            }
        } else if (peek(1) == '*') {
            m_cursor.step(m_text);
            m_cursor.step(m_text);
            while (m_cursor.offset < m_text.size() && !(peek() == '*' && peek(1) == '/')) {
                m_cursor.step(m_text);
            }
            if (m_cursor.offset >= m_text.size()) {
                return fail(start, JsoncDocument::tr("unterminated block comment"));
            }
            m_cursor.step(m_text);
            m_cursor.step(m_text);
        } else {
            return fail(start, JsoncDocument::tr("unexpected \"/\": comments start with // or /*"));
        }
        blank(begin, m_cursor.offset);
    }
    return true;
}

bool JsoncDocument::Parser::next(Token& token) {
    if (!skipSpaceAndComments()) {
        return false;
    }
    token.begin = m_cursor.offset;
    token.position = m_cursor.position();
    if (m_cursor.offset >= m_text.size()) {
        token.kind = Kind::End;
        token.end = token.begin;
        return true;
    }
    const char c = peek();
    switch (c) {
        case '{':
            token.kind = Kind::BeginObject;
            break;
        case '}':
            token.kind = Kind::EndObject;
            break;
        case '[':
            token.kind = Kind::BeginArray;
            break;
        case ']':
            token.kind = Kind::EndArray;
            break;
        case ',':
            token.kind = Kind::Comma;
            break;
        case ':':
            token.kind = Kind::Colon;
            break;
        case '"':
            return lexString(token);
        default:
            if (isScalarChar(c)) {
                return lexScalar(token);
            }
            return fail(token.position,
                        describeUnexpected(QByteArrayView(m_text).sliced(m_cursor.offset)));
    }
    m_cursor.step(m_text);
    token.end = m_cursor.offset;
    return true;
}

bool JsoncDocument::Parser::lexString(Token& token) {
    token.kind = Kind::String;
    m_cursor.step(m_text);  // the opening quote
    for (;;) {
        // A string cannot span lines, so a missing quote is reported where the string starts
        // instead of swallowing the rest of the file.
        if (m_cursor.offset >= m_text.size() || isLineBreak(peek())) {
            return fail(token.position, JsoncDocument::tr("unterminated string"));
        }
        const char c = peek();
        if (c == '"') {
            m_cursor.step(m_text);
            token.end = m_cursor.offset;
            return true;
        }
        if (static_cast<unsigned char>(c) < 0x20) {
            return fail(m_cursor.position(),
                        JsoncDocument::tr(
                            "control character in a string (write it as an escape such as \\t)"));
        }
        if (c != '\\') {
            m_cursor.step(m_text);
            continue;
        }
        const SourcePosition escape = m_cursor.position();
        m_cursor.step(m_text);
        if (m_cursor.offset >= m_text.size() || isLineBreak(peek())) {
            return fail(token.position, JsoncDocument::tr("unterminated string"));
        }
        const char e = peek();
        if (e == 'u') {
            m_cursor.step(m_text);
            for (int i = 0; i < 4; ++i) {
                if (!isHexDigit(peek())) {
                    return fail(escape, JsoncDocument::tr(
                                            "invalid escape sequence: \\u needs four hex digits"));
                }
                m_cursor.step(m_text);
            }
        } else if (QByteArrayView("\"\\/bfnrt").contains(e)) {
            m_cursor.step(m_text);
        } else {
            return fail(escape, JsoncDocument::tr("invalid escape sequence"));
        }
    }
}

bool JsoncDocument::Parser::lexScalar(Token& token) {
    // Validated later, by the parser: only there is it known whether a value or a key was due.
    token.kind = Kind::Scalar;
    while (m_cursor.offset < m_text.size() && isScalarChar(peek())) {
        m_cursor.step(m_text);
    }
    token.end = m_cursor.offset;
    return true;
}

QString JsoncDocument::Parser::decodeString(const Token& token) const {
    // lexString has validated the escapes, so this needs no error handling.
    QString result;
    // Not QString::fromUtf8, which drops a BOM at the start of each run: Qt's parser keeps it, and
    // "\uFEFFa" and "a" are different keys.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    const qsizetype last = token.end - 1;  // the closing quote
    qsizetype runStart = token.begin + 1;
    qsizetype i = runStart;
    while (i < last) {
        if (m_text[i] != '\\') {
            ++i;
            continue;
        }
        result += utf8(QByteArrayView(m_text).sliced(runStart, i - runStart));
        const char e = m_text[i + 1];
        i += 2;
        switch (e) {
            case 'b':
                result += QLatin1Char('\b');
                break;
            case 'f':
                result += QLatin1Char('\f');
                break;
            case 'n':
                result += QLatin1Char('\n');
                break;
            case 'r':
                result += QLatin1Char('\r');
                break;
            case 't':
                result += QLatin1Char('\t');
                break;
            case 'u': {
                char16_t unit = 0;
                for (int k = 0; k < 4; ++k) {
                    unit = static_cast<char16_t>(unit * 16 + hexValue(m_text[i + k]));
                }
                // A surrogate pair joins up as two UTF-16 units, as in Qt's parser.
                result += QChar(unit);
                i += 4;
                break;
            }
            default:  // '"', '\\' and '/' stand for themselves
                result += QLatin1Char(e);
                break;
        }
        runStart = i;
    }
    result += utf8(QByteArrayView(m_text).sliced(runStart, last - runStart));
    return result;
}

bool JsoncDocument::Parser::beginValue(const Token& token, const QString& pointer) {
    switch (token.kind) {
        case Kind::BeginObject:
        case Kind::BeginArray:
            if (m_stack.size() >= static_cast<size_t>(kMaxDepth)) {
                return fail(token.position,
                            JsoncDocument::tr("objects and arrays are nested deeper than %1 levels")
                                .arg(kMaxDepth));
            }
            m_stack.push_back(
                Frame{token.kind == Kind::BeginObject, pointer, token.position, 0, {}});
            return true;
        case Kind::String:
            return true;
        case Kind::Scalar: {
            const QByteArrayView text =
                QByteArrayView(m_text).sliced(token.begin, token.end - token.begin);
            if (text == "true" || text == "false" || text == "null" || isJsonNumber(text)) {
                return true;
            }
            return fail(token.position,
                        JsoncDocument::tr("invalid value \"%1\"").arg(quoteToken(text)));
        }
        case Kind::End:
            return fail(token.position,
                        JsoncDocument::tr("unexpected end of input, expected a value"));
        case Kind::Comma:
            return fail(token.position, JsoncDocument::tr("unexpected comma, expected a value"));
        default:
            return fail(token.position, JsoncDocument::tr("expected a value, found \"%1\"")
                                            .arg(QLatin1Char(m_text[token.begin])));
    }
}

bool JsoncDocument::Parser::element(const Token& token) {
    Frame& frame = m_stack.back();
    if (token.kind == Kind::End || token.kind == Kind::Comma) {
        return unexpectedInContainer(token, frame);
    }
    const QString pointer = frame.pointer + QLatin1Char('/') + QString::number(frame.nextIndex++);
    m_positions.insert(pointer, token.position);
    return beginValue(token, pointer);
}

bool JsoncDocument::Parser::member(const Token& token) {
    Frame& frame = m_stack.back();
    if (token.kind == Kind::End || token.kind == Kind::Comma) {
        return unexpectedInContainer(token, frame);
    }
    if (token.kind != Kind::String) {
        return fail(token.position, JsoncDocument::tr("expected a key in double quotes"));
    }
    const QString key = decodeString(token);
    if (frame.keys.contains(key)) {
        return fail(token.position, JsoncDocument::tr("duplicate key \"%1\"").arg(key));
    }
    frame.keys.insert(key);
    const QString pointer = frame.pointer + QLatin1Char('/') + escapePointerSegment(key);
    m_positions.insert(pointer, token.position);
    Token colon;
    if (!next(colon)) {
        return false;
    }
    if (colon.kind != Kind::Colon) {
        return fail(colon.position,
                    JsoncDocument::tr("expected \":\" after the key \"%1\"").arg(key));
    }
    Token value;
    return next(value) && beginValue(value, pointer);
}

bool JsoncDocument::Parser::unexpectedInContainer(const Token& token, const Frame& frame) {
    if (token.kind == Kind::Comma) {
        return fail(token.position, frame.isObject
                                        ? JsoncDocument::tr("unexpected comma, expected a key")
                                        : JsoncDocument::tr("unexpected comma, expected a value"));
    }
    if (token.kind == Kind::End) {
        const QString opened = QString::number(frame.opened.line) + QLatin1Char(':') +
                               QString::number(frame.opened.column);
        return fail(
            token.position,
            frame.isObject
                ? JsoncDocument::tr(
                      "unexpected end of input: the object opened at %1 is not closed")
                      .arg(opened)
                : JsoncDocument::tr("unexpected end of input: the array opened at %1 is not closed")
                      .arg(opened));
    }
    return fail(token.position, frame.isObject ? JsoncDocument::tr("expected \",\" or \"}\"")
                                               : JsoncDocument::tr("expected \",\" or \"]\""));
}

bool JsoncDocument::Parser::parseStructure() {
    Token token;
    if (!next(token)) {
        return false;
    }
    if (token.kind == Kind::End) {
        return fail(token.position, JsoncDocument::tr("the document is empty"));
    }
    m_positions.insert(QString(), token.position);
    if (!beginValue(token, QString())) {
        return false;
    }
    // Iterative rather than recursive so that no input can exhaust the stack. Each turn either
    // has just opened a container (nextIndex 0, no keys) or has just finished a value.
    bool justOpened = !m_stack.empty();
    while (!m_stack.empty()) {
        const Kind closer = m_stack.back().isObject ? Kind::EndObject : Kind::EndArray;
        if (!next(token)) {
            return false;
        }
        if (token.kind == closer) {
            m_stack.pop_back();
            justOpened = false;
            continue;
        }
        if (!justOpened) {
            if (token.kind != Kind::Comma) {
                return unexpectedInContainer(token, m_stack.back());
            }
            const Token comma = token;
            if (!next(token)) {
                return false;
            }
            if (token.kind == closer) {
                // One trailing comma is allowed; Qt must not see it.
                blank(comma.begin, comma.end);
                m_stack.pop_back();
                continue;
            }
        }
        const size_t depth = m_stack.size();
        if (!(m_stack.back().isObject ? member(token) : element(token))) {
            return false;
        }
        justOpened = m_stack.size() > depth;
    }
    if (!next(token)) {
        return false;
    }
    if (token.kind != Kind::End) {
        return fail(token.position,
                    JsoncDocument::tr("unexpected content after the end of the document"));
    }
    return true;
}

Result<QJsonValue> JsoncDocument::Parser::parseValues() {
    // Qt only accepts an object or an array at the top, so the value is wrapped in an array; the
    // extra '[' is why one is taken off Qt's error offset.
    QByteArray wrapped;
    wrapped.reserve(m_clean.size() + 2);
    wrapped.append('[').append(m_clean).append(']');
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error == QJsonParseError::NoError) {
        return document.array().at(0);
    }
    const qsizetype offset = qBound(qsizetype(0), qsizetype(error.offset) - 1, m_text.size());
    Cursor cursor;
    while (cursor.offset < offset) {
        cursor.step(m_text);
    }
    fail(cursor.position(), error.errorString());
    return *m_error;
}

Result<JsoncDocument> JsoncDocument::Parser::run() {
    if (!parseStructure()) {
        return *m_error;
    }
    auto root = parseValues();
    if (!root) {
        return root.error();
    }
    JsoncDocument document;
    document.m_root = std::move(root).value();
    document.m_fileName = m_fileName;
    document.m_positions = std::move(m_positions);
    return document;
}

Result<JsoncDocument> JsoncDocument::parse(const QByteArray& text, const QString& fileName) {
    // Dropping the BOM up front keeps it out of every offset, so it never shifts a column.
    static constexpr char kBom[] = "\xEF\xBB\xBF";
    const QByteArray body = text.startsWith(kBom) ? text.sliced(3) : text;
    return Parser(body, fileName).run();
}

Result<JsoncDocument> JsoncDocument::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{
            QStringLiteral("io_error"),
            path + QLatin1String(": ") + tr("cannot open the file: %1").arg(file.errorString())};
    }
    const QByteArray text = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        return Error{
            QStringLiteral("io_error"),
            path + QLatin1String(": ") + tr("cannot read the file: %1").arg(file.errorString())};
    }
    return parse(text, path);
}

const QJsonValue& JsoncDocument::root() const {
    return m_root;
}

const QString& JsoncDocument::fileName() const {
    return m_fileName;
}

std::optional<SourcePosition> JsoncDocument::position(const QString& pointer) const {
    const auto found = m_positions.constFind(pointer);
    if (found == m_positions.cend()) {
        return std::nullopt;
    }
    return *found;
}

QString JsoncDocument::locate(const QString& pointer) const {
    // A pointer that does not start with '/' is malformed and so has no parent to fall back to.
    if (!pointer.isEmpty() && !pointer.startsWith(QLatin1Char('/'))) {
        return m_fileName;
    }
    QString candidate = pointer;
    for (;;) {
        if (const auto found = position(candidate)) {
            return formatPosition(m_fileName, *found);
        }
        if (candidate.isEmpty()) {
            return m_fileName;
        }
        candidate.truncate(candidate.lastIndexOf(QLatin1Char('/')));
    }
}

}  // namespace mtga
