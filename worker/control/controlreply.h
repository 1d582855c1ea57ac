#pragma once

// ControlReply: the answer a deferred command (ControlServer::registerDeferredCommand) owes its
// client, to be sent when the work is done. A small copyable handle: every copy stands for the
// same request, which gets exactly one reply. The first send() counts and later ones are ignored
// (and logged); when the last copy goes unanswered the client gets an "internal" error, so no
// client waits for an answer that will never come. A client that has gone is skipped silently.
// A moved-from handle is empty: it sends nothing and counts as answered.

#include "shared/result.h"
#include "worker/control/controlpeer.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QPointer>
#include <QString>

#include <memory>
#include <mutex>

class QLocalSocket;

namespace mtga {

class ControlServer;

class ControlReply {
    Q_DECLARE_TR_FUNCTIONS(ControlReply)

public:
    // Sends the reply, from any thread (from another one than the server's it is posted to the
    // server's thread, in order). False when the request was answered already.
    bool send(Result<QJsonObject> result) const;
    bool isAnswered() const;
    // Whether the client is still connected; in the server's thread only. A long command may
    // give up early when its client has left.
    bool isClientConnected() const;
    QString command() const;
    // Who asked: the handler may say so in what it records (a reset's journal).
    ControlPeer peer() const;

    // The server while it exists: a handle posts to it under the lock, and the server clears it
    // first thing when it is destroyed, so no handle reaches a server that has gone.
    struct Channel {
        std::mutex mutex;
        ControlServer* server = nullptr;
    };

private:
    friend class ControlServer;
    struct State;

    ControlReply(std::shared_ptr<Channel> channel, QLocalSocket* socket, QJsonValue id,
                 CommandRecord record, bool mutating);
    static void deliver(const State& state, Result<QJsonObject> result);
    // Marks the request answered without sending anything (the server answers it itself).
    bool claim() const;

    std::shared_ptr<State> m_state;
};

}  // namespace mtga
