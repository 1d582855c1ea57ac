#include "worker/settings/jsoncparser.h"

#include "worker/transform/jsontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mtga {
namespace {

// Deeper settings are certainly a mistake, and the cap keeps far below Qt's own limit (1024).
constexpr int kMaxDepth = 512;
// Long enough to recognise a bad token in a message, short enough not to flood a terminal.
constexpr qsizetype kMaxQuotedToken = 40;

QString quoteToken(QByteArrayView token) {
    if (token.size() <= kMaxQuotedToken) {
        return QString::fromUtf8(token);
    }
    return QString::fromUtf8(token.first(kMaxQuotedToken)) + QChar(0x2026);
}

}  // namespace

bool JsoncParser::beginValue(const Token& token, const QString& pointer) {
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
                QByteArrayView(m_lexer.text()).sliced(token.begin, token.end - token.begin);
            if (text == "true" || text == "false" || text == "null" ||
                jsontext::isJsonNumber(std::string_view(text.data(), size_t(text.size())))) {
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
                                            .arg(QLatin1Char(m_lexer.text()[token.begin])));
    }
}

bool JsoncParser::element(const Token& token) {
    Frame& frame = m_stack.back();
    if (token.kind == Kind::End || token.kind == Kind::Comma) {
        return unexpectedInContainer(token, frame);
    }
    const QString pointer = JsoncDocument::elementPointer(frame.pointer, frame.nextIndex++);
    m_positions.insert(pointer, token.position);
    return beginValue(token, pointer);
}

bool JsoncParser::member(const Token& token) {
    Frame& frame = m_stack.back();
    if (token.kind == Kind::End || token.kind == Kind::Comma) {
        return unexpectedInContainer(token, frame);
    }
    if (token.kind != Kind::String) {
        return fail(token.position, JsoncDocument::tr("expected a key in double quotes"));
    }
    const QString key = m_lexer.decodeString(token);
    if (frame.keys.contains(key)) {
        return fail(token.position, JsoncDocument::tr("duplicate key \"%1\"").arg(key));
    }
    frame.keys.insert(key);
    const QString pointer = JsoncDocument::memberPointer(frame.pointer, key);
    m_positions.insert(pointer, token.position);
    Token colon;
    if (!m_lexer.next(colon)) {
        return false;
    }
    if (colon.kind != Kind::Colon) {
        return fail(colon.position,
                    JsoncDocument::tr("expected \":\" after the key \"%1\"").arg(key));
    }
    Token value;
    return m_lexer.next(value) && beginValue(value, pointer);
}

bool JsoncParser::unexpectedInContainer(const Token& token, const Frame& frame) {
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

bool JsoncParser::parseStructure() {
    Token token;
    if (!m_lexer.next(token)) {
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
        if (!m_lexer.next(token)) {
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
            if (!m_lexer.next(token)) {
                return false;
            }
            if (token.kind == closer) {
                // One trailing comma is allowed; Qt must not see it.
                m_lexer.blank(comma.begin, comma.end);
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
    if (!m_lexer.next(token)) {
        return false;
    }
    if (token.kind != Kind::End) {
        return fail(token.position,
                    JsoncDocument::tr("unexpected content after the end of the document"));
    }
    return true;
}

Result<QJsonValue> JsoncParser::parseValues() {
    // Qt only accepts an object or an array at the top, so the value is wrapped in an array; the
    // extra '[' is why one is taken off Qt's error offset.
    QByteArray wrapped;
    wrapped.reserve(m_lexer.clean().size() + 2);
    wrapped.append('[').append(m_lexer.clean()).append(']');
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error == QJsonParseError::NoError) {
        return document.array().at(0);
    }
    const qsizetype offset =
        qBound(qsizetype(0), qsizetype(error.offset) - 1, m_lexer.text().size());
    fail(m_lexer.positionAt(offset), error.errorString());
    return m_lexer.error();
}

Result<JsoncDocument> JsoncParser::run() {
    if (!parseStructure()) {
        return m_lexer.error();
    }
    auto root = parseValues();
    if (!root) {
        return root.error();
    }
    JsoncDocument document;
    document.m_root = std::move(root).value();
    document.m_fileName = m_lexer.fileName();
    document.m_positions = std::move(m_positions);
    return document;
}

}  // namespace mtga
