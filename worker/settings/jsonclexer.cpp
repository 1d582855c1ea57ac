#include "worker/settings/jsonclexer.h"

#include <QStringDecoder>

#include <string_view>
#include <utility>

namespace mtga {
namespace {

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

// The one-letter escapes of control characters, and what they stand for.
constexpr std::string_view kEscapeLetters = "bfnrt";
constexpr std::string_view kEscapedChars = "\b\f\n\r\t";

// The characters that are a token by themselves.
constexpr std::pair<char, JsoncLexer::Kind> kPunctuation[] = {
    {'{', JsoncLexer::Kind::BeginObject}, {'}', JsoncLexer::Kind::EndObject},
    {'[', JsoncLexer::Kind::BeginArray},  {']', JsoncLexer::Kind::EndArray},
    {',', JsoncLexer::Kind::Comma},       {':', JsoncLexer::Kind::Colon}};

}  // namespace

void JsoncLexer::Cursor::step(const QByteArray& text) {
    const char c = text[offset++];
    // "\r\n" is one break: the '\r' only moves the column, the '\n' then starts the line.
    if (c == '\n' || (c == '\r' && (offset >= text.size() || text[offset] != '\n'))) {
        ++line;
        column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++column;  // UTF-8 continuation bytes belong to the character before them
    }
}

bool JsoncLexer::fail(SourcePosition position, const QString& message) {
    m_error =
        Error::of(ErrorCode::InvalidJson, JsoncDocument::formatPosition(m_fileName, position) +
                                              QLatin1String(": ") + message);
    return false;
}

SourcePosition JsoncLexer::positionAt(qsizetype offset) const {
    Cursor cursor;
    while (cursor.offset < offset) {
        cursor.step(m_text);
    }
    return cursor.position();
}

char JsoncLexer::peek(qsizetype ahead) const {
    const qsizetype at = m_cursor.offset + ahead;
    return at < m_text.size() ? m_text[at] : '\0';
}

void JsoncLexer::blank(qsizetype begin, qsizetype end) {
    // Line breaks stay so that Qt's error offsets still fall on the right line.
    for (qsizetype i = begin; i < end; ++i) {
        if (!isLineBreak(m_clean[i])) {
            m_clean[i] = ' ';
        }
    }
}

bool JsoncLexer::skipSpaceAndComments() {
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

bool JsoncLexer::next(Token& token) {
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
    for (const auto& [mark, kind] : kPunctuation) {
        if (c == mark) {
            token.kind = kind;
            m_cursor.step(m_text);
            token.end = m_cursor.offset;
            return true;
        }
    }
    if (c == '"') {
        return lexString(token);
    }
    if (isScalarChar(c)) {
        return lexScalar(token);
    }
    return fail(token.position, describeUnexpected(QByteArrayView(m_text).sliced(m_cursor.offset)));
}

bool JsoncLexer::lexString(Token& token) {
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

bool JsoncLexer::lexScalar(Token& token) {
    // Validated later, by the parser: only there is it known whether a value or a key was due.
    token.kind = Kind::Scalar;
    while (m_cursor.offset < m_text.size() && isScalarChar(peek())) {
        m_cursor.step(m_text);
    }
    token.end = m_cursor.offset;
    return true;
}

QString JsoncLexer::decodeString(const Token& token) const {
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
        if (e == 'u') {
            char16_t unit = 0;
            for (int k = 0; k < 4; ++k) {
                unit = static_cast<char16_t>(unit * 16 + hexValue(m_text[i + k]));
            }
            // A surrogate pair joins up as two UTF-16 units, as in Qt's parser.
            result += QChar(unit);
            i += 4;
        } else {
            // '"', '\\' and '/' stand for themselves.
            const size_t letter = kEscapeLetters.find(e);
            result += QLatin1Char(letter == std::string_view::npos ? e : kEscapedChars[letter]);
        }
        runStart = i;
    }
    result += utf8(QByteArrayView(m_text).sliced(runStart, last - runStart));
    return result;
}

}  // namespace mtga
