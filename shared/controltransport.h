#pragma once

// ControlTransport: the byte pipe a control client speaks the protocol over, so that the
// clients (ControlClient, WorkerConnection) hold the protocol once and the way to the worker is
// a choice: LocalTransport (the Unix socket) or SshTransport (`ssh host mtga control-stdio`).
// Asynchronous and signal-driven; it never blocks the thread it lives in.

#include "shared/controlendpoint.h"
#include "shared/result.h"

#include <QByteArray>
#include <QObject>

#include <chrono>

namespace mtga {

class ControlTransport : public QObject {
    Q_OBJECT

public:
    // A transport to `endpoint`, not open yet. `connectTimeout` is what the caller allows for
    // connecting (ssh passes it on, as its ConnectTimeout and the remote relay's --timeout);
    // the caller keeps its own deadline.
    static ControlTransport* create(const ControlEndpoint& endpoint,
                                    std::chrono::milliseconds connectTimeout,
                                    QObject* parent = nullptr);

    // Starts connecting: opened() or failed() follow, possibly before open() returns (a socket
    // file that does not exist fails at once).
    virtual void open() = 0;
    virtual void write(const QByteArray& bytes) = 0;
    virtual QByteArray readAll() = 0;
    // Closes at once; no signal comes after it.
    virtual void abort() = 0;

    const ControlEndpoint& endpoint() const { return m_endpoint; }
    // How messages name the worker: see ControlEndpoint::describe().
    const QString& where() const { return m_where; }

Q_SIGNALS:
    void opened();
    void readyRead();
    // The transport ended for good, after readyRead() for any bytes that came with the end:
    // connection_closed when the peer hung up, else why the worker could not be reached
    // (not_running, permission_denied, ssh_failed...).
    void failed(const mtga::Error& reason);

protected:
    ControlTransport(const ControlEndpoint& endpoint, QObject* parent);

private:
    ControlEndpoint m_endpoint;
    QString m_where;
};

}  // namespace mtga
