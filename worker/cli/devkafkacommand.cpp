#include "worker/cli/devkafkacommand.h"

#include "worker/cli/options.h"
#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/devtools/embeddedkafka.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <unistd.h>

#include <array>
#include <csignal>

namespace mtga::cli {
namespace {

// Applies one line typed on standard input: "down N", "up N", "topic NAME:PARTITIONS",
// "fail-commits N", "fail-fetches N" or "rtt MS".
void applyFaultCommand(EmbeddedKafka& kafka, const QString& line) {
    const QStringList words = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty()) {
        return;
    }
    const QString verb = words[0];
    Result<void> result;
    if ((verb == QLatin1String("down") || verb == QLatin1String("up")) && words.size() == 2) {
        bool ok = false;
        const int brokerId = words[1].toInt(&ok);
        if (!ok || brokerId < 1 || brokerId > kafka.brokerCount()) {
            printError(DevKafkaCommand::tr("dev-kafka: no broker %1 (brokers are 1 to %2)")
                           .arg(words[1])
                           .arg(kafka.brokerCount()));
            return;
        }
        result = verb == QLatin1String("down") ? kafka.setBrokerDown(brokerId)
                                               : kafka.setBrokerUp(brokerId);
    } else if ((verb == QLatin1String("fail-commits") || verb == QLatin1String("fail-fetches")) &&
               words.size() == 2) {
        bool ok = false;
        const int count = words[1].toInt(&ok);
        if (!ok || count < 1 || count > 10'000) {
            printError(
                DevKafkaCommand::tr("dev-kafka: %1 takes a count from 1 to 10000").arg(verb));
            return;
        }
        // The next N OffsetCommit requests fail, as a coordinator that refuses them would; or
        // the next N Fetch requests say the position is out of range, as a broker whose log no
        // longer reaches it (the topic was recreated, an unclean election lost data).
        constexpr int16_t kFetch = 1;
        constexpr int16_t kOffsetCommit = 8;
        const bool commits = verb == QLatin1String("fail-commits");
        kafka.pushRequestErrors(
            commits ? kOffsetCommit : kFetch,
            std::vector<rd_kafka_resp_err_t>(static_cast<size_t>(count),
                                             commits ? RD_KAFKA_RESP_ERR_OFFSET_METADATA_TOO_LARGE
                                                     : RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE));
    } else if (verb == QLatin1String("rtt") && words.size() == 2) {
        bool ok = false;
        const int milliseconds = words[1].toInt(&ok);
        if (!ok || milliseconds < 0 || milliseconds > 60'000) {
            printError(DevKafkaCommand::tr("dev-kafka: rtt takes milliseconds from 0 to 60000"));
            return;
        }
        result = kafka.setRoundTripMs(milliseconds);
    } else if (verb == QLatin1String("topic") && words.size() == 2) {
        auto spec = TopicSpec::parse(words[1]);
        result = spec ? kafka.createTopic(spec.value()) : Result<void>(spec.error());
    } else {
        printError(
            DevKafkaCommand::tr(
                "dev-kafka: unknown command \"%1\"; use: down N | up N | topic NAME:PARTITIONS | "
                "fail-commits N | fail-fetches N | rtt MS")
                .arg(line.trimmed()));
        return;
    }
    if (!result) {
        printError(DevKafkaCommand::tr("dev-kafka: %1").arg(result.error().message));
        return;
    }
    printLine(DevKafkaCommand::tr("ok %1").arg(line.trimmed()));
}

}  // namespace

QString DevKafkaCommand::summary() const {
    return tr("Run the embedded Kafka cluster on loopback until Ctrl-C");
}

int DevKafkaCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs librdkafka's mock cluster (the real Kafka protocol on loopback) and prints its "
           "bootstrap address on the first line as bootstrap.servers=ADDRESS.\n"
           "While it runs, lines on standard input inject faults: \"down N\" and \"up N\" stop "
           "and start broker N, \"topic NAME:PARTITIONS\" creates a topic, \"fail-commits N\" "
           "makes the next N offset commits fail, \"rtt MS\" makes every broker answer MS "
           "milliseconds late (0 undoes it), \"fail-fetches N\" answers the next N fetches "
           "that the position is out of range.\n"
           "Limits: at most 5 MiB of compressed data per partition (older data is dropped and "
           "Low moves up); a new consumer group's first join takes about 3 s."));
    parser.addOption({QStringLiteral("brokers"), tr("Number of brokers (default 3)."), tr("N"),
                      QStringLiteral("3")});
    parser.addOption({QStringLiteral("topic"),
                      tr("Create a topic; repeatable (default mulog_clean_24:6)."),
                      tr("NAME:PARTITIONS")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    auto brokers = integerOption(parser, QStringLiteral("brokers"), 1, 16);
    if (!brokers) {
        printError(brokers.error().message);
        return kExitUsage;
    }
    QStringList topicTexts = parser.values(QStringLiteral("topic"));
    if (topicTexts.isEmpty()) {
        topicTexts << QStringLiteral("mulog_clean_24:6");
    }
    std::vector<TopicSpec> topics;
    for (const QString& text : topicTexts) {
        auto spec = TopicSpec::parse(text);
        if (!spec) {
            printError(spec.error().message);
            return kExitUsage;
        }
        topics.push_back(spec.value());
    }

    auto kafka = EmbeddedKafka::start(static_cast<int>(brokers.value()));
    if (!kafka) {
        printError(kafka.error().message);
        return kExitFailure;
    }
    for (const TopicSpec& topic : topics) {
        if (auto created = kafka.value()->createTopic(topic); !created) {
            printError(created.error().message);
            return kExitFailure;
        }
    }
    printLine(QStringLiteral("bootstrap.servers=%1")
                  .arg(QString::fromStdString(kafka.value()->bootstrapServers())));
    for (const TopicSpec& topic : topics) {
        printLine(tr("topic %1 with %2 partition(s)")
                      .arg(QString::fromStdString(topic.name))
                      .arg(topic.partitions));
    }
    printLine(tr("Serving until Ctrl-C (SIGINT) or SIGTERM."));

    SignalWatcher signals;
    QObject::connect(&signals, &SignalWatcher::signalReceived, qApp, [](int signalNumber) {
        if (signalNumber != SIGHUP) {
            QCoreApplication::quit();
        }
    });

    QByteArray pendingInput;
    QSocketNotifier stdinNotifier(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinNotifier, &QSocketNotifier::activated, qApp, [&] {
        std::array<char, 4096> buffer{};
        const ssize_t count = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (count <= 0) {
            stdinNotifier.setEnabled(false);  // end of input (or none): keep serving
            return;
        }
        pendingInput.append(buffer.data(), count);
        qsizetype newline = -1;
        while ((newline = pendingInput.indexOf('\n')) >= 0) {
            applyFaultCommand(*kafka.value(), QString::fromUtf8(pendingInput.left(newline)));
            pendingInput.remove(0, newline + 1);
        }
    });

    QCoreApplication::exec();
    printLine(tr("dev-kafka stopped."));
    return kExitOk;
}

}  // namespace mtga::cli
