#include "worker/sink/fileio.h"

#include "worker/sink/filesink.h"

#include <QFile>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <system_error>
#include <tuple>

namespace mtga::fileio {

QString errnoText(int error) {
    return QString::fromStdString(std::generic_category().message(error));
}

QByteArray native(const QString& path) {
    return QFile::encodeName(path);
}

Error openError(const QString& message) {
    return Error::of(ErrorCode::SinkOpen, message);
}

Error writeError(const QString& message) {
    return Error::of(ErrorCode::SinkWrite, message);
}

bool isFolder(const QString& path) {
    struct stat info {};
    return ::stat(native(path).constData(), &info) == 0 && S_ISDIR(info.st_mode);
}

// QDir::mkpath says neither which folder failed nor why, and an operator needs both.
Result<void> makeFolders(const QString& path) {
    if (isFolder(path)) {
        return {};
    }
    qsizetype from = path.startsWith(u'/') ? 1 : 0;
    while (true) {
        const qsizetype slash = path.indexOf(u'/', from);
        const QString folder = slash < 0 ? path : path.left(slash);
        if (::mkdir(native(folder).constData(), 0755) != 0) {
            int error = errno;
            if (error == EEXIST && !isFolder(folder)) {
                error = ENOTDIR;
            }
            if (error != EEXIST) {
                return openError(
                    FileSink::tr("Cannot create the folder %1: %2").arg(folder, errnoText(error)));
            }
        }
        if (slash < 0) {
            return {};
        }
        from = slash + 1;
    }
}

struct DirCloser {
    void operator()(DIR* dir) const { ::closedir(dir); }
};

// The newest file of this worker and rotation in `folder`, as (period, index).
Result<std::optional<TaFileName>> latestFile(const QString& folder, const QString& prefix,
                                             TaRotation rotation) {
    const std::unique_ptr<DIR, DirCloser> dir(::opendir(native(folder).constData()));
    if (!dir) {
        const int error = errno;
        return openError(
            FileSink::tr("Cannot list the folder %1: %2").arg(folder, errnoText(error)));
    }
    std::optional<TaFileName> latest;
    while (true) {
        errno = 0;
        const dirent* entry = ::readdir(dir.get());
        if (entry == nullptr) {
            if (errno != 0) {
                const int error = errno;
                return openError(
                    FileSink::tr("Cannot list the folder %1: %2").arg(folder, errnoText(error)));
            }
            return latest;
        }
        const auto parsed = parseTaFileName(QFile::decodeName(entry->d_name), prefix, rotation);
        if (parsed && (!latest || std::tie(parsed->period, parsed->index) >
                                      std::tie(latest->period, latest->index))) {
            latest = parsed;
        }
    }
}

// Reads up to `size` bytes at `offset`; fewer only at the end of the file. -1 on error (errno).
qint64 readAt(int fd, char* data, qint64 size, qint64 offset) {
    qint64 done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, data + done, static_cast<size_t>(size - done),
                                  static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            break;
        }
        done += n;
    }
    return done;
}

// 0 or errno. After a failed fdatasync Linux may report the same lost pages as synced on the next
// call, so a retried sync that succeeds is not proof; the recovery of the files' tails is.
int syncFd(int fd) {
    while (::fdatasync(fd) != 0) {
        if (errno != EINTR) {
            return errno;
        }
    }
    return 0;
}

}  // namespace mtga::fileio
