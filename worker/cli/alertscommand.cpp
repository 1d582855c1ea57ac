#include "worker/cli/alertscommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QDateTime>

namespace mtga::cli {

QString AlertsCommand::summary() const {
    return tr("Show a running worker's alert history, or send a test alert to every webhook");
}

QString AlertsCommand::formatHistory(const AlertsReply& reply, int width) {
    if (reply.alerts.empty()) {
        return tr("no alerts");
    }
    QStringList lines;
    for (const Alert& alert : reply.alerts) {
        QString line = QStringLiteral("%1  %2  %3  %4")
                           .arg(QDateTime::fromMSecsSinceEpoch(alert.timeMs)
                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                alert.status.leftJustified(8), alert.severity.leftJustified(8),
                                oneLine(alert.summary));
        if (!alert.partitions.isEmpty()) {
            line += QStringLiteral(" (%1)").arg(alert.partitions.join(QStringLiteral(", ")));
        }
        lines << cut(line, width);
    }
    return lines.join(QLatin1Char('\n'));
}

QString AlertsCommand::formatTest(const AlertTestReply& reply) {
    if (reply.receivers.empty()) {
        return tr("no webhooks are configured (alerts.webhooks): nothing was sent");
    }
    QStringList lines;
    for (const ReceiverResult& receiver : reply.receivers) {
        const QString outcome =
            receiver.ok ? tr("HTTP %1").arg(receiver.httpStatus) : oneLine(receiver.error);
        lines << QStringLiteral("%1  %2  %3  %4")
                     .arg(receiver.ok ? QStringLiteral("ok  ") : QStringLiteral("FAIL"),
                          receiver.format.leftJustified(8), receiver.receiver, outcome);
    }
    return lines.join(QLatin1Char('\n'));
}

int AlertsCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Without an action: the alerts of the worker listening on the control socket, newest "
           "first (its store keeps the last 10,000), up to --limit. `test`: the worker sends a "
           "test alert to each of its webhooks (alerts.webhooks) at once, without retries, and "
           "this prints how each answered (it waits up to 6 minutes unless --timeout); exit 1 "
           "when one failed or none is configured. "
           "Exit status: 0 done, 1 an error, 2 bad options, 3 no worker, 4 no answer in time. "
           "test needs admin rights."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("test, or nothing for the history."),
                                 QStringLiteral("[test]"));
    ControlOptions control(parser, arguments);
    parser.addOption({QStringLiteral("limit"), tr("Print at most N alerts (default 50)."), tr("N"),
                      QStringLiteral("50")});
    if (auto exitCode = control.parse(1)) {
        return *exitCode;
    }
    const QString action = parser.positionalArguments().value(0);
    if (action == QLatin1String("test")) {
        // The worker answers once each receiver has (alerts.timeout, at most 5 min, each).
        const auto timeout = parser.isSet(QStringLiteral("timeout"))
                                 ? control.timeout()
                                 : std::chrono::milliseconds(std::chrono::minutes(6));
        const auto reply = ControlClient::alertsTest(control.endpoint(), timeout);
        const int exitCode = control.finish(reply, &AlertsCommand::formatTest);
        if (exitCode != kExitOk) {
            return exitCode;
        }
        const auto& receivers = reply->receivers;
        const bool allOk =
            !receivers.empty() && std::all_of(receivers.begin(), receivers.end(),
                                              [](const ReceiverResult& r) { return r.ok; });
        return allOk ? kExitOk : kExitFailure;
    }
    if (!action.isEmpty()) {
        return control.usage(tr("unknown action \"%1\" (test, or nothing)").arg(action));
    }
    const auto limit = integerOption(parser, QStringLiteral("limit"), 1, 1000);
    if (!limit) {
        return control.usage(limit.error().message);
    }
    return control.finish(
        ControlClient::alerts(control.endpoint(), limit.value(), control.timeout()),
        [](const AlertsReply& reply) { return formatHistory(reply, outputWidth()); });
}

}  // namespace mtga::cli
