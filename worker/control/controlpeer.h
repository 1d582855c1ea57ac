#pragma once

// ControlPeer: who is at the other end of a control connection, as the kernel reports it
// (SO_PEERCRED), and whether the control configuration makes them an admin. Read by the access
// check, by mutating commands that need to say who asked, and by the audit log.

#include <QJsonObject>

#include <cstdint>

namespace mtga {

struct ControlPeer {
    bool known = false;  // the credentials could be read; an unknown peer is never an admin
    uint32_t uid = 0;
    uint32_t gid = 0;
    qint64 pid = 0;
    bool admin = false;
    // Which connection of the server (ControlServer::pushEvent); not part of the audit record.
    quint64 connection = 0;

    QJsonObject toJson() const {
        return QJsonObject{{QStringLiteral("uid"), known ? QJsonValue(qint64(uid)) : QJsonValue()},
                           {QStringLiteral("gid"), known ? QJsonValue(qint64(gid)) : QJsonValue()},
                           {QStringLiteral("pid"), known ? QJsonValue(pid) : QJsonValue()},
                           {QStringLiteral("admin"), admin}};
    }
};

// One answered mutating command, for the audit log: who, when, what they asked and what came of
// it. `result` is the reply's result when `ok`; commands that change state put what it was and
// what it became in its "before" and "after" members.
struct CommandRecord {
    ControlPeer peer;
    QString command;
    QJsonObject args;
    qint64 receivedMs = 0;  // since the epoch
    qint64 answeredMs = 0;
    bool ok = false;
    QString errorCode;  // when not ok
    QString errorMessage;
    QJsonObject result;
};

}  // namespace mtga
