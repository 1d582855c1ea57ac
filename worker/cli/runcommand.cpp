#include "worker/cli/runcommand.h"

#include "shared/logging.h"
#include "worker/cli/options.h"
#include "worker/cli/pidfile.h"
#include "worker/cli/pipelineprogress.h"
#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/cli/workersignals.h"
#include "worker/config/workerconfig.h"
#include "worker/host/workerhost.h"

#include <QFileInfo>

#include <unistd.h>

#include <optional>

namespace mtga::cli {
namespace {

const QString kPidFile = QStringLiteral("pid-file");
const QString kPidFd = QStringLiteral("pid-fd");

// The pid file, when asked for: taken over from `mtga start` (--pid-fd, already locked), or
// locked here. Its holder's pid in it either way.
Result<std::optional<PidFile>> takePidFile(const QCommandLineParser& parser) {
    if (!parser.isSet(kPidFile)) {
        return std::optional<PidFile>();
    }
    const QString path = QFileInfo(parser.value(kPidFile)).absoluteFilePath();
    Result<PidFile> file = [&]() -> Result<PidFile> {
        if (!parser.isSet(kPidFd)) {
            return PidFile::acquire(path);
        }
        auto fd = integerOption(parser, kPidFd, 0, 65'535);
        if (!fd) {
            return fd.error();
        }
        return PidFile::adopt(static_cast<int>(fd.value()), path);
    }();
    if (!file) {
        return file.error();
    }
    if (auto written = file->write(::getpid()); !written) {
        return written.error();
    }
    return std::optional<PidFile>(std::move(file).value());
}

}  // namespace

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
    parser.addOption({kPidFile,
                      tr("Hold this pid file, locked, while the worker runs; refuse to start "
                         "(exit 5) when another worker holds it. `mtga start` gives it."),
                      tr("FILE")});
    // The descriptor of the pid file, locked already by `mtga start`, which started this one.
    QCommandLineOption pidFd(kPidFd, QString(), QStringLiteral("FD"));
    pidFd.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(pidFd);
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
    // Before anything that a second worker would spoil (the socket, the store): the pid file
    // says whether this one is the only one. Released after the host, which it outlives.
    auto pidFile = takePidFile(parser);
    if (!pidFile) {
        printError(
            tr("%1: %2 [%3]")
                .arg(arguments.value(0), pidFile.error().message, pidFile.error().codeName()));
        return pidFile.error().is(ErrorCode::AlreadyRunning) ? kExitAlreadyRunning : kExitFailure;
    }
    if (auto installed = Logging::install(config->log); !installed) {
        printError(installed.error().message);
        return kExitUsage;
    }
    WorkerHost host(config->control, QFileInfo(config->file).absoluteFilePath());
    host.setAlertOptions(config->alerts, config->alerts.name.isEmpty()
                                             ? config->pipeline.sink.instance
                                             : config->alerts.name);
    host.setMetricsAddress(config->metricsListen);
    if (auto created = host.createPipeline(config->pipeline); !created) {
        printError(created.error().message);
        return kExitUsage;
    }
    QObject::connect(&host, &WorkerHost::fatalErrorOccurred, qApp, &QCoreApplication::quit);
    QObject::connect(&host, &WorkerHost::stopRequested, qApp, &QCoreApplication::quit);
    host.setConfigLoader([file = config->file]() -> Result<PipelineOptions> {
        auto reread = WorkerConfig::load(file, QProcessEnvironment::systemEnvironment());
        if (!reread) {
            return reread.error();
        }
        return std::move(reread).value().pipeline;
    });
    if (auto started = host.startPipeline(); !started) {
        printError(started.error().message);
        return started.error().is(ErrorCode::SettingsInvalid) ? kExitUsage : kExitFailure;
    }
    if (auto listening = host.listen(); !listening) {
        printError(listening.error().message);
        (void)host.stopPipeline();
        return kExitFailure;
    }
    printError(tr("mtga is running (%1); Ctrl-C or SIGTERM stops it, SIGHUP reloads the settings. "
                  "`mtga status` asks it how it is (socket %2).")
                   .arg(config->file, host.control().socketPath()));

    SignalWatcher signals;
    handleWorkerSignals(signals, host);
    PipelineProgress progress(host, static_cast<int>(interval.value()) * 1000);
    if (interval.value() > 0) {
        progress.start();
    }
    QCoreApplication::exec();

    printError(tr("Stopping: writing what was taken and checkpointing..."));
    const Result<void> stopped = host.stopPipeline();
    progress.printNow();
    if (!host.fatalError().isEmpty()) {
        printError(tr("Stopped: %1").arg(host.fatalError()));
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
