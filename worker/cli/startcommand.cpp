#include "worker/cli/startcommand.h"

#include "shared/commands.h"
#include "shared/controlclient.h"
#include "shared/values/helloreply.h"
#include "worker/cli/daemonprocess.h"
#include "worker/cli/options.h"
#include "worker/cli/pidfile.h"
#include "worker/cli/terminal.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <chrono>

namespace mtga::cli {
namespace {

const QString kTimeout = QStringLiteral("timeout");
// Short enough that `mtga start` returns soon after the worker answers, long enough not to spin.
constexpr auto kPollInterval = std::chrono::milliseconds(100);
// One look at the socket; the --timeout is for the whole start.
constexpr auto kHelloTimeout = std::chrono::milliseconds(2'000);
// What of a dead worker's log is shown: its last words, not a day of it.
constexpr qsizetype kMaxLogLines = 40;

// The daemon's standard output and error: log.file, or next to the pid file (data/mtga.log)
// when the log goes to standard error, which a daemon has not.
QString logFileFor(const WorkerConfig& config, const QString& pidFile) {
    if (!config.log.file.isEmpty()) {
        return config.log.file;
    }
    const QFileInfo info(pidFile);
    return QDir(info.absolutePath()).filePath(info.completeBaseName() + QStringLiteral(".log"));
}

// What the worker wrote to the log since `offset` (from the start when the log was rotated).
QStringList logSince(const QString& path, qint64 offset) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    if (file.size() >= offset) {
        file.seek(offset);
    }
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    lines.removeAll(QString());
    return lines.size() > kMaxLogLines ? lines.mid(lines.size() - kMaxLogLines) : lines;
}

std::chrono::milliseconds remaining(const QDeadlineTimer& deadline) {
    return std::chrono::milliseconds(std::max<qint64>(1, deadline.remainingTime()));
}

}  // namespace

QString StartCommand::summary() const {
    return tr("Start the worker as a daemon (pid file, log file) and wait until it answers");
}

int StartCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Starts `mtga run -c FILE` in the background, detached from the terminal, and waits "
           "until its control socket answers; then prints its pid, socket and version. The "
           "worker holds the pid file (control.pid_file, default next to the socket) locked "
           "while it runs: a second start is refused; a pid file nobody holds (its worker was "
           "killed) is taken over. Its standard output and error go to log.file (default: "
           "mtga.log next to the pid file). A worker that dies while starting (settings with "
           "errors, the socket in use...) is reported with what it wrote. `mtga stop` stops it. "
           "Exit status: 0 running, 1 it failed to start, 2 bad options or configuration, "
           "4 no answer within --timeout (it is left running), 5 already running."));
    parser.addOption(configFileOption());
    parser.addOption({kTimeout,
                      tr("Seconds to wait for the worker to answer (default 60: a crash "
                         "recovery may take a while)."),
                      tr("SECONDS"), QStringLiteral("60")});
    if (auto exitCode = parseArguments(parser, arguments)) {
        return *exitCode;
    }
    const QString command = arguments.value(0);
    if (!parser.positionalArguments().isEmpty()) {
        printError(tr("%1: unexpected argument \"%2\"")
                       .arg(command, parser.positionalArguments().constFirst()));
        return kExitUsage;
    }
    const auto timeout = integerOption(parser, kTimeout, 1, 3600);
    if (!timeout) {
        printError(timeout.error().message);
        return kExitUsage;
    }
    // The daemon works in /: every path it is given must not depend on this directory.
    const QString configPath = QFileInfo(parser.value(QStringLiteral("config"))).absoluteFilePath();
    const auto config = WorkerConfig::load(configPath, QProcessEnvironment::systemEnvironment());
    if (!config) {
        printError(config.error().message);
        printError(tr("%1: nothing was started").arg(command));
        return kExitUsage;
    }
    const QString socket = config->control.socket;
    const QString pidPath = PidFile::pathFor(config->control);
    const QString logPath = logFileFor(config.value(), pidPath);

    qint64 stalePid = 0;
    auto pidFile = PidFile::acquire(pidPath, &stalePid);
    if (!pidFile) {
        printError(
            tr("%1: %2 [%3]").arg(command, pidFile.error().message, pidFile.error().codeName()));
        return pidFile.error().is(ErrorCode::AlreadyRunning) ? kExitAlreadyRunning : kExitFailure;
    }
    // A worker without a pid file (`mtga run` in a terminal) may hold the socket.
    const auto other = ControlClient::call(socket, QString(kHelloCommand), {}, kHelloTimeout);
    if (other || other.error().is(ErrorCode::Timeout)) {
        const qint64 otherPid = other ? other->value(QLatin1String("pid")).toInteger() : 0;
        printError(
            (other ? tr("%1: mtga is already running (pid %2, not started by `mtga start`): it "
                        "answers on %3; nothing was started [already_running]")
                         .arg(command)
                         .arg(otherPid)
                         .arg(socket)
                   : tr("%1: something listens on %2 and does not answer; nothing was started "
                        "[already_running]")
                         .arg(command, socket)));
        return kExitAlreadyRunning;
    }
    if (stalePid > 0) {
        printError(tr("%1: the pid file %2 was left by pid %3, which is not running: taking "
                      "it over")
                       .arg(command, pidPath)
                       .arg(stalePid));
    }

    const qint64 logOffset = QFileInfo(logPath).size();
    QDir().mkpath(QFileInfo(logPath).absolutePath());
    auto daemon = DaemonProcess::spawn(
        QCoreApplication::applicationFilePath(),
        {QStringLiteral("run"), QStringLiteral("-c"), configPath,
         // Progress lines would go to the log's standard-error copy, which log rotation leaves
         // behind; `mtga status` tells the same.
         QStringLiteral("--status-interval"), QStringLiteral("0"), QStringLiteral("--pid-file"),
         pidPath, QStringLiteral("--pid-fd"), QString::number(pidFile->fd())},
        logPath, pidFile->fd());
    if (!daemon) {
        printError(tr("%1: %2").arg(command, daemon.error().message));
        return kExitFailure;
    }
    const pid_t pid = daemon->pid();
    // Right away: until the daemon writes it itself, a second start would name the stale pid.
    (void)pidFile->write(pid);
    // The daemon holds the lock now, on the same open file.
    pidFile->handOver();

    const QDeadlineTimer deadline(std::chrono::seconds(timeout.value()));
    while (true) {
        if (const auto status = daemon->exitStatus()) {
            printError(tr("%1: the worker (pid %2) %3 while starting; it wrote (%4):")
                           .arg(command)
                           .arg(pid)
                           .arg(daemon->describeExit(), logPath));
            for (const QString& line : logSince(logPath, logOffset)) {
                printError(QStringLiteral("  ") + line);
            }
            return *status == kExitUsage || *status == kExitAlreadyRunning ? *status : kExitFailure;
        }
        const auto hello = ControlClient::call(
            socket, QString(kHelloCommand), {},
            std::min<std::chrono::milliseconds>(kHelloTimeout, remaining(deadline)));
        if (hello) {
            const auto reply = HelloReply::fromJson(hello.value());
            if (reply && reply->pid == pid) {
                printLine(tr("mtga (pid %1) started: version %2, socket %3, pid file %4, log %5")
                              .arg(pid)
                              .arg(reply->version, socket, pidPath, logPath));
                return kExitOk;
            }
        }
        if (deadline.hasExpired()) {
            printError(tr("%1: the worker (pid %2) did not answer on %3 within %4 s: it is still "
                          "starting (a long recovery?) or stuck. It is left running: see %5, "
                          "ask `mtga status -c %6` later, or end it with `mtga stop -c %6`")
                           .arg(command)
                           .arg(pid)
                           .arg(socket)
                           .arg(timeout.value())
                           .arg(logPath, configPath));
            return kExitTimeout;
        }
        QThread::msleep(static_cast<unsigned long>(kPollInterval.count()));
    }
}

}  // namespace mtga::cli
