#include "tests/support/realkafka.h"

#include "worker/kafka/kafkaclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QTcpServer>
#include <QThread>
#include <QUuid>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>
#include <set>

namespace mtga::test {
namespace {

const QString kScript = QStringLiteral(MTGA_SOURCE_DIR "/installer/kafka/broker.sh");
constexpr int kStartTimeoutMs = 180'000;  // the first start may fetch the jars

int freePort() {
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, 0) ? server.serverPort() : 0;
}

Error adminError(const QString& what, const char* detail) {
    return Error::of(ErrorCode::KafkaError,
                     QStringLiteral("%1: %2").arg(what, QString::fromUtf8(detail)));
}

using EventHandle = std::unique_ptr<rd_kafka_event_t, decltype(&rd_kafka_event_destroy)>;
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, decltype(&rd_kafka_queue_destroy)>;

// An admin client of the cluster; empty when it cannot be made.
KafkaHandle adminClient(const std::string& bootstrap) {
    auto conf = makeKafkaConf({{"bootstrap.servers", bootstrap}});
    auto client = conf ? makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value())
                       : Result<KafkaHandle>(conf.error());
    return client ? std::move(client).value() : nullptr;
}

// The one topic result of a CreateTopics or DeleteTopics request.
rd_kafka_resp_err_t topicResult(rd_kafka_event_t* event, QString* message) {
    if (event == nullptr) {
        *message = QStringLiteral("no answer in time");
        return RD_KAFKA_RESP_ERR__TIMED_OUT;
    }
    if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        *message = QString::fromUtf8(rd_kafka_event_error_string(event));
        return rd_kafka_event_error(event);
    }
    size_t count = 0;
    const rd_kafka_topic_result_t** topics = nullptr;
    if (const auto* created = rd_kafka_event_CreateTopics_result(event)) {
        topics = rd_kafka_CreateTopics_result_topics(created, &count);
    } else if (const auto* deleted = rd_kafka_event_DeleteTopics_result(event)) {
        topics = rd_kafka_DeleteTopics_result_topics(deleted, &count);
    }
    if (count != 1) {
        *message = QStringLiteral("unexpected answer");
        return RD_KAFKA_RESP_ERR__FAIL;
    }
    const char* text = rd_kafka_topic_result_error_string(topics[0]);
    *message = QString::fromUtf8(text != nullptr ? text : "");
    return rd_kafka_topic_result_error(topics[0]);
}

// Whether every partition of the topic has a leader.
bool usable(rd_kafka_t* client, const std::string& name, int partitions) {
    rd_kafka_topic_t* topic = rd_kafka_topic_new(client, name.c_str(), nullptr);
    const rd_kafka_metadata_t* metadata = nullptr;
    const bool answered =
        rd_kafka_metadata(client, 0, topic, &metadata, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR;
    bool ready = answered && metadata->topic_cnt == 1 && metadata->topics[0].err == 0 &&
                 metadata->topics[0].partition_cnt == partitions;
    for (int i = 0; ready && i < metadata->topics[0].partition_cnt; ++i) {
        ready = metadata->topics[0].partitions[i].leader >= 0;
    }
    if (metadata != nullptr) {
        rd_kafka_metadata_destroy(metadata);
    }
    rd_kafka_topic_destroy(topic);
    return ready;
}

}  // namespace

RealKafka::RealKafka(int brokers)
    : m_external(qEnvironmentVariableIsSet("MTGA_TEST_KAFKA_BOOTSTRAP")),
      m_nodes(static_cast<size_t>(std::clamp(brokers, 1, 9))) {}

RealKafka::~RealKafka() {
    // Every node that may have started, a start that timed out included (stopping a node that
    // does not run does nothing). The watchdog ends by itself with this process.
    for (size_t id = 1; !m_external && id <= m_nodes.size(); ++id) {
        if (!m_nodes[id - 1].dir.isEmpty() && QFileInfo::exists(m_nodes[id - 1].dir)) {
            (void)stopBroker(static_cast<int>(id));
        }
    }
}

