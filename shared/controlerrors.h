#pragma once

// ControlErrors: the errors a control client reports when a call got no usable reply (nobody
// listening, no permission, no answer in time, a hang-up, a malformed line), each with a message
// that names the socket and says what to do. ControlClient (blocking) and WorkerConnection
// (asynchronous) report the same situations the same way through these.

#include "shared/result.h"

#include <QCoreApplication>
#include <QLocalSocket>
#include <QString>

#include <chrono>

namespace mtga {

class ControlErrors {
    Q_DECLARE_TR_FUNCTIONS(ControlClient)

public:
    // Connecting failed: not_running, permission_denied, timeout or connection_failed.
    static Error connectFailed(QLocalSocket::LocalSocketError error, const QString& path,
                               const QString& cmd, std::chrono::milliseconds timeout,
                               const QString& errorString);
    static Error timedOut(const QString& cmd, std::chrono::milliseconds timeout,
                          const QString& path);
    static Error closedWithoutAnswer(const QString& cmd, const QString& path);
    static Error requestTooLong(const QString& cmd);
    static Error malformedReply(const QString& path, const QString& why);
    static Error replyLineTooLong(const QString& path);
    // A result that is not the value `cmd` returns (WorkerStatus::fromJson failed...).
    static Error unreadableResult(const QString& path, const QString& cmd, const QString& why);

    // "10" for 10 s, "0.5" for 500 ms: how timeouts appear in messages.
    static QString formatSeconds(std::chrono::milliseconds duration);
};

}  // namespace mtga
