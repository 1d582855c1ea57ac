#include "shared/controlprotocol.h"

#include "shared/jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mtga {
namespace {

// Integers above 2^53 do not survive a round trip through a JSON double (QJsonValue, JavaScript),
// so they could not be echoed back reliably.
bool isValidId(const QJsonValue& id) {
    return isJsonInteger(id);
}

// The id as it goes back on the wire: an integer, not 1.0.
QJsonValue normalisedId(const QJsonValue& id) {
    return isValidId(id) ? QJsonValue(static_cast<qint64>(id.toDouble())) : QJsonValue();
}

QByteArray stripLineEnd(const QByteArray& line) {
    QByteArray text = line;
    if (text.endsWith('\n')) {
        text.chop(1);
    }
    if (text.endsWith('\r')) {
        text.chop(1);
    }
    return text;
}

// QJsonDocument only takes an object or an array at the top, but "42" is JSON too, just not a
// request; telling the two apart gives the client the right error code.
bool isJsonScalar(const QByteArray& line) {
    QByteArray wrapped = stripLineEnd(line);
    wrapped.prepend('[');
    wrapped.append(']');
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &parseError);
    return parseError.error == QJsonParseError::NoError && document.array().size() == 1;
}

QByteArray toLine(const QJsonObject& object) {
    QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    line.append('\n');
    return line;
}

}  // namespace

Result<ControlRequest> ControlProtocol::parseRequest(const QByteArray& line) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(stripLineEnd(line), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (isJsonScalar(line)) {
            return Error::of(ErrorCode::BadRequest, tr("a request must be a JSON object"));
        }
        return Error::of(ErrorCode::BadJson, tr("the request is not valid JSON: %1 at byte %2")
                                                 .arg(parseError.errorString())
                                                 .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return Error::of(ErrorCode::BadRequest, tr("a request must be a JSON object"));
    }
    const QJsonObject object = document.object();
    ControlRequest request;
    const QJsonValue id = object.value(QLatin1String("id"));
    if (!id.isUndefined() && !id.isNull()) {
        if (!isValidId(id)) {
            return Error::of(
                ErrorCode::BadRequest,
                tr("\"id\" must be an integer of at most 2^53 in magnitude, not %1")
                    .arg(id.isDouble() ? QString::number(id.toDouble()) : jsonTypeName(id)));
        }
        request.id = normalisedId(id);
    }
    const QJsonValue cmd = object.value(QLatin1String("cmd"));
    if (cmd.isUndefined()) {
        return Error::of(ErrorCode::BadRequest, tr("\"cmd\" is missing"));
    }
    if (!cmd.isString() || cmd.toString().isEmpty()) {
        return Error::of(ErrorCode::BadRequest,
                         tr("\"cmd\" must be a non-empty string, not %1")
                             .arg(cmd.isString() ? tr("an empty string") : jsonTypeName(cmd)));
    }
    request.cmd = cmd.toString();
    const QJsonValue args = object.value(QLatin1String("args"));
    if (!args.isUndefined() && !args.isNull()) {
        if (!args.isObject()) {
            return Error::of(ErrorCode::BadRequest,
                             tr("\"args\" must be an object, not %1").arg(jsonTypeName(args)));
        }
        request.args = args.toObject();
    }
    return request;
}

QJsonValue ControlProtocol::requestIdForError(const QByteArray& line) {
    const QJsonDocument document = QJsonDocument::fromJson(stripLineEnd(line));
    return document.isObject() ? normalisedId(document.object().value(QLatin1String("id")))
                               : QJsonValue();
}

QByteArray ControlProtocol::encodeRequest(const ControlRequest& request) {
    QJsonObject object{{QStringLiteral("cmd"), request.cmd},
                       {QStringLiteral("args"), request.args}};
    if (!request.id.isNull() && !request.id.isUndefined()) {
        object.insert(QStringLiteral("id"), request.id);
    }
    return toLine(object);
}

QByteArray ControlProtocol::encodeOk(const QJsonValue& id, const QJsonObject& result) {
    return toLine(QJsonObject{{QStringLiteral("id"), normalisedId(id)},
                              {QStringLiteral("ok"), true},
                              {QStringLiteral("result"), result}});
}

QByteArray ControlProtocol::encodeError(const QJsonValue& id, const Error& error) {
    return toLine(QJsonObject{
        {QStringLiteral("id"), normalisedId(id)},
        {QStringLiteral("ok"), false},
        {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.codeName()},
                                              {QStringLiteral("message"), error.message}}}});
}

QByteArray ControlProtocol::encodeEvent(const QString& event, const QJsonObject& fields) {
    QJsonObject object = fields;
    object.insert(QStringLiteral("event"), event);
    return toLine(object);
}

QString ControlProtocol::leadingEventName(const QByteArray& line) {
    static constexpr QByteArrayView kPrefix{"{\"event\":\""};
    if (!line.startsWith(kPrefix)) {
        return {};
    }
    const qsizetype end = line.indexOf('"', kPrefix.size());
    if (end < 0) {
        return {};
    }
    const QByteArrayView name = QByteArrayView(line).sliced(kPrefix.size(), end - kPrefix.size());
    // Names are plain identifiers: anything escaped is left to the full parser.
    if (name.isEmpty() || name.contains('\\')) {
        return {};
    }
    return QString::fromUtf8(name);
}

Result<ControlResponse> ControlProtocol::parseResponse(const QByteArray& line) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(stripLineEnd(line), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error::of(ErrorCode::BadReply, tr("the reply is not valid JSON: %1 at byte %2")
                                                  .arg(parseError.errorString())
                                                  .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return Error::of(ErrorCode::BadReply, tr("the reply is not a JSON object"));
    }
    const QJsonObject object = document.object();
    ControlResponse response;
    const QJsonValue event = object.value(QLatin1String("event"));
    if (!event.isUndefined()) {
        if (!event.isString() || event.toString().isEmpty()) {
            return Error::of(ErrorCode::BadReply, tr("the event name must be a non-empty string"));
        }
        response.kind = ControlResponse::Kind::Event;
        response.event = event.toString();
        response.body = object;
        return response;
    }
    const QJsonValue id = object.value(QLatin1String("id"));
    if (!id.isUndefined() && !id.isNull() && !isValidId(id)) {
        return Error::of(ErrorCode::BadReply, tr("the reply's \"id\" is not an integer"));
    }
    response.id = normalisedId(id);
    const QJsonValue ok = object.value(QLatin1String("ok"));
    if (!ok.isBool()) {
        return Error::of(ErrorCode::BadReply, tr("the reply has no boolean \"ok\""));
    }
    response.ok = ok.toBool();
    if (response.ok) {
        const QJsonValue result = object.value(QLatin1String("result"));
        if (!result.isObject()) {
            return Error::of(ErrorCode::BadReply, tr("the reply has no \"result\" object"));
        }
        response.result = result.toObject();
        return response;
    }
    const QJsonObject error = object.value(QLatin1String("error")).toObject();
    const QJsonValue code = error.value(QLatin1String("code"));
    const QJsonValue message = error.value(QLatin1String("message"));
    if (!code.isString() || code.toString().isEmpty() || !message.isString()) {
        return Error::of(ErrorCode::BadReply,
                         tr("the error reply has no \"code\" and \"message\" strings"));
    }
    response.error = Error::received(code.toString(), message.toString());
    return response;
}

}  // namespace mtga
