#pragma once

// What the tests of the worker host share: a host on the embedded Kafka with static partitions,
// its options, and a control client that never blocks.

#include "shared/commands.h"
#include "shared/controlprotocol.h"
#include "worker/devtools/embeddedkafka.h"
#include "worker/host/workerhost.h"
#include "worker/pipeline/pipelineoptions.h"

#include <QJsonObject>
#include <QLocalSocket>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mtga::test {

inline constexpr int kHostReplyTimeoutMs = 20'000;

// A pipeline on `topic` (`partitions` partitions, assigned statically), writing under `dir`, with
// the settings of app 24 that deny log_logout, as the sample traffic's expectations assume.
PipelineOptions hostOptions(const EmbeddedKafka& kafka, const QTemporaryDir& dir,
                            const std::string& topic, int partitions);
QString hostSocket(const QTemporaryDir& dir);
// Creates the topic, then a host of `commands` (admin: this process's uid) started and listening
// on hostSocket(dir); nullptr (and a warning) when a step fails.
std::unique_ptr<WorkerHost> startHost(
    EmbeddedKafka& kafka, const QTemporaryDir& dir, const std::string& topic, int partitions,
    CommandTable commands = CommandTable::builtin(),
    const std::function<void(ControlServerOptions&)>& control = {});

// A control client that never blocks: replies are collected as they come, and the order in
// which every client of a test received them goes to one shared list ("name:id").
class ReplyClient {
public:
    explicit ReplyClient(QString name, QStringList* order = nullptr)
        : m_name(std::move(name)), m_order(order) {
        QObject::connect(&m_socket, &QLocalSocket::readyRead, [this] { read(); });
    }
    bool connectTo(const QString& path) {
        m_socket.connectToServer(path);
        return QTest::qWaitFor([&] { return m_socket.state() == QLocalSocket::ConnectedState; },
                               kHostReplyTimeoutMs);
    }
    // Several requests in one write: the server reads them together.
    void send(const std::vector<std::pair<qint64, QString>>& requests) {
        QByteArray bytes;
        for (const auto& [id, command] : requests) {
            bytes += ControlProtocol::encodeRequest({QJsonValue(id), command, {}});
        }
        m_socket.write(bytes);
        m_socket.flush();
    }
    void send(qint64 id, const QString& command) { send({{id, command}}); }
    void send(qint64 id, const QString& command, const QJsonObject& args) {
        m_socket.write(ControlProtocol::encodeRequest({QJsonValue(id), command, args}));
        m_socket.flush();
    }
    bool hasReply(qint64 id) const { return reply(id).has_value(); }
    std::optional<ControlResponse> reply(qint64 id) const {
        for (const ControlResponse& reply : m_replies) {
            if (reply.id.toInteger(-1) == id) {
                return reply;
            }
        }
        return std::nullopt;
    }
    qsizetype replyCount() const { return static_cast<qsizetype>(m_replies.size()); }
    // The pushed events received so far, oldest first.
    std::vector<ControlResponse> events() const {
        std::vector<ControlResponse> found;
        for (const ControlResponse& reply : m_replies) {
            if (reply.kind == ControlResponse::Kind::Event) {
                found.push_back(reply);
            }
        }
        return found;
    }
    qsizetype eventCount() const { return static_cast<qsizetype>(events().size()); }
    bool isConnected() const { return m_socket.state() == QLocalSocket::ConnectedState; }
    void abort() { m_socket.abort(); }

private:
    void read() {
        while (m_socket.canReadLine()) {
            auto reply = ControlProtocol::parseResponse(m_socket.readLine());
            QVERIFY2(reply.ok(), qPrintable(reply.ok() ? QString() : reply.error().message));
            m_replies.push_back(reply.value());
            if (m_order && reply->kind == ControlResponse::Kind::Reply) {
                m_order->append(m_name + QLatin1Char(':') +
                                QString::number(reply->id.toInteger(-1)));
            }
        }
    }

    QString m_name;
    QStringList* m_order;
    QLocalSocket m_socket;
    std::vector<ControlResponse> m_replies;
};

}  // namespace mtga::test
