#include "worker/cli/configcommand.h"

#include "worker/cli/options.h"
#include "worker/cli/terminal.h"
#include "worker/config/workerconfig.h"

namespace mtga::cli {

QString ConfigCommand::summary() const {
    return tr("Check a configuration file and print the effective configuration");
}

int ConfigCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("`mtga config check [-c FILE]` validates FILE (default config/mtga.yml) with its "
           "mtga.local.yml overlay and MTGA_* environment overrides, and prints the effective "
           "configuration. Exit status 2 and every error with file:line:column when it is "
           "invalid."));
    parser.addPositionalArgument(QStringLiteral("check"), tr("The action (only check)."));
    parser.addOption(configFileOption());
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    if (parser.positionalArguments() != QStringList{QStringLiteral("check")}) {
        printError(tr("%1: expected `check`").arg(arguments.value(0)));
        return kExitUsage;
    }
    auto config = loadWorkerConfig(parser);
    if (!config) {
        printError(config.error().message);
        return kExitUsage;
    }
    printLine(tr("# %1 is valid; read: %2")
                  .arg(config->file, config->sources.join(QStringLiteral(", "))));
    printLine(config->toYaml());
    return kExitOk;
}

}  // namespace mtga::cli
