#include "worker/cli/pidfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mtga::cli {
namespace {

// Another start may take the lock and remove the file between our open() and our flock(); so
// few in a row mean something keeps replacing it.
constexpr int kAttempts = 10;

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

// Whether `fd` is the file `path` names now (not one removed meanwhile).
bool namesTheSameFile(int fd, const QString& path) {
    struct stat open = {};
    struct stat named = {};
    return ::fstat(fd, &open) == 0 && ::stat(QFile::encodeName(path).constData(), &named) == 0 &&
           open.st_dev == named.st_dev && open.st_ino == named.st_ino;
}

qint64 pidIn(const QByteArray& text) {
    bool ok = false;
    const qint64 pid = text.trimmed().toLongLong(&ok);
    return ok && pid > 0 ? pid : 0;
}

}  // namespace

QString PidFile::defaultPathFor(const QString& socket) {
    const QFileInfo info(socket);
    return QDir(info.absolutePath()).filePath(info.completeBaseName() + QStringLiteral(".pid"));
}

QString PidFile::pathFor(const ControlServerOptions& control) {
    return control.pidFile.isEmpty() ? defaultPathFor(control.socket) : control.pidFile;
}

qint64 PidFile::readPid(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? pidIn(file.read(64)) : 0;
}

bool PidFile::isHeld(const QString& path) {
    const UniqueFd fd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) {
        return false;
    }
    // Shared: two probes never see each other as the holder.
    if (::flock(fd.get(), LOCK_SH | LOCK_NB) == 0) {
        return false;
    }
    return errno == EWOULDBLOCK;
}

Result<PidFile> PidFile::acquire(const QString& path, qint64* stalePid) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray name = QFile::encodeName(path);
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        UniqueFd fd(::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        if (!fd.valid()) {
            return Error::of(ErrorCode::IoError,
                             tr("cannot open the pid file %1: %2").arg(path, systemError(errno)));
        }
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            if (error != EWOULDBLOCK) {
                return Error::of(
                    ErrorCode::IoError,
                    tr("cannot lock the pid file %1: %2").arg(path, systemError(error)));
            }
            const qint64 holder = readPid(path);
            return Error::of(
                ErrorCode::AlreadyRunning,
                holder > 0
                    ? tr("mtga is already running (pid %1; pid file %2)").arg(holder).arg(path)
                    : tr("mtga is already running (pid file %1 is locked)").arg(path));
        }
        if (!namesTheSameFile(fd.get(), path)) {
            continue;  // its holder removed it as it stopped: lock the one there is now
        }
        if (stalePid != nullptr) {
            char text[32] = {};
            const ssize_t size = ::pread(fd.get(), text, sizeof(text) - 1, 0);
            *stalePid = size > 0 ? pidIn(QByteArray(text, static_cast<qsizetype>(size))) : 0;
        }
        return PidFile(std::move(fd), path);
    }
    return Error::of(ErrorCode::IoError,
                     tr("cannot lock the pid file %1: it is replaced again and again").arg(path));
}

Result<PidFile> PidFile::adopt(int fd, const QString& path) {
    if (::fcntl(fd, F_GETFD) < 0 || !namesTheSameFile(fd, path)) {
        return Error::of(ErrorCode::InvalidArgument,
                         tr("descriptor %1 is not the pid file %2").arg(fd).arg(path));
    }
    // On the open file that holds it this succeeds at once; on another, another worker has it.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        return Error::of(
            ErrorCode::AlreadyRunning,
            tr("mtga is already running (pid %1; pid file %2)").arg(readPid(path)).arg(path));
    }
    // The lock is the worker's own from here: nothing it starts may inherit it.
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    return PidFile(UniqueFd(fd), path);
}

Result<void> PidFile::write(qint64 pid) {
    const QByteArray text = QByteArray::number(pid) + '\n';
    if (::ftruncate(m_fd.get(), 0) != 0 ||
        ::pwrite(m_fd.get(), text.constData(), static_cast<size_t>(text.size()), 0) !=
            static_cast<ssize_t>(text.size())) {
        return Error::of(ErrorCode::IoError,
                         tr("cannot write the pid file %1: %2").arg(m_path, systemError(errno)));
    }
    return {};
}

void PidFile::release() {
    if (!m_fd.valid()) {
        return;
    }
    if (namesTheSameFile(m_fd.get(), m_path)) {
        ::unlink(QFile::encodeName(m_path).constData());
    }
    m_fd.reset();
}

void PidFile::handOver() {
    m_fd.reset();
}

}  // namespace mtga::cli
