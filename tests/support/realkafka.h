#pragma once

// RealKafka: a real Apache Kafka broker for the tests (KRaft, one node that is broker and
// controller, on a free loopback port, a small heap), run by installer/kafka/broker.sh from the
// jars that installer/kafka/fetch.sh got from Maven Central. It always stops what it started:
// at destruction, and through a watchdog if the test process dies first.
//
// With MTGA_TEST_KAFKA_BOOTSTRAP set, it starts nothing and uses that cluster instead; the tests
// treat it as throwaway (their topics are deleted and created again) and cannot stop its brokers.

#include "shared/result.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <map>
#include <string>

namespace mtga::test {

using TopicConfigs = std::map<std::string, std::string>;

class RealKafka {
public:
    RealKafka();
    ~RealKafka();
    RealKafka(const RealKafka&) = delete;
    RealKafka& operator=(const RealKafka&) = delete;

    Result<void> start();
    const std::string& bootstrap() const { return m_bootstrap; }
    bool external() const { return m_external; }
    // An outage: the broker process ends (SIGTERM), its data stays; startBroker() brings it
    // back on the same port.
    Result<void> stopBroker();
    Result<void> startBroker();
    // Creates the topic (deleting one of that name first), and waits until it can be used.
    Result<void> createTopic(const std::string& name, int partitions, const TopicConfigs& configs);
    Result<void> deleteTopic(const std::string& name);
    // Runs one of Kafka's own tools (a class of kafka-tools, e.g.
    // org.apache.kafka.tools.consumer.group.ConsumerGroupCommand) against this cluster; returns
    // its standard output.
    Result<QString> runTool(const QString& mainClass, const QStringList& arguments) const;
    // Where the broker logs (server.log); empty for an external cluster.
    QString logPath() const;

private:
    Result<void> runScript(const QStringList& arguments, int timeoutMs) const;

    bool m_external = false;
    QTemporaryDir m_dir;
    int m_port = 0;
    std::string m_bootstrap;
    bool m_running = false;
    QProcess m_watchdog;
};

}  // namespace mtga::test
