#pragma once

// Helpers shared by the subcommands' option parsing, so every command reports bad options the
// same way and never calls exit() (QCommandLineParser::process would).

#include "shared/result.h"
#include "worker/config/workerconfig.h"

#include <QCommandLineParser>

#include <optional>

namespace mtga::cli {

// Parses `arguments`. Returns an exit code when the command must not go on (bad option: the error
// and a hint are printed, exit 2; --help: the help is printed, exit 0), or nothing to continue.
std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& arguments);

// The integer value of an option, checked against [minimum, maximum], with the option's name in
// the error message.
Result<qint64> integerOption(const QCommandLineParser& parser, const QString& name, qint64 minimum,
                             qint64 maximum);

// `-c/--config FILE` (default config/mtga.yml), for the commands that read the worker's
// configuration, and its loading with the process environment's overrides.
QCommandLineOption configFileOption();
Result<WorkerConfig> loadWorkerConfig(const QCommandLineParser& parser);

}  // namespace mtga::cli
