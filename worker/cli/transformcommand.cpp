#include "worker/cli/transformcommand.h"

#include "worker/cli/options.h"
#include "worker/cli/terminal.h"
#include "worker/transform/transformer.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <iostream>
#include <string>

namespace mtga::cli {
namespace {

void writeStdout(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
}

// One stderr line per record that did not become a TA line.
void reportOutcome(const RecordOutcome& outcome, qint64 inputLine, int64_t offset) {
    QJsonObject report{{QStringLiteral("input_line"), inputLine},
                       {QStringLiteral("offset"), static_cast<qint64>(offset)},
                       {QStringLiteral("index"), static_cast<qint64>(outcome.index)}};
    if (outcome.appId >= 0) {
        report.insert(QStringLiteral("app_id"), outcome.appId);
    }
    if (!outcome.logName.empty()) {
        report.insert(QStringLiteral("log_name"), QString::fromStdString(outcome.logName));
    }
    if (outcome.kind == OutcomeKind::Filtered) {
        report.insert(QStringLiteral("outcome"), QStringLiteral("filtered"));
        report.insert(QStringLiteral("rule"), QString::fromStdString(outcome.rule));
    } else {
        report.insert(QStringLiteral("outcome"), QStringLiteral("failed"));
        report.insert(QStringLiteral("code"), QString::fromLatin1(failureCodeName(outcome.code)));
        report.insert(QStringLiteral("stage"),
                      QString::fromLatin1(failureStageName(outcome.stage)));
        report.insert(QStringLiteral("message"), QString::fromStdString(outcome.message));
        if (!outcome.field.empty()) {
            report.insert(QStringLiteral("field"), QString::fromStdString(outcome.field));
        }
    }
    std::fflush(stdout);  // keep stdout and stderr in input order when both go to a terminal
    std::fputs(QJsonDocument(report).toJson(QJsonDocument::Compact).constData(), stderr);
    std::fputc('\n', stderr);
}

}  // namespace

QString TransformCommand::summary() const {
    return tr("Transform message values from standard input into TA lines (try settings offline)");
}

int TransformCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Reads one Kafka message value per line from standard input (or one binary payload "
           "with --payload-file), writes TA event lines to standard output, and reports each "
           "filtered or failed record on standard error as one JSON line, then a summary. Exit "
           "status 0 when it ran, whatever the outcomes; 2 when the settings are invalid."));
    parser.addOption({QStringLiteral("settings"), tr("Settings folder (required)."), tr("DIR")});
    parser.addOption({QStringLiteral("topic"), tr("Topic, for #uuid (default mulog_clean_24)."),
                      tr("NAME"), QStringLiteral("mulog_clean_24")});
    parser.addOption({QStringLiteral("partition"), tr("Partition, for #uuid (default 0)."), tr("N"),
                      QStringLiteral("0")});
    parser.addOption({QStringLiteral("offset"),
                      tr("Offset of the first input line; each line adds one (default 0)."),
                      tr("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("payload-codec"), tr("none, snappy or auto (default auto)."),
                      tr("CODEC"), QStringLiteral("auto")});
    parser.addOption({QStringLiteral("payload-file"),
                      tr("Read one binary message value (e.g. a snappy block) from this file."),
                      tr("FILE")});
    parser.addOption({QStringLiteral("now"),
                      tr("Processing time in epoch milliseconds, for events without a time "
                         "(default: the current time)."),
                      tr("MS")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    if (!parser.isSet(QStringLiteral("settings"))) {
        printError(tr("%1: --settings is required").arg(arguments.value(0)));
        return kExitUsage;
    }
    auto partition = integerOption(parser, QStringLiteral("partition"), 0, INT32_MAX);
    auto offset = integerOption(parser, QStringLiteral("offset"), 0, INT64_MAX);
    for (const Result<qint64>* option : {&partition, &offset}) {
        if (!*option) {
            printError(option->error().message);
            return kExitUsage;
        }
    }
    int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (parser.isSet(QStringLiteral("now"))) {
        auto value = integerOption(parser, QStringLiteral("now"), 0, INT64_MAX);
        if (!value) {
            printError(value.error().message);
            return kExitUsage;
        }
        now = value.value();
    }
    const auto codec =
        parsePayloadCodec(parser.value(QStringLiteral("payload-codec")).toStdString());
    if (!codec) {
        printError(tr("--payload-codec must be none, snappy or auto, not \"%1\"")
                       .arg(parser.value(QStringLiteral("payload-codec"))));
        return kExitUsage;
    }
    auto settings = SettingsSet::loadFolder(parser.value(QStringLiteral("settings")));
    if (!settings) {
        printError(settings.error().message);
        return kExitUsage;
    }

    TransformerOptions options;
    options.payloadCodec = *codec;
    Transformer transformer(settings.value(), options);
    const std::string topic = parser.value(QStringLiteral("topic")).toStdString();
    SourceRef source{topic, static_cast<int32_t>(partition.value()), offset.value()};
    TransformOutput output;
    qint64 messages = 0;
    const auto transformOne = [&](std::string_view value) {
        ++messages;
        output.clear();
        transformer.transform(source, value, now, output);
        writeStdout(output.text);
        for (const RecordOutcome& outcome : output.outcomes) {
            if (outcome.kind != OutcomeKind::Ok) {
                reportOutcome(outcome, messages, source.offset);
            }
        }
        ++source.offset;
    };

    if (parser.isSet(QStringLiteral("payload-file"))) {
        QFile file(parser.value(QStringLiteral("payload-file")));
        if (!file.open(QIODevice::ReadOnly)) {
            printError(tr("%1: %2").arg(file.fileName(), file.errorString()));
            return kExitUsage;
        }
        const QByteArray payload = file.readAll();
        transformOne(std::string_view(payload.constData(), static_cast<size_t>(payload.size())));
    } else {
        std::ios::sync_with_stdio(false);
        std::string line;
        while (std::getline(std::cin, line)) {
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            transformOne(line);
        }
    }
    std::fflush(stdout);

    const TransformCounters& counters = transformer.counters();
    printError(tr("transform: %1 message(s), %2 event(s) written, %3 filtered, %4 failed")
                   .arg(messages)
                   .arg(counters.ok)
                   .arg(counters.filtered)
                   .arg(counters.failed));
    for (const auto& [rule, count] : counters.filteredByRule) {
        printError(tr("  filtered by %1: %2").arg(QString::fromStdString(rule)).arg(count));
    }
    for (size_t code = 0; code < counters.failedByCode.size(); ++code) {
        if (counters.failedByCode[code] > 0) {
            printError(
                tr("  failed with %1: %2")
                    .arg(QString::fromLatin1(failureCodeName(static_cast<FailureCode>(code))))
                    .arg(counters.failedByCode[code]));
        }
    }
    for (const auto& [rule, count] : counters.taWarningsByRule) {
        printError(
            tr("  TA format warnings for %1: %2").arg(QString::fromStdString(rule)).arg(count));
    }
    return kExitOk;
}

}  // namespace mtga::cli
