#pragma once

// RealKafka: a real Apache Kafka cluster for the tests (KRaft: one node that is broker and
// controller, or three such nodes, on free loopback ports, a small heap each), run by
// installer/kafka/broker.sh from the jars that installer/kafka/fetch.sh got from Maven Central. It
// always stops what it started: at destruction, and through a watchdog if the test process dies
// first.
//
// With MTGA_TEST_KAFKA_BOOTSTRAP set, it starts nothing and uses that cluster instead; the tests
// treat it as throwaway (their topics are deleted and created again) and cannot stop its brokers.

#include "shared/result.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <map>
#include <string>
#include <vector>

namespace mtga::test {

using TopicConfigs = std::map<std::string, std::string>;

class RealKafka {
public:
    // Topics get a replica on every broker (at most 3).
    explicit RealKafka(int brokers = 1);
    ~RealKafka();
    RealKafka(const RealKafka&) = delete;
    RealKafka& operator=(const RealKafka&) = delete;

    Result<void> start();
    const std::string& bootstrap() const { return m_bootstrap; }
    bool external() const { return m_external; }
    int brokerCount() const { return static_cast<int>(m_nodes.size()); }
    // An outage: broker `id`'s process (1..brokerCount()) ends (SIGTERM), its data stays;
    // startBroker() brings it back on the same port.
    Result<void> stopBroker(int id = 1);
    Result<void> startBroker(int id = 1);
    // Creates the topic (deleting one of that name first), and waits until it can be used.
    Result<void> createTopic(const std::string& name, int partitions, const TopicConfigs& configs);
    Result<void> deleteTopic(const std::string& name);
    // Runs one of Kafka's own tools (a class of kafka-tools, e.g.
    // org.apache.kafka.tools.consumer.group.ConsumerGroupCommand) against this cluster; returns
    // its standard output.
    Result<QString> runTool(const QString& mainClass, const QStringList& arguments) const;
    // Where broker `id` logs (server.log); empty for an external cluster.
    QString logPath(int id = 1) const;

private:
    struct Node {
        QString dir;
        int port = 0;
        int controllerPort = 0;
        bool running = false;
    };
    // Starts node `index`; waits until it answers unless `wait` is false.
    Result<void> startNode(size_t index, bool wait);
    Result<void> runScript(const QStringList& arguments, int timeoutMs,
                           const QProcessEnvironment& environment = {}) const;

    bool m_external = false;
    QTemporaryDir m_dir;
    std::vector<Node> m_nodes;
    QString m_clusterId;
    QString m_voters;
    std::string m_bootstrap;
};

}  // namespace mtga::test
