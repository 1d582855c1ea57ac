#include "worker/cli/daemonprocess.h"

#include "worker/sink/uniquefd.h"

#include <QFile>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

namespace mtga::cli {
namespace {

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

}  // namespace

Result<DaemonProcess> DaemonProcess::spawn(const QString& program, const QStringList& arguments,
                                           const QString& logFile, int inheritedFd) {
    // Everything the child needs is made before fork(): between fork() and exec() a process
    // that has threads may only make async-signal-safe calls (no allocation, no locks).
    const QByteArray path = QFile::encodeName(program);
    std::vector<QByteArray> words{path};
    for (const QString& argument : arguments) {
        words.push_back(argument.toLocal8Bit());
    }
    std::vector<char*> argv;
    for (QByteArray& word : words) {
        argv.push_back(word.data());
    }
    argv.push_back(nullptr);

    const UniqueFd log(::open(QFile::encodeName(logFile).constData(),
                              O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640));
    if (!log.valid()) {
        return Error::of(
            ErrorCode::LogFile,
            tr("cannot open the log file %1 for the worker: %2").arg(logFile, systemError(errno)));
    }
    const UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int report[2] = {-1, -1};  // the child writes errno here when exec fails; exec closes it
    if (!devNull.valid() || ::pipe2(report, O_CLOEXEC) != 0) {
        return Error::of(ErrorCode::IoError,
                         tr("cannot prepare the worker's process: %1").arg(systemError(errno)));
    }
    UniqueFd reportRead(report[0]);
    UniqueFd reportWrite(report[1]);

    const pid_t pid = ::fork();
    if (pid < 0) {
        return Error::of(ErrorCode::IoError,
                         tr("cannot start the worker's process: %1").arg(systemError(errno)));
    }
    if (pid == 0) {
        ::setsid();  // no terminal: its hang-up or Ctrl-C never reaches the daemon
        if (::chdir("/") != 0) {
            ::_exit(127);
        }
        ::dup2(devNull.get(), STDIN_FILENO);
        ::dup2(log.get(), STDOUT_FILENO);
        ::dup2(log.get(), STDERR_FILENO);
        if (inheritedFd >= 0) {
            ::fcntl(inheritedFd, F_SETFD, 0);
        }
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execv(path.constData(), argv.data());
        const int error = errno;
        [[maybe_unused]] const ssize_t written = ::write(report[1], &error, sizeof(error));
        ::_exit(127);
    }

    reportWrite.reset();
    int execError = 0;
    ssize_t got = 0;
    do {
        got = ::read(reportRead.get(), &execError, sizeof(execError));
    } while (got < 0 && errno == EINTR);
    if (got == static_cast<ssize_t>(sizeof(execError))) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        return Error::of(ErrorCode::IoError,
                         tr("cannot run %1: %2").arg(program, systemError(execError)));
    }
    return DaemonProcess(pid);
}

std::optional<int> DaemonProcess::exitStatus() {
    if (!m_ended) {
        const pid_t done = ::waitpid(m_pid, &m_waitStatus, WNOHANG);
        if (done != m_pid) {
            return std::nullopt;
        }
        m_ended = true;
    }
    if (WIFEXITED(m_waitStatus)) {
        return WEXITSTATUS(m_waitStatus);
    }
    return 128 + WTERMSIG(m_waitStatus);
}

QString DaemonProcess::describeExit() const {
    if (WIFSIGNALED(m_waitStatus)) {
        const int signal = WTERMSIG(m_waitStatus);
        return tr("was ended by signal %1 (%2)")
            .arg(signal)
            .arg(QString::fromLocal8Bit(::strsignal(signal)));
    }
    return tr("exited with status %1").arg(WEXITSTATUS(m_waitStatus));
}

}  // namespace mtga::cli
