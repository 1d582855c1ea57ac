#include "worker/control/failureexport.h"

#include "worker/control/failurecommands.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace mtga {
namespace {

constexpr size_t kPageSize = 1000;

Error invalid(const QString& message) {
    return Error::of(ErrorCode::InvalidArgument, message);
}

}  // namespace

Result<void> FailureExport::checkPath(const QString& path) {
    const QFileInfo file(path);
    if (path.isEmpty() || !file.isAbsolute()) {
        return invalid(
            tr("path must be an absolute path on the worker's machine, not \"%1\"").arg(path));
    }
    if (file.exists() || file.isSymLink()) {
        return invalid(tr("%1 exists already: the export never overwrites a file").arg(path));
    }
    const QFileInfo folder(file.absolutePath());
    if (!folder.isDir()) {
        return invalid(tr("%1: the folder %2 does not exist").arg(path, folder.filePath()));
    }
    return {};
}

Result<FailureExportReply> FailureExport::write(const Store& store, const FailureFilter& filter,
                                                const QString& path,
                                                const std::function<bool()>& stopping) {
    if (auto checked = checkPath(path); !checked) {
        return checked.error();
    }
    QFile file(path);
    // NewOnly: created here or not at all, even when another process races for the name.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                   QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        return Error::of(ErrorCode::IoError,
                         tr("cannot create %1: %2").arg(path, file.errorString()));
    }
    const auto fail = [&](const Error& error) -> Result<FailureExportReply> {
        file.close();
        QFile::remove(path);
        return error;
    };
    FailureExportReply reply;
    reply.path = path;
    std::string from;
    do {
        if (stopping()) {
            return fail(Error::of(ErrorCode::PipelineStopped,
                                  tr("the worker is stopping: the export was given up")));
        }
        const auto page = store.failurePage(filter, from, kPageSize);
        if (!page) {
            return fail(page.error());
        }
        QByteArray lines;
        for (const FailureEntry& entry : page->entries) {
            lines += QJsonDocument(FailureCommands::recordOf(entry).toJson())
                         .toJson(QJsonDocument::Compact);
            lines += '\n';
        }
        if (file.write(lines) != lines.size()) {
            return fail(Error::of(ErrorCode::IoError,
                                  tr("cannot write %1: %2").arg(path, file.errorString())));
        }
        reply.exported += static_cast<qint64>(page->entries.size());
        reply.bytes += lines.size();
        from = page->nextKey;
    } while (!from.empty());
    file.close();
    if (file.error() != QFileDevice::NoError) {
        return fail(
            Error::of(ErrorCode::IoError, tr("cannot write %1: %2").arg(path, file.errorString())));
    }
    return reply;
}

}  // namespace mtga
