#pragma once

// WebhookReceiver: a local HTTP receiver the alert tests run in their own event loop: it
// answers every POST with 200, with 500, or not at all (a receiver that hangs), and records
// each request (its time, path and body); over TLS too, with a certificate the test makes.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>
#include <vector>

namespace mtga::test {

class WebhookReceiver : public QObject {
    Q_OBJECT

public:
    enum class Mode { Ok, Error, Hang };

    struct Request {
        qint64 timeMs = 0;
        QString path;
        QByteArray body;
    };

    explicit WebhookReceiver(Mode mode = Mode::Ok);
    // With a certificate and its key (PEM files): HTTPS, https:// URLs.
    bool listen(const QString& certificateFile = {}, const QString& keyFile = {});
    void setMode(Mode mode) { m_mode = mode; }
    // http://127.0.0.1:PORT/PATH (https:// with TLS)
    QString url(const QString& path = QStringLiteral("hook")) const;
    const std::vector<Request>& requests() const { return m_requests; }
    // The bodies as JSON objects (what is not JSON is left out).
    QList<QJsonObject> json() const;
    // A port nothing listens on: a receiver that is down.
    static QString downUrl();

private:
    void serve();

    Mode m_mode;
    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    std::vector<Request> m_requests;
};

}  // namespace mtga::test
