#include "worker/cli/clearfailurequeuecommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/failurefilteroptions.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QTextStream>

#include <unistd.h>

#include <cstdio>

namespace mtga::cli {
namespace {

// Asks on the terminal; only "y" or "yes" goes on.
bool confirmed(const QString& question) {
    QTextStream err(stderr);
    err << question << Qt::flush;
    QTextStream in(stdin);
    const QString answer = in.readLine().trimmed().toLower();
    return answer == QLatin1String("y") || answer == QLatin1String("yes");
}

}  // namespace

QString ClearFailureQueueCommand::summary() const {
    return tr("Remove entries from a running worker's failure queue (all, or by filters)");
}

int ClearFailureQueueCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Removes entries from the failure queue of the worker listening on the control "
           "socket: every entry with --all, or those the filters match. It first shows how many "
           "that is and asks to go on; without a terminal it needs --yes. Needs a uid or gid of "
           "control.admin_uids / admin_gids. Exit status 0 when done, declined or when nothing "
           "matches, 1 when the worker refused or replied an error, 2 for bad options or when it "
           "would have to ask and cannot, 3 when no worker listens, 4 when it did not answer in "
           "time."));
    ControlOptions control(parser, arguments, ControlOptions::Json::Offered,
                           tr("Print the worker's answer (removed, before, after) as one "
                              "JSON line."));
    parser.addOption({QStringLiteral("all"), tr("Remove every entry.")});
    parser.addOption({{QStringLiteral("y"), QStringLiteral("yes")},
                      tr("Do not ask: remove at once (for scripts).")});
    FailureFilterOptions::add(parser);
    if (auto exitCode = control.parse(0)) {
        return *exitCode;
    }
    const QString program = arguments.value(0);
    const auto query = FailureFilterOptions::query(parser);
    if (!query) {
        return control.usage(query.error().message);
    }
    const bool all = parser.isSet(QStringLiteral("all"));
    // As the worker: an empty request must never empty the queue by accident.
    if (all == !query->isEmpty()) {
        printError(all ? tr("%1: --all clears everything: give it without filters").arg(program)
                       : tr("%1: give --all, or filters (--reason, --stage, --topic, --since, "
                            "--until)")
                             .arg(program));
        return kExitUsage;
    }

    const auto counts =
        ControlClient::failureCounts(control.endpoint(), query.value(), control.timeout());
    if (!counts) {
        return control.fail(counts.error());
    }
    const qint64 matching = counts->matching.value_or(counts->total);
    if (matching == 0) {
        printError(tr("%1: no entry matches (the queue holds %2): nothing to remove")
                       .arg(program)
                       .arg(counts->total));
        if (control.json()) {
            ControlOptions::printJson(
                FailureClearReply{0, counts.value(), counts.value()}.toJson());
        } else {
            printLine(tr("removed %1 (%2 left)").arg(0).arg(counts->total));
        }
        return kExitOk;
    }
    printError(all ? tr("%1: this removes all %2 entries of the failure queue")
                         .arg(program)
                         .arg(counts->total)
                   : tr("%1: this removes %2 of the %3 entries of the failure queue")
                         .arg(program)
                         .arg(matching)
                         .arg(counts->total));
    if (!parser.isSet(QStringLiteral("yes"))) {
        if (::isatty(STDIN_FILENO) == 0) {
            printError(tr("%1: standard input is not a terminal, so it cannot ask: give --yes to "
                          "remove them; nothing was removed")
                           .arg(program));
            return kExitUsage;
        }
        if (!confirmed(tr("Remove them? [y/N] "))) {
            printError(tr("%1: nothing was removed").arg(program));
            return kExitOk;
        }
    }

    return control.finish(
        ControlClient::clearFailures(control.endpoint(), query.value(), control.timeout()),
        [](const FailureClearReply& cleared) {
            return tr("removed %1 (%2 left)").arg(cleared.removed).arg(cleared.after.total);
        });
}

}  // namespace mtga::cli
