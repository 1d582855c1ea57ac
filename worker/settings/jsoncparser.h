#pragma once

// JsoncParser: one pass over the lexer's tokens that checks the structure (keys, commas,
// nesting, one trailing comma allowed) and records the position of every value by its JSON
// pointer; Qt then parses the blanked text for the values themselves.

#include "worker/settings/jsoncdocument.h"
#include "worker/settings/jsonclexer.h"

#include <QHash>
#include <QSet>

#include <vector>

namespace mtga {

class JsoncParser {
public:
    JsoncParser(const QByteArray& text, QString fileName) : m_lexer(text, std::move(fileName)) {}

    Result<JsoncDocument> run();

private:
    using Kind = JsoncLexer::Kind;
    using Token = JsoncLexer::Token;

    // An object or array being read.
    struct Frame {
        bool isObject = false;
        QString pointer;
        SourcePosition opened;
        int nextIndex = 0;
        QSet<QString> keys;
    };

    bool fail(SourcePosition position, const QString& message) {
        return m_lexer.fail(position, message);
    }
    bool beginValue(const Token& token, const QString& pointer);
    bool element(const Token& token);
    bool member(const Token& token);
    bool unexpectedInContainer(const Token& token, const Frame& frame);
    bool parseStructure();
    Result<QJsonValue> parseValues();

    JsoncLexer m_lexer;
    std::vector<Frame> m_stack;
    QHash<QString, SourcePosition> m_positions;
};

}  // namespace mtga
