#include "worker/cli/generatecommand.h"

#include "worker/cli/options.h"
#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/cli/trafficprogress.h"
#include "worker/demo/trafficproducer.h"

#include <QCoreApplication>

#include <csignal>

namespace mtga::cli {
namespace {

Result<std::vector<int>> parseAppIds(const QString& text) {
    std::vector<int> ids;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int id = part.trimmed().toInt(&ok);
        if (!ok || id < 0) {
            return Error::of(
                ErrorCode::InvalidArgument,
                GenerateCommand::tr(
                    "--apps takes app ids separated by commas, e.g. 24,25; \"%1\" is not "
                    "one")
                    .arg(part));
        }
        ids.push_back(id);
    }
    if (ids.empty()) {
        return Error::of(ErrorCode::InvalidArgument,
                         GenerateCommand::tr("--apps needs at least one app id"));
    }
    return ids;
}

}  // namespace

QString GenerateCommand::summary() const {
    return tr("Produce sample game-log events (snappy) into a Kafka topic");
}

int GenerateCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Produces events shaped like the original service's input, event i to partition "
           "i % partitions, compressed with snappy. The same seed gives the same events."));
    parser.addOption({QStringLiteral("brokers"), tr("Kafka bootstrap servers (required)."),
                      tr("HOST:PORT,...")});
    parser.addOption({QStringLiteral("topic"), tr("Topic (default mulog_clean_24)."), tr("NAME"),
                      QStringLiteral("mulog_clean_24")});
    parser.addOption({QStringLiteral("count"),
                      tr("Number of events; 0 runs until Ctrl-C (default 10000)."), tr("N"),
                      QStringLiteral("10000")});
    parser.addOption({QStringLiteral("rate"),
                      tr("Events per second; 0 is as fast as possible (default 0)."), tr("N"),
                      QStringLiteral("0")});
    parser.addOption(
        {QStringLiteral("seed"), tr("Seed (default 1)."), tr("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("first-index"),
                      tr("Index of the first event, to continue an earlier run (default 0)."),
                      tr("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("invalid-per-mille"),
                      tr("Broken (invalid JSON) events per thousand, to exercise the failure "
                         "queue (default 0)."),
                      tr("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("apps"), tr("App ids to spread events over (default 24)."),
                      tr("ID,..."), QStringLiteral("24")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    if (!parser.isSet(QStringLiteral("brokers"))) {
        printError(tr("%1: --brokers is required").arg(arguments.value(0)));
        return kExitUsage;
    }
    auto count = integerOption(parser, QStringLiteral("count"), 0, INT64_MAX);
    auto rate = integerOption(parser, QStringLiteral("rate"), 0, 10'000'000);
    auto seed = integerOption(parser, QStringLiteral("seed"), 0, INT64_MAX);
    auto firstIndex = integerOption(parser, QStringLiteral("first-index"), 0, INT64_MAX);
    auto invalid = integerOption(parser, QStringLiteral("invalid-per-mille"), 0, 1000);
    for (const Result<qint64>* option : {&count, &rate, &seed, &firstIndex, &invalid}) {
        if (!*option) {
            printError(option->error().message);
            return kExitUsage;
        }
    }
    auto appIds = parseAppIds(parser.value(QStringLiteral("apps")));
    if (!appIds) {
        printError(appIds.error().message);
        return kExitUsage;
    }
    if (count.value() == 0 && rate.value() == 0) {
        printError(tr("%1: an endless run (--count 0) needs a --rate").arg(arguments.value(0)));
        return kExitUsage;
    }

    TrafficOptions options;
    options.bootstrapServers = parser.value(QStringLiteral("brokers")).toStdString();
    options.topic = parser.value(QStringLiteral("topic")).toStdString();
    options.seed = static_cast<uint64_t>(seed.value());
    options.appIds = appIds.value();
    options.firstIndex = static_cast<uint64_t>(firstIndex.value());
    options.invalidPerMille = static_cast<int>(invalid.value());
    auto producer = TrafficProducer::create(options);
    if (!producer) {
        printError(producer.error().message);
        return kExitFailure;
    }
    TrafficProducer& traffic = *producer.value();
    TrafficProgress progress(traffic);
    progress.start();

    if (rate.value() == 0) {
        // As fast as possible: produce in slices so progress lines keep coming.
        uint64_t left = static_cast<uint64_t>(count.value());
        while (left > 0) {
            const uint64_t slice = std::min<uint64_t>(left, 20'000);
            if (auto produced = traffic.produce(slice); !produced) {
                printError(produced.error().message);
                return kExitFailure;
            }
            left -= slice;
            QCoreApplication::processEvents();
        }
    } else {
        SignalWatcher signals;
        QObject::connect(&signals, &SignalWatcher::signalReceived, qApp, [](int signalNumber) {
            if (signalNumber != SIGHUP) {
                QCoreApplication::quit();
            }
        });
        QObject::connect(&traffic, &TrafficProducer::pumpFinished, qApp, &QCoreApplication::quit);
        traffic.startPumping(static_cast<double>(rate.value()),
                             static_cast<uint64_t>(count.value()));
        QCoreApplication::exec();
        traffic.stopPumping();
    }
    const Result<void> flushed = traffic.flush(30'000);
    progress.printNow();
    printLine(tr("produced %1, acknowledged %2, failed %3")
                  .arg(traffic.enqueued())
                  .arg(traffic.delivered())
                  .arg(traffic.failed()));
    if (!flushed) {
        printError(flushed.error().message);
        return kExitFailure;
    }
    return traffic.failed() == 0 ? kExitOk : kExitFailure;
}

}  // namespace mtga::cli
