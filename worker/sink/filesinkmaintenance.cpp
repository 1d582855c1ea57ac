// FileSink's work beside appending: closing idle files, and the files when they are not what
// it left (torn tails after a crash, files deleted or replaced while open, lines dropped because
// their partitions went to another worker).

#include "worker/sink/filesink.h"

#include "worker/sink/fileio.h"
#include "worker/sink/filesinkfile.h"

#include <QLoggingCategory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

Q_DECLARE_LOGGING_CATEGORY(lcSink)

namespace mtga {

using namespace fileio;

std::vector<QString> FileSink::closeIdle() {
    const qint64 now = m_options.clock();
    std::vector<QString> closed;
    for (auto& [appId, app] : m_apps) {
        std::vector<std::unique_ptr<SinkFile>>& files = app->files;
        while (!files.empty()) {
            SinkFile& file = *files.front();
            if (now - file.lastUse <= m_options.idleClose.count()) {
                break;  // the app's later files took lines later still
            }
            if (auto moved = keepInView(appId, *app, 0); !moved || moved.value()) {
                break;  // deleted: its lines went to a new file, which is not idle
            }
            if (auto committed = commit(file); !committed) {
                qCWarning(lcSink, "idle %s stays open: %s", qUtf8Printable(file.path),
                          qUtf8Printable(committed.error().message));
                break;
            }
            qCInfo(lcSink, "closed idle %s at %lld bytes", qUtf8Printable(file.path),
                   file.committed);
            closed.push_back(file.path);
            m_closed.push_back(file.path);
            files.erase(files.begin());
        }
    }
    return closed;
}

std::vector<OpenFile> FileSink::openFiles() const {
    std::vector<OpenFile> open;
    for (const auto& [appId, app] : m_apps) {
        for (const auto& file : app->files) {
            open.push_back(OpenFile{file->path, file->committed});
        }
    }
    return open;
}

qint64 FileSink::pendingBytes() const {
    qint64 pending = 0;
    for (const auto& [appId, app] : m_apps) {
        for (const auto& file : app->files) {
            pending += static_cast<qint64>(file->buffer.size());
        }
    }
    return pending;
}

Result<bool> FileSink::keepInView(int appId, App& app, size_t index) {
    SinkFile& file = *app.files[index];
    struct stat open {};
    struct stat named {};
    if (::fstat(file.fd.get(), &open) != 0) {
        return false;  // cannot tell: the sync below says what is wrong
    }
    if (open.st_nlink > 0 && ::stat(native(file.path).constData(), &named) == 0 &&
        named.st_ino == open.st_ino && named.st_dev == open.st_dev) {
        return false;
    }
    std::string lost(static_cast<size_t>(file.written - file.committed), '\0');
    if (readAt(file.fd.get(), lost.data(), static_cast<qint64>(lost.size()), file.committed) !=
        static_cast<qint64>(lost.size())) {
        const int error = errno;
        return writeError(tr("%1 was deleted while open and its last lines cannot be read "
                             "back: %2")
                              .arg(file.path, errnoText(error)));
    }
    lost += file.buffer;
    const QString period = file.period;
    const QString gone = file.path;
    const int goneIndex = file.index;
    app.files.erase(app.files.begin() + static_cast<ptrdiff_t>(index));  // closes it
    m_closed.push_back(gone);
    auto listed = latestFile(appDirectory(appId), m_options.instance, m_options.rotation);
    int next = goneIndex + 1;  // never the deleted file's name again: LogBus may know it
    if (listed && listed.value() && listed.value()->period == period) {
        next = std::max(next, listed.value()->index + 1);
    }
    for (const auto& kept : app.files) {
        next = kept->period == period ? std::max(next, kept->index + 1) : next;
    }
    auto created = createFile(appId, app, period, next);
    if (!created) {
        return created.error();
    }
    created.value()->buffer = std::move(lost);
    qCWarning(lcSink,
              "%s was deleted or replaced while open: the %zu byte(s) written to it since the "
              "last checkpoint go to %s",
              qUtf8Printable(gone), created.value()->buffer.size(),
              qUtf8Printable(created.value()->path));
    return true;
}

std::string FileSink::discardUnwritten() {
    std::string dropped;
    for (auto& [appId, app] : m_apps) {
        for (const auto& file : app->files) {
            if (!file->buffer.empty()) {
                qCWarning(lcSink,
                          "%zu byte(s) for %s dropped: their partitions went to another "
                          "worker before the disk took them",
                          file->buffer.size(), qUtf8Printable(file->path));
            }
            dropped += file->buffer;
            file->buffer.clear();
            file->writeFailed = false;
        }
    }
    return dropped;
}

Result<qint64> FileSink::cutTornTail(const QString& path) {
    const UniqueFd fd(::open(native(path).constData(), O_RDWR | O_CLOEXEC));
    struct stat info {};
    if (!fd.valid() || ::fstat(fd.get(), &info) != 0) {
        const int error = errno;
        return openError(tr("Cannot open %1: %2").arg(path, errnoText(error)));
    }
    const qint64 size = info.st_size;
    // Back from the end to the last line break: a torn fragment is at most one line long, so
    // this usually reads one block.
    constexpr qint64 kBlock = qint64{64} * 1024;
    std::string block;
    qint64 keep = 0;
    for (qint64 end = size; end > 0;) {
        const qint64 start = std::max<qint64>(0, end - kBlock);
        block.resize(static_cast<size_t>(end - start));
        const qint64 got = readAt(fd.get(), block.data(), end - start, start);
        if (got != end - start) {
            const int error = got < 0 ? errno : EIO;
            return Error::of(ErrorCode::SinkRead,
                             tr("Cannot read %1: %2").arg(path, errnoText(error)));
        }
        if (const size_t hit = block.rfind('\n'); hit != std::string::npos) {
            keep = start + static_cast<qint64>(hit) + 1;
            break;
        }
        end = start;
    }
    if (keep == size) {
        return qint64{0};
    }
    if (::ftruncate(fd.get(), static_cast<off_t>(keep)) != 0) {
        const int error = errno;
        return writeError(
            tr("Cannot cut the torn line at the end of %1: %2").arg(path, errnoText(error)));
    }
    if (const int error = syncFd(fd.get()); error != 0) {
        return writeError(tr("Cannot sync %1 to disk: %2").arg(path, errnoText(error)));
    }
    return size - keep;
}

}  // namespace mtga
