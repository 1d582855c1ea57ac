#include "tests/support/hosttest.h"

#include "tests/support/workertest.h"

#include <unistd.h>

using namespace std::chrono_literals;

namespace mtga::test {

PipelineOptions hostOptions(const EmbeddedKafka& kafka, const QTemporaryDir& dir,
                            const std::string& topic, int partitions) {
    (void)writeConfig(
        dir, staticWorker(kafka.bootstrapServers(), QString::fromStdString(topic), partitions));
    PipelineOptions options;
    options.source.brokers = kafka.bootstrapServers();
    options.source.topics = {topic};
    options.source.group = "host-tests";
    options.source.assignment = KafkaSourceOptions::Assignment::Static;
    for (int32_t partition = 0; partition < partitions; ++partition) {
        options.source.staticPartitions.push_back({topic, partition});
    }
    options.source.watermarkRefresh = 1s;
    options.checkpointInterval = 500ms;
    options.settingsDir = dir.filePath(QStringLiteral("settings"));
    options.sink.directory = dir.filePath(QStringLiteral("out"));
    options.sink.instance = QStringLiteral("test");
    options.store.path = dir.filePath(QStringLiteral("store"));
    return options;
}

QString hostSocket(const QTemporaryDir& dir) {
    return dir.filePath(QStringLiteral("mtga.sock"));
}

std::unique_ptr<WorkerHost> startHost(EmbeddedKafka& kafka, const QTemporaryDir& dir,
                                      const std::string& topic, int partitions,
                                      CommandTable commands,
                                      const std::function<void(ControlServerOptions&)>& adjust) {
    if (!kafka.createTopic({topic, partitions})) {
        qWarning("cannot create topic %s", topic.c_str());
        return nullptr;
    }
    ControlServerOptions control;
    control.socket = hostSocket(dir);
    control.adminUids = {::getuid()};
    if (adjust) {
        adjust(control);
    }
    auto host = std::make_unique<WorkerHost>(control, QStringLiteral("tst_workerhost"),
                                             std::move(commands));
    for (const Result<void>& step :
         {host->createPipeline(hostOptions(kafka, dir, topic, partitions)), host->startPipeline(),
          host->listen()}) {
        if (!step) {
            qWarning("the host did not start: %s", qPrintable(step.error().message));
            return nullptr;
        }
    }
    return host;
}

}  // namespace mtga::test
