#pragma once

// HelloReply: the result of `hello` (docs/protocol.md), what a client learns about the worker
// before anything else: the protocol it speaks, its release and process, its commands and
// whether this connection may run mutating ones.

#include "shared/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mtga {

struct HelloReply {
    int protocol = 0;
    QString server;  // "mtga"
    QString version;
    qint64 pid = 0;
    QStringList commands;  // sorted
    bool admin = false;

    QJsonObject toJson() const;
    static Result<HelloReply> fromJson(const QJsonObject& json);
    bool operator==(const HelloReply&) const = default;
};

}  // namespace mtga
