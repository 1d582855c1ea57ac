#pragma once

// DaemonProcess: `mtga run` started as a daemon for `mtga start`: a new session without a
// terminal, standard input /dev/null, standard output and error appended to the log file, the
// working directory /, and one inherited descriptor (the locked pid file).
//
// Why a re-exec of `mtga run` and not the worker in the forked process: the CLI's Qt objects
// and threads do not survive a fork (Qt and librdkafka are not fork-safe), and the daemon is then
// exactly the foreground worker, one code path. Why one fork and not the classic two: `mtga
// start` stays the daemon's parent while it starts, so that it sees it die and with which exit
// status (waitpid) and can say why; once `mtga start` exits the daemon is reparented to init,
// as a double-forked one is. The second fork only keeps a session leader from acquiring a
// controlling terminal when it opens one, and the worker opens no terminal.

#include "shared/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <sys/types.h>

#include <optional>

namespace mtga::cli {

class DaemonProcess {
    Q_DECLARE_TR_FUNCTIONS(DaemonProcess)

public:
    // Starts `program arguments...`; an error when the log file cannot be opened or the program
    // cannot be run. `inheritedFd` stays open in the daemon (every other descriptor of this
    // process is close-on-exec).
    static Result<DaemonProcess> spawn(const QString& program, const QStringList& arguments,
                                       const QString& logFile, int inheritedFd);

    pid_t pid() const { return m_pid; }
    // nullopt while it runs; once it has ended (and is reaped): its exit code, or 128 + the
    // signal that ended it.
    std::optional<int> exitStatus();
    // "exited with status 2", "was ended by signal 9 (Killed)": for messages, once ended.
    QString describeExit() const;

private:
    explicit DaemonProcess(pid_t pid) : m_pid(pid) {}

    pid_t m_pid = -1;
    int m_waitStatus = 0;
    bool m_ended = false;
};

}  // namespace mtga::cli
