#include "worker/metrics/metricsserver.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponse>

namespace mtga {

MetricsServer::MetricsServer(Render render, Healthz healthz)
    : m_render(std::move(render)), m_healthz(std::move(healthz)) {}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::parse(const QString& address, QString* host, quint16* port) {
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    *host = colon < 0 ? QStringLiteral("127.0.0.1") : address.left(colon);
    bool ok = false;
    const uint number = address.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65535 || host->isEmpty()) {
        return false;
    }
    *port = static_cast<quint16>(number);
    return *host == QLatin1String("localhost") || !QHostAddress(*host).isNull();
}

Result<void> MetricsServer::listen(const QString& address) {
    QString host;
    quint16 port = 0;
    if (!parse(address, &host, &port)) {
        return Error::of(ErrorCode::InvalidArgument,
                         tr("metrics.listen \"%1\" is not PORT or HOST:PORT").arg(address));
    }
    m_server = std::make_unique<QHttpServer>();
    m_server->route(QStringLiteral("/metrics"), [this] {
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"),
                                   m_render());
    });
    m_server->route(QStringLiteral("/healthz"), [this] {
        const auto [healthy, reason] = m_healthz();
        return QHttpServerResponse(
            QByteArrayLiteral("text/plain; charset=utf-8"),
            (healthy ? QByteArrayLiteral("ok: ") : QByteArrayLiteral("unhealthy: ")) +
                reason.toUtf8() + '\n',
            healthy ? QHttpServerResponse::StatusCode::Ok
                    : QHttpServerResponse::StatusCode::ServiceUnavailable);
    });
    const QHostAddress bind = host == QLatin1String("localhost")
                                  ? QHostAddress(QHostAddress::LocalHost)
                                  : QHostAddress(host);
    m_port = m_server->listen(bind, port);
    if (m_port == 0) {
        m_server.reset();
        return Error::of(ErrorCode::InvalidArgument,
                         tr("cannot listen for metrics on %1 (in use, or not an address of this "
                            "machine)")
                             .arg(address));
    }
    return {};
}

}  // namespace mtga
