#pragma once

// The control protocol's wire format (docs/protocol.md): one compact JSON object per line, UTF-8,
// requests from the CLI and the console, replies and pushed events from the worker. Everything
// that reads or writes a line goes through here, so the server, the CLI client and the console
// agree byte for byte. Error codes come from ErrorCode (shared/errorcode.h), commands from the
// CommandTable (shared/commands.h).

#include "shared/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace mtga {

// Bumped on any incompatible change; `hello` refuses the versions a server does not speak.
constexpr int kControlProtocolVersion = 1;
// A line (without its '\n') may be at most this long, in both directions: a peer cannot make the
// other side buffer without bound, and commands that list things page instead.
constexpr qint64 kMaxControlLineBytes = qint64{1} * 1024 * 1024;

struct ControlRequest {
    QJsonValue id;  // an integer, or null when the client sent none
    QString cmd;
    QJsonObject args;
};

// What the worker sends: the reply to one request, or an event it pushes on its own.
struct ControlResponse {
    enum class Kind { Reply, Event };
    Kind kind = Kind::Reply;
    QJsonValue id;       // Reply: the request's id (null when it had none or was unreadable)
    bool ok = false;     // Reply
    QJsonObject result;  // Reply when ok
    Error error;         // Reply when not ok; its code may be a newer worker's (ErrorCode::Unknown)
    QString event;       // Event: its name ("stats")
    QJsonObject body;    // Event: the whole object, "event" included
};

class ControlProtocol {
    Q_DECLARE_TR_FUNCTIONS(ControlProtocol)

public:
    // One request line, with or without its '\n' (a trailing "\r\n" is accepted too). Errors:
    // bad_json, or bad_request with what is wrong ("\"cmd\" must be a non-empty string").
    static Result<ControlRequest> parseRequest(const QByteArray& line);
    // The id to echo when parseRequest failed: the line's id if it is a valid one, else null, so
    // that a client can still match the error to its request.
    static QJsonValue requestIdForError(const QByteArray& line);

    static QByteArray encodeRequest(const ControlRequest& request);
    // Reply lines, '\n'-terminated.
    static QByteArray encodeOk(const QJsonValue& id, const QJsonObject& result);
    static QByteArray encodeError(const QJsonValue& id, const Error& error);
    // `{"event":NAME,…fields}` + '\n'; a "event" key in `fields` is overwritten.
    static QByteArray encodeEvent(const QString& event, const QJsonObject& fields);

    // One line from the worker. Errors have code bad_reply and say what is wrong.
    static Result<ControlResponse> parseResponse(const QByteArray& line);
    // The event's name when `line` begins `{"event":"NAME"` (as encodeEvent writes it: keys in
    // order, "event" before the stats event's other keys); empty otherwise, also for an event
    // written another way (parseResponse still reads it). Lets a client hand a big event to
    // another thread without parsing it here.
    static QString leadingEventName(const QByteArray& line);
};

}  // namespace mtga
