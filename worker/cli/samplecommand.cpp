#include "worker/cli/samplecommand.h"

#include "shared/commands.h"
#include "shared/controlclient.h"
#include "shared/values/offsetresetrequest.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QDateTime>
#include <QStringDecoder>

namespace mtga::cli {
namespace {

const QString kTopic = QStringLiteral("topic");
const QString kLimit = QStringLiteral("limit");

QString payloadText(const SampleMessage& message) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(message.payload);
    if (decoder.hasError()) {
        return SampleCommand::tr(
                   "(binary, %1 bytes: a compressed or encoded message; --json "
                   "has it in base64)")
            .arg(message.payloadBytes);
    }
    return oneLine(text);
}

QString recordText(const SampleRecord& record) {
    const QString app = record.appId >= 0 ? QString::number(record.appId) : QStringLiteral("-");
    const QString log = record.logName.isEmpty() ? QStringLiteral("-") : record.logName;
    if (record.outcome == QLatin1String("written")) {
        return SampleCommand::tr("#%1 written (app %2, %3): %4")
            .arg(record.index)
            .arg(app, log, record.line);
    }
    if (record.outcome == QLatin1String("filtered")) {
        return SampleCommand::tr("#%1 filtered (app %2, %3) by %4")
            .arg(record.index)
            .arg(app, log, record.rule);
    }
    QString why = record.stage + QLatin1Char(' ') + record.reason + QStringLiteral(": ") +
                  oneLine(record.message);
    if (!record.field.isEmpty()) {
        why += QStringLiteral(" [") + record.field + QLatin1Char(']');
    }
    return SampleCommand::tr("#%1 failed (app %2, %3) in %4").arg(record.index).arg(app, log, why);
}

}  // namespace

QString SampleCommand::summary() const {
    return tr("Show the last messages of a partition next to the TA lines they became");
}

QString SampleCommand::format(const SampleReply& reply, int width) {
    if (reply.messages.empty()) {
        return tr("%1:%2: no message taken yet").arg(reply.topic).arg(reply.partition);
    }
    QStringList lines;
    for (const SampleMessage& message : reply.messages) {
        lines << tr("%1:%2 offset %3 at %4 (%5 bytes)")
                     .arg(reply.topic)
                     .arg(reply.partition)
                     .arg(message.offset)
                     .arg(QDateTime::fromMSecsSinceEpoch(message.timeMs)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")))
                     .arg(message.payloadBytes);
        lines << cut(QStringLiteral("  ") + tr("message: %1").arg(payloadText(message)), width);
        for (const SampleRecord& record : message.records) {
            lines << cut(QStringLiteral("  ") + recordText(record), width);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

int SampleCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Asks the worker listening on the control socket for the last messages it took of "
           "one partition, newest first, each with what became of its records: the TA line "
           "written, the filter rule that dropped it, or why it failed. The worker keeps up to "
           "50 per partition, taking about 100 a second, so on a busy partition they are a "
           "recent sample rather than every message. Lines are cut to the terminal's width "
           "($COLUMNS, or 120); --json prints the whole answer. Exit status: 0 answered, 1 an "
           "error (a partition the worker does not read), 2 bad options, 3 no worker, 4 no "
           "answer in time."));
    ControlOptions control(parser, arguments);
    parser.addOption({kTopic, tr("The partition, as TOPIC:PARTITION."), tr("TOPIC:PARTITION")});
    parser.addOption({kLimit, tr("Show at most N messages (default 10, at most 50)."), tr("N"),
                      QStringLiteral("10")});
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    const auto partition = parsePartitionRef(parser.value(kTopic));
    if (!partition) {
        return control.usage(
            parser.isSet(kTopic)
                ? tr("--topic takes TOPIC:PARTITION, not \"%1\"").arg(parser.value(kTopic))
                : tr("say which partition, with --topic TOPIC:PARTITION"));
    }
    const auto limit = integerOption(parser, kLimit, 1, 50);
    if (!limit) {
        return control.usage(limit.error().message);
    }
    const QJsonObject args{{QStringLiteral("topic"), partition->topic},
                           {QStringLiteral("partition"), partition->partition},
                           {QStringLiteral("limit"), limit.value()}};
    auto reply =
        ControlClient::call(control.endpoint(), QString(kSampleCommand), args, control.timeout());
    if (!reply) {
        return control.fail(reply.error());
    }
    const auto sample = SampleReply::fromJson(reply.value());
    if (!sample) {
        return control.fail(sample.error());
    }
    if (control.json()) {
        ControlOptions::printJson(sample->toJson());
    } else {
        printLine(format(sample.value(), outputWidth()));
    }
    return kExitOk;
}

}  // namespace mtga::cli
