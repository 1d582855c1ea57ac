#include "worker/cli/statuscommand.h"

#include "shared/controlclient.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>

#include <chrono>
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

QString uptimeText(const QJsonValue& value) {
    if (!value.isDouble()) {
        return valueText(value);
    }
    const qint64 seconds = value.toInteger();
    const QString clock = QStringLiteral("%1:%2:%3")
                              .arg(seconds / 3600 % 24, 2, 10, QLatin1Char('0'))
                              .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                              .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return seconds >= 86400 ? StatusCommand::tr("%1 d %2").arg(seconds / 86400).arg(clock) : clock;
}

QString bytesText(const QJsonValue& value) {
    if (!value.isDouble() || value.toInteger() < 1024) {
        return valueText(value);
    }
    return StatusCommand::tr("%1 (%2 bytes)")
        .arg(QLocale::c().formattedDataSize(value.toInteger(), 1, QLocale::DataSizeIecFormat))
        .arg(value.toInteger());
}

}  // namespace

QString StatusCommand::summary() const {
    return tr("Show a running worker's state, counters and self-checks");
}

QString StatusCommand::format(const QJsonObject& status) {
    QSet<QString> shown;
    const auto field = [&](const QString& key) {
        shown.insert(key);
        return status.value(key);
    };
    QStringList lines;

    const QString lastError = field(QStringLiteral("last_error")).toString();
    appendRows(lines,
               {{tr("state"), valueText(field(QStringLiteral("state")))},
                {tr("version"), valueText(field(QStringLiteral("version")))},
                {tr("pid"), valueText(field(QStringLiteral("pid")))},
                {tr("uptime"), uptimeText(field(QStringLiteral("uptime_s")))},
                {tr("config"), valueText(field(QStringLiteral("config")))},
                {tr("partitions"), valueText(field(QStringLiteral("partitions")))},
                {tr("failure queue"), valueText(field(QStringLiteral("failure_queue")))},
                {tr("retried on a timer"), valueText(field(QStringLiteral("transient_failures")))},
                {tr("last error"), lastError.isEmpty() ? tr("none") : lastError}},
               QString());

    const QJsonObject counts = field(QStringLiteral("counts")).toObject();
    if (!counts.isEmpty()) {
        const std::vector<Row> known{
            {QStringLiteral("messages"), tr("messages")},
            {QStringLiteral("written"), tr("written")},
            {QStringLiteral("filtered"), tr("filtered")},
            {QStringLiteral("failed"), tr("failed")},
            {QStringLiteral("skipped_on_recovery"), tr("skipped on recovery")},
            {QStringLiteral("checkpoints"), tr("checkpoints")},
            {QStringLiteral("bytes_written"), tr("bytes written")}};
        std::vector<Row> rows;
        QSet<QString> knownKeys;
        for (const auto& [key, label] : known) {
            knownKeys.insert(key);
            if (counts.contains(key)) {
                rows.emplace_back(label, key == QLatin1String("bytes_written")
                                             ? bytesText(counts.value(key))
                                             : valueText(counts.value(key)));
            }
        }
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            if (!knownKeys.contains(it.key())) {
                rows.emplace_back(it.key(), valueText(it.value()));
            }
        }
        lines << QString() << tr("counts");
        appendRows(lines, rows, QStringLiteral("  "));
    }

    const QJsonArray checks = field(QStringLiteral("self_check")).toArray();
    if (!checks.isEmpty()) {
        std::vector<Row> rows;
        int failed = 0;
        for (const QJsonValue& value : checks) {
            const QJsonObject check = value.toObject();
            const bool ok = check.value(QLatin1String("ok")).toBool();
            failed += ok ? 0 : 1;
            // The marker comes first so that a failed check is seen (and grepped) at once.
            QString label = ok ? tr("ok") : tr("FAIL");
            label = label.leftJustified(6) + check.value(QLatin1String("check")).toString();
            rows.emplace_back(label, check.value(QLatin1String("detail")).toString());
        }
        lines << QString()
              << (failed == 0 ? tr("self-check: all %1 passed").arg(checks.size())
                              : tr("self-check: %1 of %2 FAILED").arg(failed).arg(checks.size()));
        appendRows(lines, rows, QStringLiteral("  "));
    }

    std::vector<Row> others;
    for (auto it = status.begin(); it != status.end(); ++it) {
        if (!shown.contains(it.key())) {
            others.emplace_back(it.key(), valueText(it.value()));
        }
    }
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
           "status 0 when the worker answered (even with failed self-checks), 1 when it could "
           "not be reached or replied an error, 2 for bad options or configuration."));
    parser.addOption(configFileOption());
    parser.addOption({QStringLiteral("socket"),
                      tr("Control socket of the worker (default: control.socket of the "
                         "configuration)."),
                      tr("PATH")});
    parser.addOption({QStringLiteral("json"), tr("Print the worker's answer as one JSON line.")});
    parser.addOption({QStringLiteral("timeout"),
                      tr("Seconds to wait for the worker, in all (default 10)."), tr("SECONDS"),
                      QStringLiteral("10")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(tr("%1: unexpected argument \"%2\"")
                       .arg(arguments.value(0), parser.positionalArguments().constFirst()));
        return kExitUsage;
    }
    auto timeout = integerOption(parser, QStringLiteral("timeout"), 1, 3600);
    if (!timeout) {
        printError(timeout.error().message);
        return kExitUsage;
    }
    QString socket = parser.value(QStringLiteral("socket"));
    if (!parser.isSet(QStringLiteral("socket"))) {
        auto config = loadWorkerConfig(parser);
        if (!config) {
            printError(config.error().message);
            printError(tr("%1: give the worker's configuration with -c FILE, or its socket with "
                          "--socket PATH")
                           .arg(arguments.value(0)));
            return kExitUsage;
        }
        socket = config->control.socket;
    }

    auto status = ControlClient::call(socket, QStringLiteral("status"), {},
                                      std::chrono::seconds(timeout.value()));
    if (!status) {
        printError(
            tr("%1: %2 [%3]").arg(arguments.value(0), status.error().message, status.error().code));
        return kExitFailure;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        printLine(QString::fromUtf8(QJsonDocument(status.value()).toJson(QJsonDocument::Compact)));
    } else {
        printLine(format(status.value()));
    }
    return kExitOk;
}

}  // namespace mtga::cli
