#pragma once

// What the end-to-end worker tests share: the embedded Kafka in a process of its own, a worker
// configuration in a temporary folder, traffic with a known outcome, and checks of the output
// files by event identity (the sample events' `pid`).

#include "tests/support/processrunner.h"
#include "tests/support/realkafka.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace mtga::test {

inline constexpr uint64_t kTrafficSeed = 77;

// Whether the worker tests run against a real Apache Kafka broker (MTGA_TEST_CLUSTER=real, as
// CTest's `realkafka` registrations set it) instead of the embedded cluster.
bool onRealKafka();

// The cluster of a worker test, in a process of its own so workers can be killed while it and
// its data stay up: the embedded Kafka (`mtga dev-kafka`), or a real broker (onRealKafka()).
// `topic` is NAME:PARTITIONS; `configs` are its topic settings on a real broker (the embedded
// cluster has none: it keeps 5 MiB per partition).
class KafkaProcess {
public:
    explicit KafkaProcess(const QString& topic, int brokers = 1, TopicConfigs configs = {});
    bool start();
    const std::string& bootstrap() const { return m_bootstrap; }
    bool real() const { return m_real != nullptr; }
    RealKafka* realKafka() { return m_real.get(); }
    // A fault command of the embedded cluster (see `mtga dev-kafka --help`); false on a real
    // broker, which has none.
    bool command(const QByteArray& line);
    bool createTopic(const QByteArray& spec, const TopicConfigs& configs = {});
    // An outage of the broker with this id (1..brokers); a real broker's process ends.
    bool stopBroker(int id);
    bool startBroker(int id);
    // The topic is deleted and created again, empty. The embedded cluster cannot delete topics:
    // it is replaced by a fresh one (a new bootstrap address, none of the other topics).
    bool recreateTopic();

private:
    QString m_topic;
    int m_brokers;
    TopicConfigs m_configs;
    std::unique_ptr<ProcessRunner> m_process;
    std::unique_ptr<RealKafka> m_real;
    std::string m_bootstrap;
};

// What a worker must make of some traffic.
struct Expected {
    std::set<std::string> pids;  // events that must be in the files, once each
    uint64_t invalid = 0;
    uint64_t filtered = 0;
    std::map<int32_t, int64_t> highWatermarks;  // messages per partition
    void add(const Expected& more);
};

// The traffic's shape: which events exist and what the worker's settings do with them.
struct Traffic {
    std::string topic;
    uint64_t first = 0;  // generator index of the first event
    uint64_t count = 0;
    int invalidPerMille = 0;
    std::vector<int> appIds{24};
    std::vector<std::string> denied{"log_logout"};  // the settings' log_names.deny
};

Traffic trafficOf(const std::string& topic, uint64_t count, int invalidPerMille = 0);
// Produces the events (one per message, event i to partition i % partitions); empty on failure.
Expected produce(const std::string& bootstrap, const Traffic& traffic);
// What the worker must make of `traffic` over a topic of `partitions` partitions.
Expected expectedFor(const Traffic& traffic, int partitions);
// Each event's pid in generator order, empty for one that leaves no line (invalid or denied).
std::vector<std::string> keptPids(const Traffic& traffic);
// Produces `messages` messages into `partition`, each a snappy block of `perMessage` events
// (generator indices from traffic.first on): multi-event payloads; empty on failure.
Expected produceMultiEvent(const std::string& bootstrap, const Traffic& traffic, int32_t partition,
                           uint64_t messages, int perMessage);

std::string pidOf(std::string_view line);

struct OutputScan {
    std::map<std::string, int> pids;  // pid -> times seen
    uint64_t lines = 0;
    bool allComplete = true;  // every file ends with '\n'
};
OutputScan scanOutput(const QString& directory);

// Whether `scan` holds every expected event exactly once and nothing else; says what is wrong
// when not.
bool writtenExactlyOnce(const OutputScan& scan, const std::set<std::string>& expected);

// Stops a worker with SIGTERM: whether it exited with 0 in time; says what went wrong when not.
bool stopCleanly(ProcessRunner& worker, int timeoutMs);

struct WorkerConfig {
    std::string bootstrap;
    QString topic;
    QString kafka;  // more lines of the kafka section, indented by two spaces
    QString checkpointInterval = QStringLiteral("500ms");
    QString pipeline;  // more lines of the pipeline section
    QString sink;      // more lines of the sink section
    std::vector<std::string> denied{"log_logout"};
    std::vector<int> appIds{24};  // apps with settings
    QString sections;             // whole sections more (health...), at the end of the file
    QString control;              // more lines of the control section (admin_uids...)
};
// Writes settings and mtga.yml into `dir`; returns the configuration's path. Output goes to
// `out`, the store to `store`, the control socket to `data/mtga.sock`.
QString writeConfig(const QTemporaryDir& dir, const WorkerConfig& config);
// Static assignment of partitions 0..count-1 of `topic`: a killed worker leaves no group member
// behind to wait for.
QString staticPartitions(const QString& topic, int count);
// A worker of `topic` at `bootstrap`, assigned its partitions 0..count-1 statically.
WorkerConfig staticWorker(const std::string& bootstrap, const QString& topic, int count);

// Runs `mtga run -c config` until `out` holds `lines` lines, lets a moment pass (a copy would
// show), and stops it with SIGTERM; whether all went so, saying what did not.
bool runUntilWritten(const QString& config, const QString& out, uint64_t lines, int timeoutMs);

// Sets a worker's file-size limit (soft only: raising a hard limit needs CAP_SYS_RESOURCE):
// every write past it fails with EFBIG, as on a full disk, for root too; "unlimited" lifts it.
bool limitFileSize(qint64 pid, const QString& limit);

// The size of the largest file under `out`: a file-size limit at it makes the next write fail.
qint64 largestOutputFile(const QString& out);

// The arguments of `mtga run` with this configuration.
QStringList runArguments(const QString& config, int statusInterval = 1);

}  // namespace mtga::test
