#pragma once

// FileSink's own state per file and per app, shared by its translation units only.

#include "worker/sink/filesink.h"
#include "worker/sink/uniquefd.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace mtga {

struct FileSink::SinkFile {
    QString path;
    QString period;
    int index = 0;
    UniqueFd fd;
    qint64 written = 0;         // the file's length, always the end of a complete line
    qint64 committed = 0;       // what the last flush confirmed
    bool unsynced = false;      // written to (or found) since the last fdatasync
    std::string buffer;         // complete lines taken but not written yet
    qint64 lastUse = 0;         // clock ms when a line last went in (or when opened)
    bool current = true;        // false once rotated away: it gets no more lines
    bool writeFailed = false;   // holds lines a write failed on: the app's new lines must wait
    bool fragmentLeft = false;  // a torn line that ftruncate could not cut yet
    std::vector<QByteArray> foldersToSync;  // a new file's name is durable once its folder is
};

struct FileSink::App {
    std::vector<std::unique_ptr<SinkFile>> files;  // oldest first, and written in that order
    QString period;  // the newest period written: files never go back, even if the clock does
    QString announcedPath;  // accepted by the hook, not created yet: not announced twice

    SinkFile* current() const {
        return !files.empty() && files.back()->current ? files.back().get() : nullptr;
    }
};

}  // namespace mtga
