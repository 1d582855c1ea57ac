#include "worker/cli/controloptions.h"

#include "worker/cli/command.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QJsonDocument>

namespace mtga::cli {
namespace {

const QString kSocket = QStringLiteral("socket");
const QString kTimeout = QStringLiteral("timeout");
const QString kJson = QStringLiteral("json");

}  // namespace

void ControlOptions::add(QCommandLineParser& parser, const QString& jsonHelp) {
    parser.addOption(configFileOption());
    parser.addOption({kSocket,
                      tr("Control socket of the worker (default: control.socket of the "
                         "configuration)."),
                      tr("PATH")});
    if (!jsonHelp.isEmpty()) {
        parser.addOption({kJson, jsonHelp});
    }
    parser.addOption({kTimeout, tr("Seconds to wait for the worker, in all (default 10)."),
                      tr("SECONDS"), QStringLiteral("10")});
}

Result<ControlOptions::Target> ControlOptions::target(const QCommandLineParser& parser,
                                                      const QString& program) {
    const auto timeout = integerOption(parser, kTimeout, 1, 3600);
    if (!timeout) {
        return timeout.error();
    }
    Target target;
    target.timeout = std::chrono::seconds(timeout.value());
    if (parser.isSet(kSocket)) {
        target.socket = parser.value(kSocket);
        return target;
    }
    const auto config = loadWorkerConfig(parser);
    if (!config) {
        return Error::of(config.error().code,
                         config.error().message + QLatin1Char('\n') +
                             tr("%1: give the worker's configuration with -c FILE, or its socket "
                                "with --socket PATH")
                                 .arg(program));
    }
    target.socket = config->control.socket;
    return target;
}

bool ControlOptions::json(const QCommandLineParser& parser) {
    return parser.isSet(kJson);
}

std::optional<int> ControlOptions::rejectStrayArguments(const QCommandLineParser& parser,
                                                        const QString& program,
                                                        qsizetype expected) {
    const QStringList positional = parser.positionalArguments();
    if (positional.size() <= expected) {
        return std::nullopt;
    }
    printError(tr("%1: unexpected argument \"%2\"").arg(program, positional.at(expected)));
    return kExitUsage;
}

int ControlOptions::callFailed(const QString& program, const Error& error) {
    printError(tr("%1: %2 [%3]").arg(program, error.message, error.codeName()));
    return kExitFailure;
}

void ControlOptions::printJson(const QJsonObject& object) {
    printLine(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

}  // namespace mtga::cli
