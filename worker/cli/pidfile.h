#pragma once

// PidFile: the worker's pid file, locked for the worker's whole life, so that a second
// `mtga start` finds it held and refuses, and one that nobody holds (its worker was killed or
// crashed) is known to be stale and is taken over. The lock is flock(), not fcntl(): an flock
// belongs to the open file, so `mtga start` takes it, and the worker it starts inherits the
// descriptor across fork and exec and goes on holding the same lock, with no moment in between
// where a second start could take it (fcntl locks belong to a process and are not inherited).

#include "shared/result.h"
#include "worker/control/controlserveroptions.h"
#include "worker/sink/uniquefd.h"

#include <QCoreApplication>
#include <QString>

namespace mtga::cli {

class PidFile {
    Q_DECLARE_TR_FUNCTIONS(PidFile)

public:
    // control.pid_file, or next to the socket with its name: data/mtga.sock -> data/mtga.pid.
    static QString pathFor(const ControlServerOptions& control);
    static QString defaultPathFor(const QString& socket);

    // Creates (with its folder) and locks `path` without waiting. already_running, naming the
    // holder's pid, when another open file holds it. `stalePid` gets the pid a dead worker left
    // in it (0 when it was empty or new).
    static Result<PidFile> acquire(const QString& path, qint64* stalePid = nullptr);
    // Takes over descriptor `fd`, inherited locked from `mtga start`.
    static Result<PidFile> adopt(int fd, const QString& path);
    // The pid written in `path`; 0 when there is none or it cannot be read.
    static qint64 readPid(const QString& path);
    // Whether an open file holds the lock of `path` (false: no file, or a stale one).
    static bool isHeld(const QString& path);

    PidFile(PidFile&&) noexcept = default;
    PidFile& operator=(PidFile&&) noexcept = default;
    ~PidFile() { release(); }

    const QString& path() const { return m_path; }
    int fd() const { return m_fd.get(); }
    // Replaces the content with "PID\n".
    Result<void> write(qint64 pid);
    // Removes the file and unlocks it (in that order: whoever takes the lock next finds the
    // file gone and makes a new one).
    void release();
    // Closes this process's descriptor and leaves the file as it is, to a child that holds the
    // same lock.
    void handOver();

private:
    PidFile(UniqueFd fd, QString path) : m_fd(std::move(fd)), m_path(std::move(path)) {}

    UniqueFd m_fd;
    QString m_path;
};

}  // namespace mtga::cli
