#include "worker/sink/filesink.h"

#include "worker/sink/fileio.h"
#include "worker/sink/filesinkfile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <system_error>
#include <tuple>
#include <utility>

Q_LOGGING_CATEGORY(lcSink, "mtga.sink", QtInfoMsg)

namespace mtga {

using namespace fileio;

FileSink::FileSink(FileSinkOptions options)
    : m_options(std::move(options)), m_zoneClock(m_options.zone) {
    if (!m_options.clock) {
        m_options.clock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    }
    m_options.directory = QDir::cleanPath(m_options.directory);
    const QString& instance = m_options.instance;
    if (m_options.directory.isEmpty()) {
        m_invalidOptions = Error::of(ErrorCode::InvalidArgument,
                                     tr("The folder for the TA log files is not set."));
    } else if (instance.isEmpty() || instance == QLatin1String(".") ||
               instance == QLatin1String("..") || instance.contains(u'/') ||
               instance.contains(QChar(0))) {
        m_invalidOptions =
            Error::of(ErrorCode::InvalidArgument,
                      tr("The instance name \"%1\" cannot start a file name.").arg(instance));
    } else if (!m_options.zone.isValid()) {
        m_invalidOptions = Error::of(ErrorCode::InvalidArgument,
                                     tr("The time zone for the TA log file names is not valid."));
    } else if (m_options.maxFileBytes < 0 || m_options.batchBytes < 0) {
        m_invalidOptions =
            Error::of(ErrorCode::InvalidArgument, tr("File and batch sizes cannot be negative."));
    }
}

FileSink::~FileSink() {
    // Lines taken but never flushed are not in any checkpoint, so they come again from Kafka.
    if (const qint64 pending = pendingBytes(); pending > 0) {
        qCWarning(lcSink, "%lld bytes never flushed are dropped", pending);
    }
}

void FileSink::setFileCreatedHook(FileCreatedHook hook) {
    m_fileCreated = std::move(hook);
}

void FileSink::setKnownFileCheck(std::function<bool(const QString& path)> known) {
    m_known = std::move(known);
}

FileSink::App& FileSink::appFor(int appId) {
    std::unique_ptr<App>& app = m_apps[appId];
    if (!app) {
        app = std::make_unique<App>();
    }
    return *app;
}

QString FileSink::appDirectory(int appId) const {
    return m_options.directory + u'/' + QString::number(appId);
}

Result<void> FileSink::append(int appId, std::string_view lines) {
    if (m_invalidOptions) {
        return *m_invalidOptions;
    }
    if (appId < 0) {
        return Error::of(ErrorCode::InvalidArgument,
                         tr("App id %1 cannot name a folder.").arg(appId));
    }
    if (lines.empty()) {
        return {};
    }
    if (lines.back() != '\n') {
        return Error::of(ErrorCode::InvalidArgument,
                         tr("The lines for app %1 do not end with a line break.").arg(appId));
    }
    App& app = appFor(appId);

    // Lines held after a failed write go first; while they still cannot be written, new lines
    // stay with the caller, which keeps memory bounded and the caller's retry duplicate-free.
    const auto failed = std::find_if(app.files.rbegin(), app.files.rend(),
                                     [](const auto& file) { return file->writeFailed; });
    if (failed != app.files.rend()) {
        const auto count = static_cast<size_t>(app.files.rend() - failed);
        if (auto retried = writeFiles(app, count); !retried) {
            return retried.error();
        }
        qCInfo(lcSink, "held lines for app %d written", appId);
    }

    const qint64 now = m_options.clock();
    QString period = taPeriod(m_options.rotation, m_zoneClock, now);
    if (period < app.period) {
        period = app.period;  // the clock went back: LogBus may be done with older periods
    }
    SinkFile* file = app.current();
    if (file != nullptr && file->period != period) {
        file->current = false;
        file = nullptr;
    }
    if (file == nullptr) {
        auto opened = openCurrent(appId, app, period);
        if (!opened) {
            return opened.error();
        }
        file = opened.value();
    }

    // Every file the lines need exists before one line is taken, so a failed hook or creation
    // leaves them all with the caller.
    const std::vector<std::string_view> chunks =
        splitForFiles(lines, file->written + static_cast<qint64>(file->buffer.size()));
    std::vector<SinkFile*> targets{file};
    for (size_t i = 1; i < chunks.size(); ++i) {
        auto next = createFile(appId, app, file->period, targets.back()->index + 1);
        if (!next) {
            return next.error();
        }
        targets.push_back(next.value());
    }
    for (size_t i = 0; i < chunks.size(); ++i) {
        targets[i]->buffer.append(chunks[i]);
        targets[i]->lastUse = now;
    }
    if (auto written = writeDue(app); !written) {
        qCWarning(lcSink, "lines for app %d are held until the disk takes them: %s", appId,
                  qUtf8Printable(written.error().message));
    }
    return {};
}

std::vector<std::string_view> FileSink::splitForFiles(std::string_view lines, qint64 fill) const {
    const qint64 max = m_options.maxFileBytes;
    if (max <= 0 || fill + static_cast<qint64>(lines.size()) <= max) {
        return {lines};
    }
    // The first chunk may be empty (not even one line fits); an empty file takes at least one
    // line, however long, or an oversized line would never go anywhere.
    std::vector<std::string_view> chunks;
    size_t chunkStart = 0;
    qint64 chunkFill = fill;
    for (size_t at = 0; at < lines.size();) {
        const size_t end = lines.find('\n', at) + 1;  // found: the lines end with '\n'
        const auto length = static_cast<qint64>(end - at);
        if (chunkFill > 0 && chunkFill + length > max) {
            chunks.push_back(lines.substr(chunkStart, at - chunkStart));
            chunkStart = at;
            chunkFill = 0;
        }
        chunkFill += length;
        at = end;
    }
    chunks.push_back(lines.substr(chunkStart));
    return chunks;
}

Result<FileSink::SinkFile*> FileSink::openCurrent(int appId, App& app, QString period) {
    const QString folder = appDirectory(appId);
    if (auto made = makeFolders(folder); !made) {
        return made.error();
    }
    auto listed = latestFile(folder, m_options.instance, m_options.rotation);
    if (!listed) {
        return listed.error();
    }
    const std::optional<TaFileName>& latest = listed.value();
    if (latest && latest->period > period) {
        // The clock is behind files this worker already wrote (it went back across a restart):
        // keep to the newest file rather than reopen a period LogBus may be done with.
        qCWarning(lcSink, "the clock (%s) is behind the newest file of app %d (%s): continuing it",
                  qUtf8Printable(period), appId, qUtf8Printable(latest->period));
        period = latest->period;
    }
    if (latest && latest->period == period) {
        const QString path = folder + u'/' + taFileName(m_options.instance, period, latest->index);
        const bool ours =
            (!app.files.empty() && app.files.back()->path == path) || !m_known || m_known(path);
        if (!ours) {
            qCWarning(lcSink, "%s is not in the store (a new store?): starting the next file",
                      qUtf8Printable(path));
            return createFile(appId, app, period, latest->index + 1);
        }
        auto continued = openExisting(appId, app, path, period, latest->index);
        if (!continued || continued.value() != nullptr) {
            return continued;
        }
        return createFile(appId, app, period, latest->index + 1);
    }
    return createFile(appId, app, period, 0);
}

// nullptr when the file is full: the caller starts the next one.
Result<FileSink::SinkFile*> FileSink::openExisting(int appId, App& app, const QString& path,
                                                   const QString& period, int index) {
    if (!app.files.empty() && app.files.back()->path == path) {
        // Rotated away but not closed yet: take it back, never two descriptors for one file.
        app.files.back()->current = true;
        return app.files.back().get();
    }
    // A crash can leave a torn line; appending behind it would glue two lines into one bad one.
    auto cut = cutTornTail(path);
    if (!cut) {
        return cut.error();
    }
    if (cut.value() > 0) {
        qCWarning(lcSink, "cut a torn line (%lld bytes) off the end of %s", cut.value(),
                  qUtf8Printable(path));
    }
    UniqueFd fd(::open(native(path).constData(), O_RDWR | O_APPEND | O_CLOEXEC));
    struct stat info {};
    if (!fd.valid() || ::fstat(fd.get(), &info) != 0) {
        const int error = errno;
        return openError(tr("Cannot open %1: %2").arg(path, errnoText(error)));
    }
    if (m_options.maxFileBytes > 0 && info.st_size >= m_options.maxFileBytes) {
        return static_cast<SinkFile*>(nullptr);
    }
    auto file = std::make_unique<SinkFile>();
    file->path = path;
    file->period = period;
    file->index = index;
    file->fd = std::move(fd);
    file->written = file->committed = info.st_size;
    file->unsynced = true;  // the previous run may have stopped before syncing it
    file->lastUse = m_options.clock();
    qCInfo(lcSink, "continuing %s at %lld bytes (app %d)", qUtf8Printable(path), file->written,
           appId);
    return adopt(app, std::move(file));
}

Result<FileSink::SinkFile*> FileSink::createFile(int appId, App& app, const QString& period,
                                                 int index) {
    const QString folder = appDirectory(appId);
    const QString name = taFileName(m_options.instance, period, index);
    const QString path = folder + u'/' + name;
    if (path != app.announcedPath) {
        if (m_fileCreated) {
            if (auto recorded = m_fileCreated(path); !recorded) {
                return recorded.error();
            }
        }
        app.announcedPath = path;
    }
    // Read-write: a file deleted while open is read back through its descriptor (keepInView).
    UniqueFd fd(
        ::open(native(path).constData(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!fd.valid() && errno == EEXIST) {
        // Only a file made behind the sink's back gets here; continue it like after a restart.
        auto continued = openExisting(appId, app, path, period, index);
        if (!continued || continued.value() != nullptr) {
            return continued;
        }
        return createFile(appId, app, period, index + 1);
    }
    if (!fd.valid()) {
        const int error = errno;
        return openError(
            tr("Cannot create %1 in the folder %2: %3").arg(name, folder, errnoText(error)));
    }
    auto file = std::make_unique<SinkFile>();
    file->path = path;
    file->period = period;
    file->index = index;
    file->fd = std::move(fd);
    file->lastUse = m_options.clock();
    file->foldersToSync = {native(folder), native(m_options.directory)};
    app.announcedPath.clear();
    qCInfo(lcSink, "new file %s", qUtf8Printable(path));
    return adopt(app, std::move(file));
}

FileSink::SinkFile* FileSink::adopt(App& app, std::unique_ptr<SinkFile> file) {
    if (SinkFile* previous = app.current()) {
        previous->current = false;
    }
    if (file->period > app.period) {
        app.period = file->period;
    }
    app.files.push_back(std::move(file));
    return app.files.back().get();
}

Result<void> FileSink::writeDue(App& app) {
    // Rotated-away files are due at once: they get no more lines, and holding them would let a
    // later file of the app reach the disk first.
    size_t count = 0;
    for (size_t i = 0; i < app.files.size(); ++i) {
        const SinkFile& file = *app.files[i];
        const bool due = m_options.mode == FileSinkOptions::Mode::Stream || !file.current ||
                         static_cast<qint64>(file.buffer.size()) >= m_options.batchBytes;
        if (!file.buffer.empty() && due) {
            count = i + 1;
        }
    }
    return writeFiles(app, count);
}

Result<void> FileSink::writeFiles(App& app, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        SinkFile& file = *app.files[i];
        if (!file.buffer.empty() || file.fragmentLeft) {
            if (auto written = writeBuffer(file); !written) {
                return written;  // the app's later files wait: their lines come after these
            }
        }
    }
    return {};
}

Result<void> FileSink::writeBuffer(SinkFile& file) {
    const int fd = file.fd.get();
    if (file.fragmentLeft) {
        if (::ftruncate(fd, static_cast<off_t>(file.written)) != 0) {
            const int error = errno;
            file.writeFailed = true;
            return writeError(tr("Cannot cut the torn line at the end of %1: %2")
                                  .arg(file.path, errnoText(error)));
        }
        file.fragmentLeft = false;
    }
    const size_t total = file.buffer.size();
    size_t done = 0;
    int error = 0;
    while (done < total) {
        const ssize_t n = ::write(fd, file.buffer.data() + done, total - done);
        if (n > 0) {
            done += static_cast<size_t>(n);
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else {
            error = n < 0 ? errno : EIO;
            break;
        }
    }
    if (error == 0) {
        file.written += static_cast<qint64>(done);
        file.buffer.clear();
        file.unsynced = true;
        file.writeFailed = false;
        return {};
    }
    // The whole lines that reached the file stay: LogBus may have shipped them already. Only the
    // torn fragment after them is cut; it has no '\n', so LogBus has not shipped it.
    const size_t lastBreak = std::string_view(file.buffer.data(), done).rfind('\n');
    const size_t kept = lastBreak == std::string_view::npos ? 0 : lastBreak + 1;
    file.written += static_cast<qint64>(kept);
    file.buffer.erase(0, kept);
    file.unsynced = file.unsynced || kept > 0;
    file.writeFailed = true;
    if (done > kept && ::ftruncate(fd, static_cast<off_t>(file.written)) != 0) {
        file.fragmentLeft = true;  // cut before the next write, or two lines would merge
        qCCritical(lcSink, "%s ends with a torn line that cannot be cut yet: %s",
                   qUtf8Printable(file.path), qUtf8Printable(errnoText(errno)));
    }
    qCWarning(lcSink, "writing %s failed after %zu of %zu bytes: %s", qUtf8Printable(file.path),
              done, total, qUtf8Printable(errnoText(error)));
    return writeError(tr("Cannot write to %1: %2").arg(file.path, errnoText(error)));
}

Result<void> FileSink::commit(SinkFile& file) {
    if (!file.buffer.empty() || file.fragmentLeft) {
        if (auto written = writeBuffer(file); !written) {
            return written;
        }
    }
    if (m_options.fsync) {
        if (m_syncLost) {
            return *m_syncLost;
        }
        if (file.unsynced) {
            const int error =
                m_options.syncFile ? m_options.syncFile(file.fd.get()) : syncFd(file.fd.get());
            if (error != 0) {
                m_syncLost = Error::of(
                    ErrorCode::SinkLost,
                    tr("Cannot sync %1 to disk: %2. The bytes written since the last "
                       "checkpoint may be lost; restart the worker to write them again from "
                       "the last checkpoint.")
                        .arg(file.path, errnoText(error)));
                qCCritical(lcSink, "%s", qUtf8Printable(m_syncLost->message));
                return *m_syncLost;
            }
        }
        for (const QByteArray& folder : file.foldersToSync) {
            const UniqueFd dir(::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            const int error = !dir.valid() ? errno : syncFd(dir.get());
            if (error != 0) {
                return writeError(tr("Cannot sync the folder %1 to disk: %2")
                                      .arg(QFile::decodeName(folder), errnoText(error)));
            }
        }
        file.foldersToSync.clear();
    }
    file.unsynced = false;
    file.committed = file.written;
    return {};
}

Result<std::vector<OpenFile>> FileSink::flush() {
    std::optional<Error> firstError;
    for (auto& [appId, app] : m_apps) {
        // Backwards: a file taken out and replaced by a new one at the end is not met twice.
        for (size_t i = app->files.size(); i-- > 0;) {
            if (auto kept = keepInView(appId, *app, i); !kept) {
                firstError = firstError ? firstError : kept.error();
                break;
            }
        }
        for (const auto& file : app->files) {
            if (auto committed = commit(*file); !committed) {
                qCWarning(lcSink, "flushing app %d failed: %s", appId,
                          qUtf8Printable(committed.error().message));
                if (!firstError) {
                    firstError = committed.error();
                }
                break;  // the app's later files wait: their lines come after these
            }
        }
    }
    if (firstError) {
        return *firstError;
    }
    std::vector<OpenFile> committed = openFiles();
    // Rotated-away files are now reported with their final length; nothing more goes into them.
    for (auto& [appId, app] : m_apps) {
        std::erase_if(app->files, [this](const auto& file) {
            if (!file->current) {
                m_closed.push_back(file->path);
            }
            return !file->current;
        });
    }
    return committed;
}

Result<size_t> FileSink::write(int appId, std::string_view lines, std::span<const LineOrigin>) {
    if (auto appended = append(appId, lines); !appended) {
        return appended.error();
    }
    return lines.size();
}

// fdatasync() cannot be given a deadline: the disk decides.
Result<SinkCheckpoint> FileSink::prepareCheckpointBy(std::chrono::steady_clock::time_point) {
    auto files = flush();
    if (!files) {
        return files.error();
    }
    return SinkCheckpoint{std::move(files).value(), {}, std::exchange(m_closed, {})};
}

}  // namespace mtga