Result<void> RealKafka::start() {
    if (m_external) {
        m_bootstrap = qEnvironmentVariable("MTGA_TEST_KAFKA_BOOTSTRAP").toStdString();
        return {};
    }
    if (!m_dir.isValid()) {
        return Error::of(ErrorCode::IoError, QStringLiteral("no temporary folder"));
    }
    // The nodes of one cluster share its id and the list of its controllers.
    QByteArray id = "-";
    while (id.startsWith('-')) {
        id = QUuid::createUuid().toRfc4122().toBase64(QByteArray::Base64UrlEncoding |
                                                      QByteArray::OmitTrailingEquals);
    }
    m_clusterId = QString::fromLatin1(id);
    QStringList voters;
    QStringList bootstrap;
    std::set<int> taken;
    const auto takePort = [&] {
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (const int port = freePort(); port != 0 && taken.insert(port).second) {
                return port;
            }
        }
        return 0;
    };
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        Node& node = m_nodes[i];
        node.dir = m_dir.filePath(QStringLiteral("node-%1").arg(i + 1));
        node.port = takePort();
        node.controllerPort = takePort();
        if (node.port == 0 || node.controllerPort == 0) {
            return Error::of(ErrorCode::KafkaError, QStringLiteral("no free port"));
        }
        voters << QStringLiteral("%1@127.0.0.1:%2").arg(i + 1).arg(node.controllerPort);
        bootstrap << QStringLiteral("127.0.0.1:%1").arg(node.port);
    }
    m_voters = voters.join(QLatin1Char(','));
    m_bootstrap = bootstrap.join(QLatin1Char(',')).toStdString();
    // Whatever happens to this process (a crash, CTest's timeout, Ctrl-C), its brokers go with
    // it. The watchdog is detached in a session of its own: CTest kills a timed-out test's whole
    // process tree, and the brokers are not in it (broker.sh leaves them to init). It follows
    // this process by pid and start time, so a reused pid does not keep it waiting.
    const qint64 pid = QCoreApplication::applicationPid();
    if (!QProcess::startDetached(
            QStringLiteral("/usr/bin/setsid"),
            {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
             QStringLiteral(
                 "trap '' INT HUP TERM; started() { cut -d' ' -f22 /proc/%1/stat 2>/dev/null; }; "
                 "mine=$(started); while [ -n \"$mine\" ] && [ \"$(started)\" = \"$mine\" ]; do "
                 "sleep 1; done; "
                 "for node in \"$1\"/node-*; do \"$0\" stop \"$node\" >/dev/null 2>&1; done; "
                 "rm -rf \"$1\"")
                 .arg(pid),
             kScript, m_dir.path()})) {
        return Error::of(ErrorCode::KafkaError, QStringLiteral("cannot start the watchdog"));
    }
    // A node of several answers only once a majority of the controllers runs: start them all,
    // then wait for each.
    for (size_t i = 0; i < m_nodes.size(); ++i) {
        if (auto started = startNode(i, m_nodes.size() == 1); !started) {
            return started;
        }
    }
    for (size_t i = 0; m_nodes.size() > 1 && i < m_nodes.size(); ++i) {
        if (auto answered = runScript({QStringLiteral("wait"), m_nodes[i].dir}, kStartTimeoutMs);
            !answered) {
            return answered;
        }
    }
    return {};
}

Result<void> RealKafka::startNode(size_t index, bool wait) {
    const Node& node = m_nodes[index];
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("KAFKA_NODE_ID"), QString::number(index + 1));
    environment.insert(QStringLiteral("KAFKA_CONTROLLER_PORT"),
                       QString::number(node.controllerPort));
    environment.insert(QStringLiteral("KAFKA_VOTERS"), m_voters);
    environment.insert(QStringLiteral("KAFKA_CLUSTER_ID"), m_clusterId);
    environment.insert(QStringLiteral("KAFKA_REPLICATION"),
                       QString::number(std::min(brokerCount(), 3)));
    environment.insert(QStringLiteral("KAFKA_NO_WAIT"),
                       wait ? QStringLiteral("0") : QStringLiteral("1"));
    auto started = runScript({QStringLiteral("start"), node.dir, QString::number(node.port)},
                             kStartTimeoutMs, environment);
    m_nodes[index].running = started.ok();
    return started;
}

Result<void> RealKafka::startBroker(int id) {
    if (m_external) {
        return Error::of(
            ErrorCode::KafkaError,
            QStringLiteral("an external cluster's brokers are not the tests' to start"));
    }
    if (id < 1 || id > brokerCount()) {
        return Error::of(ErrorCode::KafkaError, QStringLiteral("no broker %1").arg(id));
    }
    return startNode(static_cast<size_t>(id - 1), true);
}

