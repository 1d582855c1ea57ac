#include "worker/control/controlreply.h"

#include "shared/controlprotocol.h"
#include "worker/control/controlserver.h"

#include <QLocalSocket>
#include <QLoggingCategory>
#include <QThread>

#include <atomic>

Q_DECLARE_LOGGING_CATEGORY(lcControl)

namespace mtga {

struct ControlReply::State {
    std::shared_ptr<Channel> channel;
    QPointer<QLocalSocket> socket;  // dereferenced in the server's thread only
    QJsonValue id;
    CommandRecord record;
    bool mutating = false;
    std::atomic<bool> answered{false};

    ~State() {
        if (!answered.exchange(true)) {
            qCWarning(lcControl) << "the handler of" << record.command
                                 << "dropped its reply unanswered";
            ControlReply::deliver(
                *this, Error::of(ErrorCode::Internal,
                                 ControlReply::tr("\"%1\" ended inside the worker without an "
                                                  "answer")
                                     .arg(record.command)));
        }
    }
};

ControlReply::ControlReply(std::shared_ptr<Channel> channel, QLocalSocket* socket, QJsonValue id,
                           CommandRecord record, bool mutating)
    : m_state(std::make_shared<State>()) {
    m_state->channel = std::move(channel);
    m_state->socket = socket;
    m_state->id = std::move(id);
    m_state->record = std::move(record);
    m_state->mutating = mutating;
}

void ControlReply::deliver(const State& state, Result<QJsonObject> result) {
    std::unique_lock lock(state.channel->mutex);
    ControlServer* server = state.channel->server;
    if (!server) {
        qCDebug(lcControl) << "the control server has gone; the reply to" << state.record.command
                           << "is dropped";
        return;
    }
    if (QThread::currentThread() == server->thread()) {
        lock.unlock();  // writing may destroy the server (a slot of `replied`)
        server->writeDeferredReply(state.socket, state.id, state.record, state.mutating, result);
        return;
    }
    // Posted under the lock, so the server is alive now; if it goes before the event is
    // delivered, Qt discards the event with it.
    QMetaObject::invokeMethod(
        server,
        [server, socket = state.socket, id = state.id, record = state.record,
         mutating = state.mutating, result = std::move(result)] {
            server->writeDeferredReply(socket, id, record, mutating, result);
        },
        Qt::QueuedConnection);
}

bool ControlReply::send(Result<QJsonObject> result) const {
    if (!claim()) {
        qCWarning(lcControl) << "a second reply to" << command() << "was ignored";
        return false;
    }
    deliver(*m_state, std::move(result));
    return true;
}

bool ControlReply::claim() const {
    return m_state && !m_state->answered.exchange(true);
}

bool ControlReply::isAnswered() const {
    return !m_state || m_state->answered.load();
}

bool ControlReply::isClientConnected() const {
    return m_state && m_state->socket && m_state->socket->state() == QLocalSocket::ConnectedState;
}

QString ControlReply::command() const {
    return m_state ? m_state->record.command : QString();
}

ControlPeer ControlReply::peer() const {
    return m_state ? m_state->record.peer : ControlPeer();
}

}  // namespace mtga
