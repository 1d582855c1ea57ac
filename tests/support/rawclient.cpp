#include "tests/support/rawclient.h"

#include "shared/controlprotocol.h"

#include <QFile>
#include <QJsonDocument>
#include <QStringList>
#include <QTest>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

namespace mtga::test {

RawClient::RawClient() {
    QObject::connect(&m_socket, &QLocalSocket::readyRead, [this] {
        while (m_socket.canReadLine()) {
            m_replies.append(QJsonDocument::fromJson(m_socket.readLine()).object());
        }
    });
}

bool RawClient::connectTo(const QString& path) {
    m_socket.connectToServer(path);
    return QTest::qWaitFor([&] { return isConnected(); }, 10'000);
}

void RawClient::connectAndSend(const QString& path, const QByteArray& greeting) {
    QObject::connect(&m_socket, &QLocalSocket::connected, [this, greeting] { send(greeting); });
    m_socket.connectToServer(path);
}

bool RawClient::written(int timeoutMs) {
    return QTest::qWaitFor([&] { return m_socket.bytesToWrite() == 0 || !isConnected(); },
                           timeoutMs);
}

std::optional<QJsonObject> RawClient::reply(qint64 id) const {
    for (const QJsonObject& reply : m_replies) {
        if (reply.value(QLatin1String("id")).toInteger(-1) == id) {
            return reply;
        }
    }
    return std::nullopt;
}

bool RawClient::waitForReply(qint64 id, int timeoutMs) {
    return QTest::qWaitFor([&] { return reply(id).has_value(); }, timeoutMs);
}

QString RawClient::describe() const {
    QStringList lines;
    for (const QJsonObject& reply : m_replies) {
        lines << QString::fromUtf8(QJsonDocument(reply).toJson(QJsonDocument::Compact));
    }
    return QStringLiteral("state %1, error \"%2\", lines: %3")
        .arg(int(m_socket.state()))
        .arg(m_socket.errorString(), lines.join(QLatin1Char(' ')));
}

int rawSubscriber(const QString& path, qint64 intervalMs) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    const QByteArray request =
        ControlProtocol::encodeRequest({QJsonValue(1), QStringLiteral("subscribe"),
                                        QJsonObject{{QStringLiteral("interval_ms"), intervalMs}}});
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
        ::write(fd, request.constData(), size_t(request.size())) != request.size()) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool peerClosed(int fd) {
    pollfd entry{fd, POLLRDHUP, 0};
    return ::poll(&entry, 1, 0) == 1 && (entry.revents & (POLLRDHUP | POLLHUP)) != 0;
}

}  // namespace mtga::test
