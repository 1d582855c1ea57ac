#include "worker/cli/failureactions.h"

#include "shared/controlclient.h"
#include "worker/cli/command.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QFileInfo>

namespace mtga::cli {
namespace {

const QString kAll = QStringLiteral("all");
const QString kOutput = QStringLiteral("output");

std::chrono::milliseconds longTimeout(const QCommandLineParser& parser,
                                      const ControlOptions& control) {
    return parser.isSet(QStringLiteral("timeout"))
               ? control.timeout()
               : std::chrono::milliseconds(FailureActions::kLongTimeout);
}

}  // namespace

void FailureActions::addOptions(QCommandLineParser& parser) {
    parser.addOption({kAll, tr("retry: every entry of the queue (or give filters).")});
    parser.addOption({kOutput,
                      tr("export: the file to write, on the worker's machine (it must not exist; "
                         "a relative path is taken from here unless --ssh)."),
                      tr("FILE")});
}

QString FailureActions::foreignOption(const QCommandLineParser& parser, const QString& action) {
    if (parser.isSet(kAll) && action != QLatin1String("retry")) {
        return QStringLiteral("--all");
    }
    if (parser.isSet(kOutput) && action != QLatin1String("export")) {
        return QStringLiteral("--output");
    }
    return {};
}

int FailureActions::retry(const QCommandLineParser& parser, const ControlOptions& control,
                          const FailureQuery& query) {
    const bool all = parser.isSet(kAll);
    if (all == !query.isEmpty()) {
        return control.usage(all ? tr("--all means every entry: give it without filters")
                                 : tr("give --all, or filters (--reason, --stage, --topic, "
                                      "--since, --until)"));
    }
    const auto reply =
        ControlClient::retryFailures(control.endpoint(), query, longTimeout(parser, control));
    if (!reply) {
        return control.fail(reply.error());
    }
    if (control.json()) {
        ControlOptions::printJson(reply->toJson());
    } else {
        printLine(tr("%1 matched: %2 written, %3 filtered, %4 still failing")
                      .arg(reply->matched)
                      .arg(reply->written)
                      .arg(reply->filtered)
                      .arg(reply->stillFailing));
    }
    if (!reply->outputError.isEmpty()) {
        printError(tr("%1: the output refused lines; their entries stay queued: %2")
                       .arg(control.command(), reply->outputError));
        return kExitFailure;
    }
    return kExitOk;
}

int FailureActions::exportTo(const QCommandLineParser& parser, const ControlOptions& control,
                             const FailureQuery& query) {
    QString path = parser.value(kOutput);
    if (path.isEmpty()) {
        return control.usage(tr("export needs --output FILE"));
    }
    if (!control.endpoint().isRemote() && QFileInfo(path).isRelative()) {
        path = QFileInfo(path).absoluteFilePath();
    }
    const auto reply = ControlClient::exportFailures(control.endpoint(), query, path,
                                                     longTimeout(parser, control));
    if (!reply) {
        return control.fail(reply.error());
    }
    if (control.json()) {
        ControlOptions::printJson(reply->toJson());
    } else {
        printLine(tr("written to %1: %2 entries, %3 bytes")
                      .arg(reply->path)
                      .arg(reply->exported)
                      .arg(reply->bytes));
    }
    return kExitOk;
}

}  // namespace mtga::cli
