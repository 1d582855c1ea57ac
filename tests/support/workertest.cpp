#include "tests/support/workertest.h"

#include "tests/support/snappystreams.h"
#include "worker/demo/sampleevents.h"
#include "worker/demo/trafficproducer.h"
#include "worker/kafka/kafkaclient.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>

namespace mtga::test {

bool onRealKafka() {
    return qEnvironmentVariable("MTGA_TEST_CLUSTER") == QLatin1String("real");
}

KafkaProcess::KafkaProcess(const QString& topic, int brokers, TopicConfigs configs)
    : m_topic(topic), m_brokers(brokers), m_configs(std::move(configs)) {}

bool KafkaProcess::start() {
    m_bootstrap.clear();
    if (onRealKafka()) {
        m_real = std::make_unique<RealKafka>(m_brokers);
        if (auto started = m_real->start(); !started) {
            qWarning("%s", qPrintable(started.error().message));
            return false;
        }
        m_bootstrap = m_real->bootstrap();
        return createTopic(m_topic.toUtf8(), m_configs);
    }
    m_process = std::make_unique<ProcessRunner>(
        QStringList{QStringLiteral("dev-kafka"), QStringLiteral("--brokers"),
                    QString::number(m_brokers), QStringLiteral("--topic"), m_topic});
    if (!m_process->start()) {
        return false;
    }
    const QString line = m_process->waitForLine(QStringLiteral("bootstrap.servers="), 20'000);
    m_bootstrap = line.section(QLatin1Char('='), 1).toStdString();
    return !m_bootstrap.empty();
}

bool KafkaProcess::command(const QByteArray& line) {
    if (!m_process) {
        qWarning("fault command \"%s\" is for the embedded cluster only", line.constData());
        return false;
    }
    m_process->write(line + '\n');
    return true;
}

bool KafkaProcess::createTopic(const QByteArray& spec, const TopicConfigs& configs) {
    if (m_real) {
        const QList<QByteArray> parts = spec.split(':');
        const int partitions = parts.size() > 1 ? parts[1].toInt() : 1;
        auto created = m_real->createTopic(parts[0].toStdString(), partitions, configs);
        if (!created) {
            qWarning("%s", qPrintable(created.error().message));
        }
        return created.ok();
    }
    command("topic " + spec);
    return !m_process->waitForLine(QStringLiteral("ok"), 10'000).isEmpty();
}

bool KafkaProcess::stopBroker(int id) {
    if (!m_real) {
        command("down " + QByteArray::number(id));
        return !m_process->waitForLine(QStringLiteral("ok"), 10'000).isEmpty();
    }
    auto stopped = m_real->stopBroker(id);
    if (!stopped) {
        qWarning("%s", qPrintable(stopped.error().message));
    }
    return stopped.ok();
}

bool KafkaProcess::startBroker(int id) {
    if (!m_real) {
        command("up " + QByteArray::number(id));
        return !m_process->waitForLine(QStringLiteral("ok"), 10'000).isEmpty();
    }
    auto started = m_real->startBroker(id);
    if (!started) {
        qWarning("%s", qPrintable(started.error().message));
    }
    return started.ok();
}

bool KafkaProcess::recreateTopic() {
    if (m_real) {
        return createTopic(m_topic.toUtf8(), m_configs);
    }
    m_process.reset();
    return start();
}

void Expected::add(const Expected& more) {
    pids.insert(more.pids.begin(), more.pids.end());
    invalid += more.invalid;
    filtered += more.filtered;
    for (const auto& [partition, count] : more.highWatermarks) {
        highWatermarks[partition] += count;
    }
}

namespace {

bool isDenied(const Traffic& traffic, const std::string& logName) {
    return std::find(traffic.denied.begin(), traffic.denied.end(), logName) != traffic.denied.end();
}

void expect(const Traffic& traffic, const SampleEvent& event, Expected& expected) {
    if (event.invalid) {
        ++expected.invalid;
    } else if (isDenied(traffic, event.logName)) {
        ++expected.filtered;
    } else {
        expected.pids.insert(pidOf(event.value));
    }
}

}  // namespace

Traffic trafficOf(const std::string& topic, uint64_t count, int invalidPerMille) {
    Traffic traffic;
    traffic.topic = topic;
    traffic.count = count;
    traffic.invalidPerMille = invalidPerMille;
    return traffic;
}

Expected produce(const std::string& bootstrap, const Traffic& traffic) {
    TrafficOptions options;
    options.bootstrapServers = bootstrap;
    options.topic = traffic.topic;
    options.seed = kTrafficSeed;
    options.appIds = traffic.appIds;
    options.firstIndex = traffic.first;
    options.invalidPerMille = traffic.invalidPerMille;
    auto producer = TrafficProducer::create(options);
    if (!producer || !producer.value()->produce(traffic.count) ||
        !producer.value()->flush(120'000) || producer.value()->delivered() != traffic.count) {
        return {};
    }
    return expectedFor(traffic, producer.value()->partitionCount());
}

Expected expectedFor(const Traffic& traffic, int partitions) {
    Expected expected;
    SampleEventGenerator generator(kTrafficSeed, traffic.appIds);
    generator.setInvalidPerMille(traffic.invalidPerMille);
    for (uint64_t i = traffic.first; i < traffic.first + traffic.count; ++i) {
        ++expected.highWatermarks[static_cast<int32_t>(i % static_cast<uint64_t>(partitions))];
        expect(traffic, generator.event(i), expected);
    }
    return expected;
}

std::vector<std::string> keptPids(const Traffic& traffic) {
    std::vector<std::string> pids;
    pids.reserve(traffic.count);
    SampleEventGenerator generator(kTrafficSeed, traffic.appIds);
    generator.setInvalidPerMille(traffic.invalidPerMille);
    for (uint64_t i = traffic.first; i < traffic.first + traffic.count; ++i) {
        Expected one;
        expect(traffic, generator.event(i), one);
        pids.push_back(one.pids.empty() ? std::string() : *one.pids.begin());
    }
    return pids;
}

Expected produceMultiEvent(const std::string& bootstrap, const Traffic& traffic, int32_t partition,
                           uint64_t messages, int perMessage) {
    auto conf = makeKafkaConf({{"bootstrap.servers", bootstrap}, {"linger.ms", "5"}});
    if (!conf) {
        return {};
    }
    auto client = makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value());
    if (!client) {
        return {};
    }
    const std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> topic(
        rd_kafka_topic_new(client->get(), traffic.topic.c_str(), nullptr), &rd_kafka_topic_destroy);
    SampleEventGenerator generator(kTrafficSeed, traffic.appIds);
    generator.setInvalidPerMille(traffic.invalidPerMille);
    Expected expected;
    uint64_t index = traffic.first;
    for (uint64_t m = 0; m < messages; ++m) {
        std::string text;
        for (int e = 0; e < perMessage; ++e, ++index) {
            const SampleEvent event = generator.event(index);
            text += event.value + '\n';
            expect(traffic, event, expected);
        }
        const std::string block = rawBlock(text);
        while (rd_kafka_produce(topic.get(), partition, RD_KAFKA_MSG_F_COPY,
                                const_cast<char*>(block.data()), block.size(), nullptr, 0,
                                nullptr) != 0) {
            if (rd_kafka_last_error() != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                return {};
            }
            rd_kafka_poll(client->get(), 10);
        }
        ++expected.highWatermarks[partition];
    }
    if (rd_kafka_flush(client->get(), 60'000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return {};
    }
    return expected;
}

std::string pidOf(std::string_view line) {
    const size_t at = line.find("\"pid\":");
    if (at == std::string_view::npos) {
        return {};
    }
    const size_t end = line.find(',', at);
    return std::string(line.substr(at + 6, end - at - 6));
}

OutputScan scanOutput(const QString& directory) {
    OutputScan scan;
    QDirIterator it(directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        const QByteArray data = file.readAll();
        if (!data.isEmpty() && !data.endsWith('\n')) {
            scan.allComplete = false;
        }
        for (const QByteArray& line : data.split('\n')) {
            if (!line.isEmpty()) {
                ++scan.lines;
                ++scan.pids[pidOf(std::string_view(line.constData(), size_t(line.size())))];
            }
        }
    }
    return scan;
}

bool writtenExactlyOnce(const OutputScan& scan, const std::set<std::string>& expected) {
    size_t twice = 0;
    size_t missing = 0;
    size_t unexpected = 0;
    for (const auto& [pid, times] : scan.pids) {
        twice += times > 1 ? 1 : 0;
        unexpected += expected.contains(pid) ? 0 : 1;
    }
    for (const std::string& pid : expected) {
        missing += scan.pids.contains(pid) ? 0 : 1;
    }
    if (twice + missing + unexpected == 0 && scan.lines == expected.size()) {
        return true;
    }
    qWarning(
        "%llu line(s) with %zu distinct event(s), expected %zu once each: %zu written more "
        "than once, %zu missing, %zu not expected",
        static_cast<unsigned long long>(scan.lines), scan.pids.size(), expected.size(), twice,
        missing, unexpected);
    return false;
}

bool stopCleanly(ProcessRunner& worker, int timeoutMs) {
    worker.sendSignal(SIGTERM);
    if (!worker.waitForExit(timeoutMs)) {
        qWarning("the worker did not stop within %d ms", timeoutMs);
        return false;
    }
    if (worker.exitCode() != 0) {
        qWarning("the worker exited with %d: %s", worker.exitCode(),
                 qPrintable(worker.standardError().right(600)));
        return false;
    }
    return true;
}

namespace {

void writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
}

}  // namespace

QString writeConfig(const QTemporaryDir& dir, const WorkerConfig& config) {
    QDir().mkpath(dir.filePath(QStringLiteral("settings")));
    QByteArray denied;
    for (const std::string& name : config.denied) {
        denied += (denied.isEmpty() ? "\"" : ",\"") + QByteArray::fromStdString(name) + '"';
    }
    for (const int app : config.appIds) {
        writeFile(dir.filePath(QStringLiteral("settings/metadata.%1.json").arg(app)),
                  R"({"identity":{"account_id":"role_id"},"time":{"field":"mtime"}})");
        writeFile(dir.filePath(QStringLiteral("settings/filter.%1.json").arg(app)),
                  R"({"log_names":{"deny":[)" + denied + "]}}");
    }
    const QString path = dir.filePath(QStringLiteral("mtga.yml"));
    writeFile(path, QStringLiteral("kafka:\n"
                                   "  brokers: \"%1\"\n"
                                   "  topics: [%2]\n"
                                   "  group: tests\n"
                                   "%3"
                                   "pipeline:\n"
                                   "  workers: 2\n"
                                   "  checkpoint_interval: %4\n"
                                   "  settings: settings\n"
                                   "%5"
                                   "sink:\n"
                                   "  directory: out\n"
                                   "  instance: test\n"
                                   "%6"
                                   "store:\n"
                                   "  path: store\n"
                                   "control:\n"
                                   "  socket: data/mtga.sock\n"
                                   "%7"
                                   "%8")
                        .arg(QString::fromStdString(config.bootstrap), config.topic, config.kafka,
                             config.checkpointInterval, config.pipeline, config.sink,
                             config.control, config.sections)
                        .toUtf8());
    return path;
}

WorkerConfig staticWorker(const std::string& bootstrap, const QString& topic, int count) {
    WorkerConfig config;
    config.bootstrap = bootstrap;
    config.topic = topic;
    config.kafka = staticPartitions(topic, count);
    return config;
}

QString staticPartitions(const QString& topic, int count) {
    QStringList partitions;
    for (int p = 0; p < count; ++p) {
        partitions << QStringLiteral("\"%1:%2\"").arg(topic).arg(p);
    }
    return QStringLiteral("  assignment: static\n  partitions: [%1]\n")
        .arg(partitions.join(QStringLiteral(", ")));
}

bool runUntilWritten(const QString& config, const QString& out, uint64_t lines, int timeoutMs) {
    ProcessRunner worker(runArguments(config));
    if (!worker.start()) {
        qWarning("the worker did not start");
        return false;
    }
    QDeadlineTimer deadline(timeoutMs);
    while (scanOutput(out).lines < lines) {
        if (deadline.hasExpired() || worker.waitForExit(0)) {
            qWarning("%llu of %llu line(s) written: %s",
                     static_cast<unsigned long long>(scanOutput(out).lines),
                     static_cast<unsigned long long>(lines),
                     qPrintable(worker.standardError().right(1000)));
            return false;
        }
        QTest::qWait(200);
    }
    QTest::qWait(1500);
    return stopCleanly(worker, 60'000);
}

qint64 largestOutputFile(const QString& out) {
    qint64 largest = 0;
    QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        largest = std::max(largest, QFileInfo(it.next()).size());
    }
    return largest;
}

bool limitFileSize(qint64 pid, const QString& limit) {
    const QString prlimit = QStandardPaths::findExecutable(QStringLiteral("prlimit"));
    if (prlimit.isEmpty()) {
        qWarning("prlimit (util-linux) is needed");
        return false;
    }
    int exitCode = -1;
    runToCompletion(
        prlimit,
        {QStringLiteral("--pid"), QString::number(pid), QStringLiteral("--fsize=%1:").arg(limit)},
        10'000, &exitCode);
    return exitCode == 0;
}

QStringList runArguments(const QString& config, int statusInterval) {
    return {QStringLiteral("run"), QStringLiteral("-c"), config,
            QStringLiteral("--status-interval"), QString::number(statusInterval)};
}

}  // namespace mtga::test
