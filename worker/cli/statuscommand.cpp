#include "worker/cli/statuscommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/terminal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <utility>
#include <vector>

namespace mtga::cli {
namespace {

using Row = std::pair<QString, QString>;

// Labels padded to the widest, so the values line up in a terminal.
void appendRows(QStringList& lines, const std::vector<Row>& rows, const QString& indent) {
    qsizetype width = 0;
    for (const auto& [label, value] : rows) {
        width = std::max(width, label.size());
    }
    for (const auto& [label, value] : rows) {
        QString line = indent;
        line += label.leftJustified(width + 2);
        line += value;
        lines << line;
    }
}

QString valueText(const QJsonValue& value) {
    switch (value.type()) {
        case QJsonValue::String:
            return value.toString();
        case QJsonValue::Double: {
            const double number = value.toDouble();
            return number == static_cast<double>(value.toInteger())
                       ? QString::number(value.toInteger())
                       : QString::number(number);
        }
        case QJsonValue::Bool:
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            return QStringLiteral("-");
        case QJsonValue::Array:
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        case QJsonValue::Object:
            return QString::fromUtf8(
                QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

QString uptimeText(qint64 seconds) {
    const QString clock = QStringLiteral("%1:%2:%3")
                              .arg(seconds / 3600 % 24, 2, 10, QLatin1Char('0'))
                              .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                              .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return seconds >= 86400 ? StatusCommand::tr("%1 d %2").arg(seconds / 86400).arg(clock) : clock;
}

QString bytesText(qint64 bytes) {
    if (bytes < 1024) {
        return QString::number(bytes);
    }
    return StatusCommand::tr("%1 (%2 bytes)")
        .arg(QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat))
        .arg(bytes);
}

// Keys a newer worker sent that this build does not know, by name.
void appendUnknown(std::vector<Row>& rows, const QJsonObject& extra) {
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        rows.emplace_back(it.key(), valueText(it.value()));
    }
}

}  // namespace

QString StatusCommand::summary() const {
    return tr("Show a running worker's state, counters and self-checks");
}

QString StatusCommand::lagText(const WorkerStatus& status) {
    if (!status.lag) {
        return tr("unknown");
    }
    QString text = tr("%1 message(s)").arg(*status.lag);
    if (status.lagSeconds) {
        text += tr(", %1 behind").arg(spanText(*status.lagSeconds));
    }
    if (*status.lag > 0) {
        text += status.etaSeconds
                    ? tr(", caught up in %1").arg(spanText(static_cast<double>(*status.etaSeconds)))
                    : tr(", not catching up");
    }
    return text;
}

QString StatusCommand::format(const WorkerStatus& status) {
    QStringList lines;
    const auto number = [](qint64 value) { return QString::number(value); };
    appendRows(lines,
               {{tr("state"), status.state},
                {tr("health"), status.health},
                {tr("version"), status.version},
                {tr("pid"), number(status.pid)},
                {tr("uptime"), uptimeText(status.uptimeSeconds)},
                {tr("config"), status.config},
                {tr("partitions"), number(status.partitions)},
                {tr("lag"), lagText(status)},
                {tr("failure queue"), number(status.failureQueue)},
                {tr("retried on a timer"), number(status.transientFailures)},
                {tr("last error"), status.lastError.isEmpty() ? tr("none") : status.lastError}},
               QString());

    const WorkerCounts& counts = status.counts;
    std::vector<Row> rows{{tr("messages"), number(counts.messages)},
                          {tr("written"), number(counts.written)},
                          {tr("filtered"), number(counts.filtered)},
                          {tr("failed"), number(counts.failed)},
                          {tr("skipped on recovery"), number(counts.skippedOnRecovery)},
                          {tr("checkpoints"), number(counts.checkpoints)},
                          {tr("bytes written"), bytesText(counts.bytesWritten)}};
    appendUnknown(rows, counts.extra);
    lines << QString() << tr("counts");
    appendRows(lines, rows, QStringLiteral("  "));

    if (!status.selfCheck.empty()) {
        std::vector<Row> checks;
        int failed = 0;
        for (const SelfCheckRow& check : status.selfCheck) {
            failed += check.ok ? 0 : 1;
            // The marker comes first so that a failed check is seen (and grepped) at once.
            const QString label = (check.ok ? tr("ok") : tr("FAIL")).leftJustified(6) + check.check;
            checks.emplace_back(label, check.detail);
        }
        const auto total = static_cast<qsizetype>(status.selfCheck.size());
        lines << QString()
              << (failed == 0 ? tr("self-check: all %1 passed").arg(total)
                              : tr("self-check: %1 of %2 FAILED").arg(failed).arg(total));
        appendRows(lines, checks, QStringLiteral("  "));
    }

    std::vector<Row> others;
    appendUnknown(others, status.extra);
    if (!others.empty()) {
        lines << QString() << tr("other");
        appendRows(lines, others, QStringLiteral("  "));
    }
    return lines.join(QLatin1Char('\n'));
}

int StatusCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Asks the worker listening on the control socket for its status and prints it. The "
           "socket is --socket PATH, or control.socket of the configuration (-c FILE). Exit "
           "status 0 when the worker answered (even with failed self-checks), 1 when it replied "
           "an error, 2 for bad options or configuration, 3 when no worker listens on the "
           "socket, 4 when it did not answer in time."));
    ControlOptions control(parser, arguments);
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    return control.finish(ControlClient::status(control.endpoint(), control.timeout()), format);
}

}  // namespace mtga::cli
