#pragma once

// The file operations FileSink is built from, with errors an operator can act on (the folder
// or file, and errno's reason).

#include "shared/result.h"
#include "worker/sink/tafilename.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace mtga::fileio {

QString errnoText(int error);
QByteArray native(const QString& path);
Error openError(const QString& message);
Error writeError(const QString& message);
bool isFolder(const QString& path);
// QDir::mkpath says neither which folder failed nor why, and an operator needs both.
Result<void> makeFolders(const QString& path);
// The newest file of this worker and rotation in `folder`, as (period, index).
Result<std::optional<TaFileName>> latestFile(const QString& folder, const QString& prefix,
                                             TaRotation rotation);
// Reads up to `size` bytes at `offset`; fewer only at the end of the file. -1 on error (errno).
qint64 readAt(int fd, char* data, qint64 size, qint64 offset);
// 0 or errno. After a failed fdatasync Linux may report the same lost pages as synced on the
// next call, so a retried sync that succeeds is not proof (see FileSink::flush).
int syncFd(int fd);

}  // namespace mtga::fileio
