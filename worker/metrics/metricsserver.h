#pragma once

// MetricsServer: the optional HTTP endpoint (Qt HTTP Server, in the host's thread) serving
// /metrics (Prometheus' text format) and /healthz (200 or 503 with the reason). Off unless
// metrics.listen is set; a bare port binds 127.0.0.1 only.

#include "shared/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <functional>
#include <memory>
#include <utility>

class QHttpServer;

namespace mtga {

class MetricsServer {
    Q_DECLARE_TR_FUNCTIONS(MetricsServer)

public:
    using Render = std::function<QByteArray()>;
    using Healthz = std::function<std::pair<bool, QString>()>;

    MetricsServer(Render render, Healthz healthz);
    ~MetricsServer();

    // "PORT" (127.0.0.1) or "HOST:PORT"; port 0 picks a free one.
    Result<void> listen(const QString& address);
    quint16 port() const { return m_port; }

    // Whether `address` is one listen() takes, and its parts.
    static bool parse(const QString& address, QString* host, quint16* port);

private:
    Render m_render;
    Healthz m_healthz;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
};

}  // namespace mtga
