#include "worker/cli/commandline.h"

#include "shared/version.h"
#include "worker/cli/alertscommand.h"
#include "worker/cli/clearfailurequeuecommand.h"
#include "worker/cli/command.h"
#include "worker/cli/configcommand.h"
#include "worker/cli/controlstdiocommand.h"
#include "worker/cli/democommand.h"
#include "worker/cli/devkafkacommand.h"
#include "worker/cli/failurequeuecountcommand.h"
#include "worker/cli/failurescommand.h"
#include "worker/cli/generatecommand.h"
#include "worker/cli/kafkalagcommand.h"
#include "worker/cli/offsetcheckercommand.h"
#include "worker/cli/reloadcommand.h"
#include "worker/cli/resetoffsetscommand.h"
#include "worker/cli/restartcommand.h"
#include "worker/cli/runcommand.h"
#include "worker/cli/samplecommand.h"
#include "worker/cli/startcommand.h"
#include "worker/cli/statuscommand.h"
#include "worker/cli/stopcommand.h"
#include "worker/cli/terminal.h"
#include "worker/cli/transformcommand.h"

#include <QCoreApplication>

#include <algorithm>
#include <memory>
#include <vector>

namespace mtga::cli {
namespace {

std::vector<std::unique_ptr<Command>> allCommands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<RunCommand>());
    commands.push_back(std::make_unique<StartCommand>());
    commands.push_back(std::make_unique<StatusCommand>());
    commands.push_back(std::make_unique<StopCommand>());
    commands.push_back(std::make_unique<RestartCommand>());
    commands.push_back(std::make_unique<ReloadCommand>());
    commands.push_back(std::make_unique<FailureQueueCountCommand>());
    commands.push_back(std::make_unique<ClearFailureQueueCommand>());
    commands.push_back(std::make_unique<FailuresCommand>());
    commands.push_back(std::make_unique<OffsetCheckerCommand>());
    commands.push_back(std::make_unique<KafkaLagCommand>());
    commands.push_back(std::make_unique<SampleCommand>());
    commands.push_back(std::make_unique<AlertsCommand>());
    commands.push_back(std::make_unique<ResetOffsetsCommand>());
    commands.push_back(std::make_unique<UndoResetCommand>());
    commands.push_back(std::make_unique<ResetJournalCommand>());
    commands.push_back(std::make_unique<ControlStdioCommand>());
    commands.push_back(std::make_unique<ConfigCommand>());
    commands.push_back(std::make_unique<DemoCommand>());
    commands.push_back(std::make_unique<DevKafkaCommand>());
    commands.push_back(std::make_unique<GenerateCommand>());
    commands.push_back(std::make_unique<TransformCommand>());
    return commands;
}

QString usage(const std::vector<std::unique_ptr<Command>>& commands) {
    QString text = QCoreApplication::translate("CommandLine",
                                               "Usage: mtga <command> [options]\n\nCommands:\n");
    qsizetype width = 0;
    for (const auto& command : commands) {
        width = std::max(width, command->name().size());
    }
    for (const auto& command : commands) {
        text += QStringLiteral("  %1%2\n")
                    .arg(command->name().leftJustified(width + 2))
                    .arg(command->summary());
    }
    text += QCoreApplication::translate("CommandLine",
                                        "\n`mtga <command> --help` describes a command's options.");
    return text;
}

}  // namespace

int runCommandLine(const QStringList& arguments) {
    const auto commands = allCommands();
    const QString name = arguments.value(1);
    if (name.isEmpty() || name == QLatin1String("help") || name == QLatin1String("--help") ||
        name == QLatin1String("-h")) {
        printLine(usage(commands));
        return name.isEmpty() ? kExitUsage : kExitOk;
    }
    if (name == QLatin1String("version") || name == QLatin1String("--version")) {
        printLine(QStringLiteral("mtga %1").arg(QLatin1String(kVersion)));
        return kExitOk;
    }
    for (const auto& command : commands) {
        if (command->name() == name) {
            QStringList commandArguments = arguments.mid(2);
            commandArguments.prepend(arguments.value(0) + QLatin1Char(' ') + name);
            return command->run(commandArguments);
        }
    }
    printError(
        QCoreApplication::translate("CommandLine", "mtga: unknown command \"%1\"").arg(name));
    printError(usage(commands));
    return kExitUsage;
}

}  // namespace mtga::cli
