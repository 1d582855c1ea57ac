#include "worker/cli/democommand.h"

#include "worker/cli/options.h"
#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/cli/trafficprogress.h"
#include "worker/demo/trafficproducer.h"
#include "worker/source/embeddedkafka.h"

#include <QCoreApplication>
#include <QTimer>

#include <csignal>

namespace mtga::cli {
namespace {

const TopicSpec kDemoTopic{"mulog_clean_24", 6};

}  // namespace

QString DemoCommand::summary() const {
    return tr("Run the embedded Kafka with sample traffic (the quick start)");
}

int DemoCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Starts the embedded Kafka with topic mulog_clean_24 (6 partitions) and produces "
           "sample game-log events into it until Ctrl-C."));
    parser.addOption({QStringLiteral("rate"), tr("Events per second (default 1000)."), tr("N"),
                      QStringLiteral("1000")});
    parser.addOption({QStringLiteral("seed"), tr("Seed of the sample events (default 1)."), tr("N"),
                      QStringLiteral("1")});
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
    auto producer = TrafficProducer::create(traffic);
    if (!producer) {
        printError(producer.error().message);
        return kExitFailure;
    }

    printLine(tr("mtga demo: embedded Kafka with sample traffic"));
    printLine(QStringLiteral("bootstrap.servers=%1").arg(bootstrap));
    printLine(tr("Topic mulog_clean_24, 6 partitions, %1 events/s, seed %2.")
                  .arg(rate.value())
                  .arg(seed.value()));
    printLine(
        tr("See the events with kcat:  kcat -C -b %1 -t mulog_clean_24 -o end").arg(bootstrap));
    printLine(
        tr("Note: the embedded Kafka keeps at most 5 MiB per partition; older events are "
           "dropped and Low moves up."));
    printLine(
        tr("The Kafka-to-TA pipeline is not built yet: this demo produces the traffic it "
           "will consume, nothing more."));
    printLine(tr("Press Ctrl-C to stop."));

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::signalReceived, qApp, [](int signalNumber) {
        if (signalNumber != SIGHUP) {
            QCoreApplication::quit();
        }
    });
    if (duration.value() > 0) {
        QTimer::singleShot(std::chrono::seconds(duration.value()), qApp, &QCoreApplication::quit);
    }

    TrafficProgress progress(*producer.value());
    producer.value()->startPumping(static_cast<double>(rate.value()), 0);
    progress.start();
    QCoreApplication::exec();

    producer.value()->stopPumping();
    const Result<void> flushed = producer.value()->flush(5000);
    progress.printNow();
    if (!flushed) {
        printError(flushed.error().message);
    }
    printLine(tr("Demo stopped: %1 events produced, %2 acknowledged by Kafka.")
                  .arg(producer.value()->enqueued())
                  .arg(producer.value()->delivered()));
    return kExitOk;
}

}  // namespace mtga::cli
