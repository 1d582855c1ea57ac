#include "tests/support/webhookreceiver.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpSocket>

namespace mtga::test {

WebhookReceiver::WebhookReceiver(Mode mode) : m_mode(mode) {}

bool WebhookReceiver::listen(const QString& certificateFile, const QString& keyFile) {
    if (certificateFile.isEmpty()) {
        m_server = std::make_unique<QTcpServer>();
    } else {
        QFile certificate(certificateFile);
        QFile key(keyFile);
        if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
            return false;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certificate.readAll(), QSsl::Pem));
        tls.setPrivateKey(QSslKey(key.readAll(), QSsl::Rsa, QSsl::Pem));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);  // the client has no certificate
        auto server = std::make_unique<QSslServer>();
        server->setSslConfiguration(tls);
        m_server = std::move(server);
        m_tls = true;
    }
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, &WebhookReceiver::serve);
    return m_server->listen(QHostAddress::LocalHost);
}

void WebhookReceiver::serve() {
    while (QTcpSocket* socket = m_server->nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        const auto read = [this, socket, buffer] {
            *buffer += socket->readAll();
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                return;
            }
            const QByteArray header = buffer->left(headerEnd);
            qsizetype length = 0;
            for (const QByteArray& line : header.split('\n')) {
                if (line.trimmed().toLower().startsWith("content-length:")) {
                    length = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
                }
            }
            if (buffer->size() < headerEnd + 4 + length) {
                return;
            }
            const QList<QByteArray> requestLine = header.left(header.indexOf('\r')).split(' ');
            m_requests.push_back({QDateTime::currentMSecsSinceEpoch(),
                                  QString::fromLatin1(requestLine.value(1)),
                                  buffer->mid(headerEnd + 4, length)});
            buffer->clear();
            if (m_mode == Mode::Hang) {
                return;  // never answers; the socket stays open until the client gives up
            }
            const QByteArray status = m_mode == Mode::Ok ? "200 OK" : "500 Internal Server Error";
            socket->write("HTTP/1.1 " + status +
                          "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                          "Connection: close\r\n\r\n{}");
            socket->disconnectFromHost();
        };
        connect(socket, &QTcpSocket::readyRead, this, read);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0) {
            read();
        }
    }
}

QString WebhookReceiver::url(const QString& path) const {
    return QStringLiteral("%1://127.0.0.1:%2/%3")
        .arg(m_tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(m_server->serverPort())
        .arg(path);
}

QList<QJsonObject> WebhookReceiver::json() const {
    QList<QJsonObject> objects;
    for (const Request& request : m_requests) {
        const QJsonDocument document = QJsonDocument::fromJson(request.body);
        if (document.isObject()) {
            objects << document.object();
        }
    }
    return objects;
}

QString WebhookReceiver::downUrl() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();  // nothing listens there now
    return QStringLiteral("http://127.0.0.1:%1/down").arg(port);
}

}  // namespace mtga::test
