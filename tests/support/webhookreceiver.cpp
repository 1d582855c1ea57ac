#include "tests/support/webhookreceiver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

namespace mtga::test {

WebhookReceiver::WebhookReceiver(Mode mode) : m_mode(mode) {
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = m_server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
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
                const QByteArray status =
                    m_mode == Mode::Ok ? "200 OK" : "500 Internal Server Error";
                socket->write("HTTP/1.1 " + status +
                              "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                              "Connection: close\r\n\r\n{}");
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool WebhookReceiver::listen() {
    return m_server.listen(QHostAddress::LocalHost);
}

QString WebhookReceiver::url(const QString& path) const {
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_server.serverPort()).arg(path);
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
