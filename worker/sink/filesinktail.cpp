// FileSink's reading back: the complete lines of its files past their checkpointed lengths,
// for crash recovery and for a revoke that gave up on the output.

#include "worker/sink/filesink.h"

#include "worker/sink/fileio.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <unistd.h>

#include <cerrno>

Q_DECLARE_LOGGING_CATEGORY(lcSink)

namespace mtga {
namespace {

// The complete lines of `path` past `from`.
Result<QByteArray> completeTail(const QString& path, qint64 from) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(from)) {
        return Error::of(ErrorCode::IoError,
                         FileSink::tr("%1: cannot read the tail for recovery: %2")
                             .arg(path, file.errorString()));
    }
    QByteArray tail = file.readAll();
    tail.truncate(tail.lastIndexOf('\n') + 1);
    return tail;
}

Result<void> syncTail(const QString& path) {
    QFile file(path);
    const int error = file.open(QIODevice::ReadOnly) ? fileio::syncFd(file.handle()) : errno;
    if (error != 0) {
        return Error::of(ErrorCode::IoError,
                         FileSink::tr("%1: cannot sync the tail found for recovery: %2")
                             .arg(path, fileio::errnoText(error)));
    }
    return {};
}

}  // namespace

Result<SinkTails> FileSink::readTails(std::span<const OpenFile> checkpointed, bool atStart,
                                      const std::function<void(std::string_view line)>& line) {
    SinkTails tails;
    for (const OpenFile& record : checkpointed) {
        const QFileInfo info(record.path);
        if (!info.exists() || info.size() == record.length) {
            continue;
        }
        if (info.size() < record.length) {
            if (atStart) {
                ++tails.shortOutputs;
                qCWarning(lcSink, "recovery: %s is shorter (%lld) than checkpointed (%lld)",
                          qUtf8Printable(record.path), static_cast<long long>(info.size()),
                          static_cast<long long>(record.length));
            }
            continue;
        }
        qint64 cut = 0;
        if (atStart) {
            auto torn = cutTornTail(record.path);
            if (!torn) {
                return torn.error();
            }
            cut = torn.value();
        }
        auto tail = completeTail(record.path, record.length);
        if (!tail) {
            if (atStart) {
                return tail.error();
            }
            // Open files: what cannot be read is not remembered, and said so.
            qCCritical(lcSink, "%s", qUtf8Printable(tail.error().message));
            continue;
        }
        const size_t lines = forEachLine(
            std::string_view(tail->constData(), static_cast<size_t>(tail->size())), line);
        tails.lines += lines;
        if (!atStart) {
            continue;
        }
        // The first checkpoint records the file's full length with the tail's identities (the
        // sink may never open this file again); the bytes must be on disk before it does.
        if (m_options.fsync) {
            if (auto synced = syncTail(record.path); !synced) {
                return synced.error();
            }
        }
        tails.outputs.push_back({record.path, record.length + tail->size()});
        qCInfo(
            lcSink,
            "recovery: %s has %zu line(s) (%lld bytes) past the checkpoint; %lld torn byte(s) cut",
            qUtf8Printable(record.path), lines, static_cast<long long>(tail->size()),
            static_cast<long long>(cut));
    }
    return tails;
}

}  // namespace mtga