Result<void> RealKafka::stopBroker(int id) {
    if (m_external) {
        return Error::of(
            ErrorCode::KafkaError,
            QStringLiteral("an external cluster's brokers are not the tests' to stop"));
    }
    if (id < 1 || id > brokerCount()) {
        return Error::of(ErrorCode::KafkaError, QStringLiteral("no broker %1").arg(id));
    }
    m_nodes[static_cast<size_t>(id - 1)].running = false;
    return runScript({QStringLiteral("stop"), m_nodes[static_cast<size_t>(id - 1)].dir}, 60'000);
}

Result<void> RealKafka::runScript(const QStringList& arguments, int timeoutMs,
                                  const QProcessEnvironment& environment) const {
    QProcess process;
    if (!environment.isEmpty()) {
        process.setProcessEnvironment(environment);
    }
    process.start(kScript, arguments);
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(5000);
        return Error::of(ErrorCode::KafkaError,
                         QStringLiteral("%1 %2 failed: %3")
                             .arg(kScript, arguments.join(QLatin1Char(' ')),
                                  QString::fromUtf8(process.readAllStandardError()).right(3000)));
    }
    return {};
}

Result<QString> RealKafka::runTool(const QString& mainClass, const QStringList& arguments) const {
    QProcess process;
    process.start(kScript, QStringList{QStringLiteral("tool"), mainClass,
                                       QStringLiteral("--bootstrap-server"),
                                       QString::fromStdString(m_bootstrap)} +
                               arguments);
    if (!process.waitForFinished(120'000) || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(5000);
        return Error::of(ErrorCode::KafkaError,
                         QStringLiteral("%1 failed: %2")
                             .arg(mainClass, QString::fromUtf8(process.readAllStandardError())));
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QString RealKafka::logPath(int id) const {
    if (m_external || id < 1 || id > brokerCount()) {
        return {};
    }
    return m_nodes[static_cast<size_t>(id - 1)].dir + QStringLiteral("/server.log");
}

Result<void> RealKafka::deleteTopic(const std::string& name) {
    KafkaHandle client = adminClient(m_bootstrap);
    if (!client) {
        return Error::of(ErrorCode::KafkaError, QStringLiteral("no admin client"));
    }
    QueueHandle queue(rd_kafka_queue_new(client.get()), &rd_kafka_queue_destroy);
    rd_kafka_DeleteTopic_t* topic = rd_kafka_DeleteTopic_new(name.c_str());
    rd_kafka_DeleteTopics(client.get(), &topic, 1, nullptr, queue.get());
    rd_kafka_DeleteTopic_destroy(topic);
    EventHandle event(rd_kafka_queue_poll(queue.get(), 30'000), &rd_kafka_event_destroy);
    QString message;
    const rd_kafka_resp_err_t err = topicResult(event.get(), &message);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        return adminError(QStringLiteral("delete topic %1").arg(QString::fromStdString(name)),
                          message.toUtf8().constData());
    }
    return {};
}

Result<void> RealKafka::createTopic(const std::string& name, int partitions,
                                    const TopicConfigs& configs) {
    if (auto deleted = deleteTopic(name); !deleted) {
        return deleted;
    }
    KafkaHandle client = adminClient(m_bootstrap);
    if (!client) {
        return Error::of(ErrorCode::KafkaError, QStringLiteral("no admin client"));
    }
    const QString what = QStringLiteral("create topic %1").arg(QString::fromStdString(name));
    // A topic just deleted is removed in the background: creating it again waits for that.
    const QDeadlineTimer deadline(60'000);
    while (true) {
        char error[512] = {};
        rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(
            name.c_str(), partitions, std::min(brokerCount(), 3), error, sizeof error);
        if (topic == nullptr) {
            return adminError(what, error);
        }
        for (const auto& [key, value] : configs) {
            rd_kafka_NewTopic_set_config(topic, key.c_str(), value.c_str());
        }
        QueueHandle queue(rd_kafka_queue_new(client.get()), &rd_kafka_queue_destroy);
        rd_kafka_CreateTopics(client.get(), &topic, 1, nullptr, queue.get());
        rd_kafka_NewTopic_destroy(topic);
        EventHandle event(rd_kafka_queue_poll(queue.get(), 30'000), &rd_kafka_event_destroy);
        QString message;
        const rd_kafka_resp_err_t err = topicResult(event.get(), &message);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            break;
        }
        if (err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS || deadline.hasExpired()) {
            return adminError(what, message.toUtf8().constData());
        }
        QThread::msleep(500);
    }
    while (!usable(client.get(), name, partitions)) {
        if (deadline.hasExpired()) {
            return adminError(what, "its partitions have no leader");
        }
        QThread::msleep(200);
    }
    return {};
}

}  // namespace mtga::test
