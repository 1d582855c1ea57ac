#pragma once

// LocalTransport: a worker's control socket on this machine (QLocalSocket).

#include "shared/controltransport.h"

class QLocalSocket;

namespace mtga {

class LocalTransport : public ControlTransport {
    Q_OBJECT

public:
    LocalTransport(const ControlEndpoint& endpoint, QObject* parent = nullptr);

    void open() override;
    void write(const QByteArray& bytes) override;
    QByteArray readAll() override;
    void abort() override;

private:
    void socketFailed();

    QLocalSocket* m_socket = nullptr;  // child
    bool m_connected = false;
    bool m_ended = false;    // failed() was emitted
    bool m_aborted = false;  // abort(): nothing more to report
};

}  // namespace mtga
