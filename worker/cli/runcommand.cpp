#include "worker/cli/runcommand.h"

#include "shared/logging.h"
#include "shared/workerconfig.h"
#include "worker/cli/options.h"
#include "worker/cli/pipelineprogress.h"
#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/cli/workersignals.h"
#include "worker/control/controlserver.h"
#include "worker/control/workercommands.h"
#include "worker/pipeline/pipelineconfig.h"

#include <QFileInfo>

namespace mtga::cli {

QString RunCommand::summary() const {
    return tr("Run the worker: Kafka to TA files, until SIGINT or SIGTERM");
}

int RunCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Consumes the configured topics, transforms every event with the app's settings and "
           "writes TA log files, exactly once. SIGINT/SIGTERM checkpoint and stop; SIGHUP "
           "reloads the settings."));
    parser.addOption(configFileOption());
    parser.addOption({QStringLiteral("status-interval"),
                      tr("Seconds between status lines; 0: none (default 10)."), tr("SECONDS"),
                      QStringLiteral("10")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    auto interval = integerOption(parser, QStringLiteral("status-interval"), 0, 3600);
    if (!interval) {
        printError(interval.error().message);
        return kExitUsage;
    }
    auto config = loadWorkerConfig(parser);
    if (!config) {
        printError(config.error().message);
        return kExitUsage;
    }
    LogOptions log;
    log.level = static_cast<LogOptions::Level>(config->log.level);
    log.format = config->log.format == LogConfig::Format::Json ? LogOptions::Format::Json
                                                               : LogOptions::Format::Text;
    log.file = config->log.file;
    log.rotate = config->log.rotate == LogConfig::Rotate::Size ? LogOptions::Rotate::Size
                                                               : LogOptions::Rotate::Daily;
    log.maxBytes = config->log.maxBytes;
    log.keep = config->log.keep;
    if (auto installed = Logging::install(log); !installed) {
        printError(installed.error().message);
        return kExitUsage;
    }
    auto options = pipelineOptionsFrom(config.value());
    if (!options) {
        printError(options.error().message);
        return kExitUsage;
    }
    auto pipeline = Pipeline::create(std::move(options).value());
    if (!pipeline) {
        printError(pipeline.error().message);
        return kExitUsage;
    }
    QString fatal;
    pipeline.value()->setFatalHandler([&fatal](const QString& why) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [&fatal, why] {
                fatal = why;
                QCoreApplication::quit();
            },
            Qt::QueuedConnection);
    });
    if (auto started = pipeline.value()->start(); !started) {
        printError(started.error().message);
        return started.error().is(ErrorCode::SettingsInvalid) ? kExitUsage : kExitFailure;
    }
    ControlServer control(config->control);
    if (auto listening = control.listen(); !listening) {
        printError(listening.error().message);
        (void)pipeline.value()->stop();
        return kExitFailure;
    }
    WorkerCommands::registerOn(control, *pipeline.value(),
                               QFileInfo(config->file).absoluteFilePath());
    printError(tr("mtga is running (%1); Ctrl-C or SIGTERM stops it, SIGHUP reloads the settings. "
                  "`mtga status` asks it how it is (socket %2).")
                   .arg(config->file, control.socketPath()));

    SignalWatcher signals;
    handleWorkerSignals(signals, *pipeline.value());
    PipelineProgress progress(*pipeline.value(), static_cast<int>(interval.value()) * 1000);
    if (interval.value() > 0) {
        progress.start();
    }
    QCoreApplication::exec();

    printError(tr("Stopping: writing what was taken and checkpointing..."));
    const Result<void> stopped = pipeline.value()->stop();
    progress.printNow();
    if (!fatal.isEmpty()) {
        printError(tr("Stopped: %1").arg(fatal));
        return kExitFailure;
    }
    if (!stopped && stopped.error().is(ErrorCode::StopIncomplete)) {
        printError(tr("Stopped: %1").arg(stopped.error().message));
        return kExitFailure;
    }
    if (!stopped) {
        printError(tr("Stopped without a final checkpoint (the events will be consumed again): %1")
                       .arg(stopped.error().message));
        return kExitFailure;
    }
    printError(tr("Stopped cleanly."));
    return kExitOk;
}

}  // namespace mtga::cli
