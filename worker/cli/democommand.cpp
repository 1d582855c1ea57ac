#include "worker/cli/democommand.h"

#include "worker/cli/options.h"
#include "worker/cli/pipelineprogress.h"
#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/cli/trafficprogress.h"
#include "worker/cli/workersignals.h"
#include "worker/demo/trafficproducer.h"
#include "worker/devtools/embeddedkafka.h"
#include "worker/host/workerhost.h"

#include <QDir>
#include <QFile>
#include <QTimer>

namespace mtga::cli {
namespace {

const TopicSpec kDemoTopic{"mulog_clean_24", 6};
constexpr const char* kMarker = ".mtga-demo";

// The embedded Kafka starts empty every time, so the demo's store and files from an earlier run
// no longer match it: a folder the demo made (and marked) starts fresh. Any other folder is left
// alone.
Result<void> prepareDataFolder(const QDir& data) {
    const bool ours = data.exists(QLatin1String(kMarker));
    if (!ours && data.exists() && !data.isEmpty()) {
        return Error::of(ErrorCode::InvalidArgument,
                         DemoCommand::tr("%1 is not empty and was not made by `mtga demo`; choose "
                                         "another --data folder")
                             .arg(data.path()));
    }
    for (const char* sub : {"store", "ta", "settings"}) {
        QDir(data.filePath(QLatin1String(sub))).removeRecursively();
    }
    if (!data.mkpath(QStringLiteral("settings"))) {
        return Error::of(ErrorCode::IoError,
                         DemoCommand::tr("%1: cannot create the folder").arg(data.path()));
    }
    QFile marker(data.filePath(QLatin1String(kMarker)));
    (void)marker.open(QIODevice::WriteOnly);
    // The example settings of app 24 ship inside the binary.
    for (const QString& name :
         {QStringLiteral("metadata.24.json"), QStringLiteral("filter.24.json")}) {
        QFile::remove(data.filePath(QStringLiteral("settings/") + name));
        if (!QFile::copy(QStringLiteral(":/defaults/settings/") + name,
                         data.filePath(QStringLiteral("settings/") + name))) {
            return Error::of(
                ErrorCode::IoError,
                DemoCommand::tr("%1: cannot write the example settings").arg(data.path()));
        }
        QFile::setPermissions(data.filePath(QStringLiteral("settings/") + name),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ReadGroup | QFileDevice::ReadOther);
    }
    return {};
}

}  // namespace

QString DemoCommand::summary() const {
    return tr("Run the embedded Kafka, sample traffic and the real pipeline (the quick start)");
}

int DemoCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Starts the embedded Kafka with topic mulog_clean_24 (6 partitions), produces sample "
           "game-log events into it (some invalid, to show the failure queue) and runs the real "
           "pipeline, which writes TA log files under the data folder, until Ctrl-C."));
    parser.addOption({QStringLiteral("rate"), tr("Events per second (default 1000)."), tr("N"),
                      QStringLiteral("1000")});
    parser.addOption({QStringLiteral("seed"), tr("Seed of the sample events (default 1)."), tr("N"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("data"),
                      tr("Folder for the TA files, the store and the settings (default "
                         "data/demo)."),
                      tr("DIR"), QStringLiteral("data/demo")});
    parser.addOption({QStringLiteral("duration"),
                      tr("Stop by itself after this many seconds (default: run until Ctrl-C)."),
                      tr("SECONDS"), QStringLiteral("0")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    auto rate = integerOption(parser, QStringLiteral("rate"), 1, 1'000'000);
    auto seed = integerOption(parser, QStringLiteral("seed"), 0, INT64_MAX);
    auto duration = integerOption(parser, QStringLiteral("duration"), 0, 86400 * 365);
    for (const Result<qint64>* option : {&rate, &seed, &duration}) {
        if (!*option) {
            printError(option->error().message);
            return kExitUsage;
        }
    }
    const QDir data(QDir(parser.value(QStringLiteral("data"))).absolutePath());
    if (auto prepared = prepareDataFolder(data); !prepared) {
        printError(prepared.error().message);
        return kExitUsage;
    }

    auto kafka = EmbeddedKafka::start(3);
    if (!kafka) {
        printError(kafka.error().message);
        return kExitFailure;
    }
    if (auto created = kafka.value()->createTopic(kDemoTopic); !created) {
        printError(created.error().message);
        return kExitFailure;
    }
    const QString bootstrap = QString::fromStdString(kafka.value()->bootstrapServers());

    TrafficOptions traffic;
    traffic.bootstrapServers = kafka.value()->bootstrapServers();
    traffic.topic = kDemoTopic.name;
    traffic.seed = static_cast<uint64_t>(seed.value());
    traffic.invalidPerMille = 5;
    auto producer = TrafficProducer::create(traffic);
    if (!producer) {
        printError(producer.error().message);
        return kExitFailure;
    }

    PipelineOptions options;
    options.source.brokers = kafka.value()->bootstrapServers();
    options.source.topics = {kDemoTopic.name};
    options.source.group = "mtga-demo";
    options.checkpointInterval = std::chrono::seconds(2);
    options.settingsDir = data.filePath(QStringLiteral("settings"));
    options.sink.directory = data.filePath(QStringLiteral("ta"));
    options.sink.instance = QStringLiteral("demo");
    options.sink.mode = FileSinkOptions::Mode::Stream;
    options.store.path = data.filePath(QStringLiteral("store"));
    // The same control socket as `mtga run`, so `mtga status` and the console work on the demo.
    ControlServerOptions controlOptions;
    controlOptions.socket = data.filePath(QStringLiteral("mtga.sock"));
    WorkerHost host(controlOptions, QStringLiteral("mtga demo"));
    QObject::connect(&host, &WorkerHost::stopRequested, qApp, &QCoreApplication::quit);
    host.setConfigLoader([options]() -> Result<PipelineOptions> { return options; });
    if (auto created = host.createPipeline(options); !created) {
        printError(created.error().message);
        return kExitFailure;
    }
    if (auto started = host.startPipeline(); !started) {
        printError(started.error().message);
        return kExitFailure;
    }

    printLine(tr("mtga demo: embedded Kafka, sample traffic and the pipeline"));
    printLine(QStringLiteral("bootstrap.servers=%1").arg(bootstrap));
    printLine(tr("Topic mulog_clean_24, 6 partitions, %1 events/s, seed %2; about 5 in 1000 "
                 "events are broken on purpose and go to the failure queue.")
                  .arg(rate.value())
                  .arg(seed.value()));
    printLine(
        tr("See the events with kcat:  kcat -C -b %1 -t mulog_clean_24 -o end").arg(bootstrap));
    printLine(tr("TA files: %1 (settings: %2)")
                  .arg(options.sink.directory + QStringLiteral("/24/"), options.settingsDir));
    printLine(
        tr("Note: the embedded Kafka keeps at most 5 MiB per partition; older events are "
           "dropped and Low moves up. A new consumer group's first join takes about 3 s."));
    if (auto listening = host.listen(); listening) {
        printLine(
            tr("Ask it how it is:  mtga status --socket %1").arg(host.control().socketPath()));
    } else {
        printError(tr("No control socket (mtga status will not reach the demo): %1")
                       .arg(listening.error().message));
    }
    printLine(tr("Press Ctrl-C to stop."));

    SignalWatcher signals;
    handleWorkerSignals(signals, host);
    if (duration.value() > 0) {
        QTimer::singleShot(std::chrono::seconds(duration.value()), qApp, &QCoreApplication::quit);
    }

    TrafficProgress trafficProgress(*producer.value());
    PipelineProgress pipelineProgress(host, 1000);
    producer.value()->startPumping(static_cast<double>(rate.value()), 0);
    trafficProgress.start();
    pipelineProgress.start();
    QCoreApplication::exec();

    producer.value()->stopPumping();
    const Result<void> flushed = producer.value()->flush(5000);
    trafficProgress.printNow();
    if (!flushed) {
        printError(flushed.error().message);
    }
    const Result<void> stopped = host.stopPipeline();
    pipelineProgress.printNow();
    const PipelineStats stats = host.pipeline()->stats();
    printLine(tr("Demo stopped: %1 events produced, %2 written to TA files, %3 in the failure "
                 "queue.")
                  .arg(producer.value()->enqueued())
                  .arg(stats.written)
                  .arg(host.pipeline()->store().failureCount()));
    return stopped ? kExitOk : kExitFailure;
}

}  // namespace mtga::cli
