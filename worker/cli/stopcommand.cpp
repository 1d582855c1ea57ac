#include "worker/cli/stopcommand.h"

#include "shared/commands.h"
#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QDeadlineTimer>
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

// EPERM means the process exists and belongs to someone else: still alive.
bool alive(pid_t pid) {
    return ::kill(pid, 0) == 0 || errno != ESRCH;
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
           "consumed again at the next start, nothing is lost. Exit status: 0 stopped, 1 an "
           "error, still running, or killed, 2 bad options, 3 no worker listening, 4 no answer "
           "in time."));
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

    auto reply =
        ControlClient::call(control.socket(), QString(kStopCommand), {}, control.timeout());
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
    if (waitForExit(pid, bound)) {
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
    printError(tr("%1: the worker (pid %2) did not stop within %3 s and was killed (SIGKILL): "
                  "events since the last checkpoint are consumed again, nothing is lost")
                   .arg(control.command())
                   .arg(pid)
                   .arg(*killAfter));
    return kExitFailure;
}

}  // namespace mtga::cli
