#include "worker/cli/stopcommand.h"

#include "shared/commands.h"
#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/options.h"
#include "worker/cli/pidfile.h"
#include "worker/cli/terminal.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

namespace mtga::cli {
namespace {

const QString kWait = QStringLiteral("wait");
const QString kKillAfter = QStringLiteral("kill-after");

// Short enough that `mtga stop` returns soon after the worker, long enough not to spin.
constexpr auto kPollInterval = std::chrono::milliseconds(100);
// How long a process may take to go away after SIGKILL (the kernel reaps it, nothing to drain).
constexpr auto kKillGrace = std::chrono::seconds(5);

// Over ssh each look at the remote worker is an ssh session: not ten a second.
constexpr auto kRemotePollInterval = std::chrono::milliseconds(500);

// A zombie has exited: it waits only for its parent to reap it, which for a daemon is init, and
// an init that does not reap (a container's) would keep it forever.
bool isZombie(pid_t pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    // "PID (COMM) STATE ...": COMM may hold spaces and parentheses, the state follows the last ')'.
    const QByteArray text = stat.read(4096);
    const qsizetype close = text.lastIndexOf(')');
    return close >= 0 && text.size() > close + 2 && text.at(close + 2) == 'Z';
}

// EPERM means the process exists and belongs to someone else: still alive.
bool alive(pid_t pid) {
    return (::kill(pid, 0) == 0 || errno != ESRCH) && !isZombie(pid);
}

bool waitForExit(pid_t pid, std::chrono::milliseconds bound) {
    const QDeadlineTimer deadline(bound);
    while (alive(pid)) {
        if (deadline.hasExpired()) {
            return false;
        }
        QThread::msleep(static_cast<unsigned long>(kPollInterval.count()));
    }
    return true;
}

// Over ssh the process is on another machine: the worker is gone once its socket answers no
// more (no one listening is not_running, as the remote relay reports it).
Result<bool> waitForRemoteExit(const ControlEndpoint& endpoint, qint64 pid,
                               std::chrono::milliseconds timeout, std::chrono::milliseconds bound) {
    const QDeadlineTimer deadline(bound);
    while (true) {
        const auto hello = ControlClient::call(endpoint, QString(kHelloCommand), {}, timeout);
        if (!hello && (hello.error().is(ErrorCode::NotRunning) ||
                       hello.error().is(ErrorCode::ConnectionClosed))) {
            return true;
        }
        if (!hello && !hello.error().is(ErrorCode::Timeout)) {
            return hello.error();
        }
        if (hello && hello->value(QLatin1String("pid")).toInteger() != pid) {
            return true;  // another worker took its place meanwhile
        }
        if (deadline.hasExpired()) {
            return false;
        }
        QThread::msleep(static_cast<unsigned long>(kRemotePollInterval.count()));
    }
}

// A worker that was killed, or died while stopping, left its pid file: nobody holds it now.
// Only that worker's: a file of some other process is left alone.
void removeStalePidFile(const QString& path, pid_t pid) {
    if (path.isEmpty() || PidFile::readPid(path) != pid || PidFile::isHeld(path)) {
        return;
    }
    if (auto stale = PidFile::acquire(path)) {
        stale->release();
    }
}

}  // namespace

QString StopCommand::summary() const {
    return tr("Stop a running worker (checkpoint, exit 0) and wait until its process has exited");
}

int StopCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sends \"stop\" to the worker listening on the control socket: it writes what it "
           "took, checkpoints and exits 0, as on SIGTERM. Then waits until its process has "
           "exited, at most --wait seconds (default 60). With --kill-after S it waits S seconds "
           "instead and then ends the worker with SIGKILL: events since its last checkpoint are "
           "consumed again at the next start, nothing is lost. A pid file the worker left (it "
           "was killed) is removed. With --ssh it waits until the remote socket answers no "
           "more (--kill-after needs the worker on this machine). Exit status: 0 stopped, 1 an "
           "error, still running, or killed, 2 bad options, 3 no worker listening, 4 no answer "
           "in time, 6 ssh failed."));
    ControlOptions control(parser, arguments, ControlOptions::Json::NotOffered);
    parser.addOption({kWait, tr("Seconds to wait for the worker's process to exit (default 60)."),
                      tr("SECONDS"), QStringLiteral("60")});
    parser.addOption({kKillAfter,
                      tr("Send SIGKILL when the process is still there after SECONDS (instead "
                         "of giving up after --wait)."),
                      tr("SECONDS")});
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    auto wait = integerOption(parser, kWait, 0, 86'400);
    if (!wait) {
        printError(wait.error().message);
        return kExitUsage;
    }
    std::optional<qint64> killAfter;
    if (parser.isSet(kKillAfter)) {
        auto value = integerOption(parser, kKillAfter, 0, 86'400);
        if (!value) {
            printError(value.error().message);
            return kExitUsage;
        }
        killAfter = value.value();
    }
    if (killAfter && control.endpoint().isRemote()) {
        return control.usage(tr("--kill-after needs the worker on this machine: run `ssh %1 mtga "
                                "stop --kill-after %2` instead")
                                 .arg(control.endpoint().sshHost)
                                 .arg(*killAfter));
    }

    auto reply =
        ControlClient::call(control.endpoint(), QString(kStopCommand), {}, control.timeout());
    if (!reply) {
        return control.fail(reply.error());
    }
    const auto pid = static_cast<pid_t>(reply->value(QLatin1String("pid")).toInteger(0));
    if (pid <= 0) {
        return control.fail(Error::of(
            ErrorCode::BadReply,
            tr("the worker is stopping but did not say its process id (\"pid\"); not waiting")));
    }

    const std::chrono::seconds bound(killAfter ? *killAfter : wait.value());
    if (control.endpoint().isRemote()) {
        const auto gone = waitForRemoteExit(control.endpoint(), pid, control.timeout(), bound);
        if (!gone) {
            return control.fail(gone.error());
        }
        if (gone.value()) {
            printLine(tr("mtga (pid %1) on %2 stopped").arg(pid).arg(control.endpoint().sshHost));
            return kExitOk;
        }
    } else if (waitForExit(pid, bound)) {
        removeStalePidFile(control.pidFile(), pid);
        printLine(tr("mtga (pid %1) stopped").arg(pid));
        return kExitOk;
    }
    if (!killAfter) {
        printError(tr("%1: the worker (pid %2) is still running after %3 s; it may still be "
                      "writing its checkpoint (wait longer with --wait, or end it with "
                      "--kill-after)")
                       .arg(control.command())
                       .arg(pid)
                       .arg(wait.value()));
        return kExitFailure;
    }
    if (::kill(pid, SIGKILL) != 0 && errno != ESRCH) {
        const int error = errno;
        printError(tr("%1: the worker (pid %2) did not stop within %3 s and SIGKILL failed: %4")
                       .arg(control.command())
                       .arg(pid)
                       .arg(*killAfter)
                       .arg(QString::fromLocal8Bit(std::strerror(error))));
        return kExitFailure;
    }
    if (!waitForExit(pid, kKillGrace)) {
        printError(tr("%1: the worker (pid %2) is still there after SIGKILL")
                       .arg(control.command())
                       .arg(pid));
        return kExitFailure;
    }
    removeStalePidFile(control.pidFile(), pid);
    printError(tr("%1: the worker (pid %2) did not stop within %3 s and was killed (SIGKILL): "
                  "events since the last checkpoint are consumed again, nothing is lost")
                   .arg(control.command())
                   .arg(pid)
                   .arg(*killAfter));
    return kExitFailure;
}

}  // namespace mtga::cli
