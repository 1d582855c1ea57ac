#include "worker/cli/options.h"

#include "worker/cli/command.h"
#include "worker/cli/terminal.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace mtga::cli {
std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& arguments) {
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("Options", "Show this help."));
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        printError(QCoreApplication::translate("Options", "%1: %2")
                       .arg(arguments.value(0), parser.errorText()));
        printError(
            QCoreApplication::translate("Options", "Try `%1 --help`.").arg(arguments.value(0)));
        return kExitUsage;
    }
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // Qt prints the bare executable; show the subcommand the user typed.
        text.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QCoreApplication::translate("Options", "Usage: %1").arg(arguments.value(0)));
        printLine(text);
        return kExitOk;
    }
    return std::nullopt;
}

Result<qint64> integerOption(const QCommandLineParser& parser, const QString& name, qint64 minimum,
                             qint64 maximum) {
    const QString text = parser.value(name);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        return Error::of(ErrorCode::InvalidArgument,
                         QCoreApplication::translate(
                             "Options", "--%1 must be a whole number from %2 to %3, not \"%4\"")
                             .arg(name)
                             .arg(minimum)
                             .arg(maximum)
                             .arg(text));
    }
    return value;
}

QCommandLineOption configFileOption() {
    return {{QStringLiteral("c"), QStringLiteral("config")},
            QCoreApplication::translate("Options", "Configuration file (default config/mtga.yml)."),
            QCoreApplication::translate("Options", "FILE"),
            QStringLiteral("config/mtga.yml")};
}

Result<WorkerConfig> loadWorkerConfig(const QCommandLineParser& parser) {
    return WorkerConfig::load(parser.value(QStringLiteral("config")),
                              QProcessEnvironment::systemEnvironment());
}

}  // namespace mtga::cli
