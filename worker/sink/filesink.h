#pragma once

// FileSink: appends TA log lines to per-app files that LogBus tails, rotated by hour or day and by
// size, without ever renaming or rewriting a file or tearing a line.

#include "shared/result.h"
#include "worker/sink/sink.h"
#include "worker/sink/tafilename.h"
#include "worker/transform/zoneclock.h"

#include <QCoreApplication>
#include <QString>
#include <QTimeZone>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace mtga {

// The sink section of the worker's configuration, for files (with the sink type and
// KafkaSinkOptions, in PipelineOptions).
struct FileSinkOptions {
    using Rotation = TaRotation;
    // Stream writes every append at once (LogBus sees lines soonest); Batch gathers up to
    // batchBytes per file first (fewer, larger writes).
    enum class Mode { Stream, Batch };

    // Files go to <directory>/<appId>/; absolute once loaded from a configuration.
    QString directory = QStringLiteral("data/ta");
    // The file name prefix: two workers on one host never share a file. A configuration without
    // one gets the sanitised host name.
    QString instance;
    Rotation rotation = Rotation::Hourly;
    qint64 maxFileBytes = qint64{1} << 30;  // 0: no size rotation
    Mode mode = Mode::Batch;
    qint64 batchBytes = qint64{1} << 20;  // per file, Batch mode only
    bool fsync = true;                    // flush() fdatasync()s what it reports as committed
    // fdatasync for the output files; empty: the real one. Tests make it fail.
    std::function<int(int fd)> syncFile;
    std::chrono::milliseconds idleClose{60000};
    QTimeZone zone{QByteArrayLiteral("Asia/Shanghai")};  // whose local hour/day names the files
    std::function<qint64()> clock;                       // epoch ms; empty: the system clock
};

// One thread at a time: the caller serialises appends and flushes (its checkpoint needs them
// ordered anyway).
class FileSink : public Sink {
    Q_DECLARE_TR_FUNCTIONS(FileSink)

public:
    using FileCreatedHook = std::function<Result<void>(const QString& path)>;

    // Options are checked here; if they are unusable, every append() returns why.
    explicit FileSink(FileSinkOptions options);
    ~FileSink() override;
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;

    const FileSinkOptions& options() const { return m_options; }

    // Called before a NEW file is created on disk, with its path, once per file; if it fails, the
    // file is not created and append() fails with the hook's error. Calling it before the file
    // exists means a crash can leave a recorded file that is missing, never an unrecorded one.
    void setFileCreatedHook(FileCreatedHook hook);
    // Whether a file found on disk is one the store knows (so it may be continued after a
    // restart); a file it does not know (the store was replaced) is left alone and the next
    // index is started. Without a check, every file of this instance is continued.
    void setKnownFileCheck(std::function<bool(const QString& path)> known);

    // Appends complete lines (each ending in '\n') for one app. Stream mode writes through at
    // once; Batch mode buffers per file until batchBytes, then writes. A line is never split
    // across files; a single line longer than maxFileBytes gets a file of its own.
    //
    // OK means every line was taken; an error means none was, so the caller may simply retry the
    // same lines later. A write that fails after the lines were taken (disk full, I/O error) keeps
    // them in the sink, is logged, and is reported by the next append() for that app (which then
    // first retries the held lines, and takes nothing while they still cannot be written) and by
    // flush(). Error codes: "invalid_argument", "sink_open" (directory or file), "sink_write",
    // or the file-created hook's own.
    Result<void> append(int appId, std::string_view lines);

    // Writes every buffer, fdatasync()s the written files (and the folders of new files) when
    // fsync is on, and returns every open file with its committed length: what a checkpoint
    // records. Files rotated away since the last flush are in the list one last time, then closed.
    // On error (code "sink_write", naming the file and errno's reason) the unwritten lines stay
    // buffered for the next flush, committed lengths only cover what really is committed, and a
    // partly written line has been cut off again, so every file still ends with a complete line.
    // A failed fdatasync is for good (code "sink_lost"): Linux may drop the dirty pages and
    // report the next fdatasync as a success, so no later flush can prove those bytes are on
    // disk; every flush fails from then on, and the worker must start again from its last
    // checkpoint.
    Result<std::vector<OpenFile>> flush();

    // Flushes and closes the files no line went into for longer than idleClose; returns their
    // paths. A file that cannot be flushed stays open (and is logged).
    std::vector<QString> closeIdle() override;

    // Sink: a write is an append(); a checkpoint is a flush(). Files never refuse a line: a line
    // that cannot be written waits (and is retried) until the disk takes it.
    bool wantsOrigins() const override { return false; }
    Result<size_t> write(int appId, std::string_view lines,
                         std::span<const LineOrigin> origins) override;
    Result<SinkCheckpoint> prepareCheckpointBy(
        std::chrono::steady_clock::time_point deadline) override;
    // Held lines (taken, not written) are dropped; what is in the files stays.
    std::string discardUnwritten() override;
    // The lines of the files past their checkpointed lengths (filesinktail.cpp).
    Result<SinkTails> readTails(std::span<const OpenFile> checkpointed, bool atStart,
                                const std::function<void(std::string_view line)>& line) override;

    // Open files with their committed lengths, oldest first per app.
    std::vector<OpenFile> openFiles() const;
    // Bytes taken by append() but not written to a file yet.
    qint64 pendingBytes() const;

    // Cuts a torn final fragment (the bytes after the last '\n') off an existing file, for
    // recovery after a crash: returns the number of bytes cut, 0 when the file ends with '\n' or
    // is empty. Complete lines are never touched. The fragment has no '\n', so LogBus never
    // shipped it.
    static Result<qint64> cutTornTail(const QString& path);

private:
    struct SinkFile;
    struct App;

    App& appFor(int appId);
    QString appDirectory(int appId) const;
    std::vector<std::string_view> splitForFiles(std::string_view lines, qint64 fill) const;
    Result<SinkFile*> openCurrent(int appId, App& app, QString period);
    Result<SinkFile*> openExisting(int appId, App& app, const QString& path, const QString& period,
                                   int index);
    Result<SinkFile*> createFile(int appId, App& app, const QString& period, int index);
    SinkFile* adopt(App& app, std::unique_ptr<SinkFile> file);
    Result<void> writeDue(App& app);
    Result<void> writeFiles(App& app, size_t count);
    Result<void> writeBuffer(SinkFile& file);
    Result<void> commit(SinkFile& file);
    // A file deleted or replaced while open (LogBus cleanup, cron) would swallow the lines
    // written since the last checkpoint into an inode nobody reads: they go to a new file.
    // True when the file was taken out (and its lines moved to a new file).
    Result<bool> keepInView(int appId, App& app, size_t index);

    FileSinkOptions m_options;
    std::optional<Error> m_invalidOptions;
    std::optional<Error> m_syncLost;  // a failed fdatasync: nothing is committed any more
    ZoneClock m_zoneClock;
    FileCreatedHook m_fileCreated;
    std::function<bool(const QString&)> m_known;
    std::vector<QString> m_closed;  // closed for good since the last prepareCheckpoint()
    std::map<int, std::unique_ptr<App>> m_apps;
};

}  // namespace mtga
