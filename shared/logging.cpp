#include "shared/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <execinfo.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <mutex>

namespace mtga {
namespace {

struct LogState {
    LogOptions options;
    std::unique_ptr<QFile> file;
    QString openedDay;
    std::mutex mutex;
};

std::unique_ptr<LogState> g_state;  // guarded by its own mutex once installed
std::mutex g_hookMutex;
std::shared_ptr<const Logging::ErrorHook> g_errorHook;  // guarded by g_hookMutex
QtMessageHandler g_previousHandler = nullptr;

int rank(QtMsgType type) {
    switch (type) {
        case QtDebugMsg:
            return 0;
        case QtInfoMsg:
            return 1;
        case QtWarningMsg:
            return 2;
        case QtCriticalMsg:
            return 3;
        case QtFatalMsg:
            return 4;
    }
    return 1;
}

const char* levelName(QtMsgType type) {
    switch (type) {
        case QtDebugMsg:
            return "debug";
        case QtInfoMsg:
            return "info";
        case QtWarningMsg:
            return "warning";
        case QtCriticalMsg:
            return "error";
        case QtFatalMsg:
            return "fatal";
    }
    return "info";
}

qint64 now(const LogState& state) {
    return state.options.clock ? state.options.clock() : QDateTime::currentMSecsSinceEpoch();
}

// Renames mtga.log -> mtga.log.1 -> ... and drops what is past `keep`. This is the worker's own
// log, not a TA file, so renaming is fine here.
void rotate(LogState& state, const QString& suffix) {
    const QString path = state.options.file;
    state.file.reset();
    if (state.options.rotate == LogOptions::Rotate::Size) {
        QFile::remove(path + QLatin1Char('.') + QString::number(state.options.keep));
        for (int i = state.options.keep - 1; i >= 1; --i) {
            QFile::rename(path + QLatin1Char('.') + QString::number(i),
                          path + QLatin1Char('.') + QString::number(i + 1));
        }
        QFile::rename(path, path + QStringLiteral(".1"));
    } else {
        QFile::rename(path, path + QLatin1Char('.') + suffix);
        const QFileInfo info(path);
        QStringList old =
            QDir(info.absolutePath())
                .entryList({info.fileName() + QStringLiteral(".*")}, QDir::Files, QDir::Name);
        while (old.size() > state.options.keep) {
            QFile::remove(info.absolutePath() + QLatin1Char('/') + old.takeFirst());
        }
    }
}

bool openFile(LogState& state) {
    auto file = std::make_unique<QFile>(state.options.file);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        return false;
    }
    state.file = std::move(file);
    state.openedDay =
        QDateTime::fromMSecsSinceEpoch(now(state)).toString(QStringLiteral("yyyy-MM-dd"));
    return true;
}

QByteArray format(const LogState& state, QtMsgType type, const QMessageLogContext& context,
                  const QString& message) {
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(now(state));
    const char* category = context.category ? context.category : "default";
    if (state.options.format == LogOptions::Format::Json) {
        const QJsonObject object{
            {QStringLiteral("time"), time.toString(Qt::ISODateWithMs)},
            {QStringLiteral("level"), QLatin1String(levelName(type))},
            {QStringLiteral("category"), QLatin1String(category)},
            {QStringLiteral("message"), message},
        };
        return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    return time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")).toUtf8() + ' ' +
           levelName(type) + ' ' + category + ": " + message.toUtf8() + '\n';
}

void handleMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    LogState* state = g_state.get();
    if (!state) {
        return;
    }
    if (type == QtCriticalMsg) {
        std::shared_ptr<const Logging::ErrorHook> hook;
        {
            std::lock_guard lock(g_hookMutex);
            hook = g_errorHook;
        }
        if (hook && *hook) {
            (*hook)(context.category ? context.category : "default", message);
        }
    }
    std::lock_guard lock(state->mutex);
    if (rank(type) < static_cast<int>(state->options.level) && type != QtFatalMsg) {
        return;
    }
    const QByteArray line = format(*state, type, context, message);
    if (!state->options.file.isEmpty()) {
        const QString today =
            QDateTime::fromMSecsSinceEpoch(now(*state)).toString(QStringLiteral("yyyy-MM-dd"));
        const bool due =
            state->file && (state->options.rotate == LogOptions::Rotate::Size
                                ? state->file->size() + line.size() > state->options.maxBytes
                                : today != state->openedDay);
        if (due) {
            rotate(*state, state->openedDay);
        }
        if (!state->file && !openFile(*state)) {
            std::fputs(line.constData(), stderr);  // the log file is gone: never lose the line
            return;
        }
        state->file->write(line);
        state->file->flush();
    } else {
        std::fputs(line.constData(), stderr);
    }
    if (type == QtFatalMsg) {
        // Where it died, for the post-mortem: raw frames, no allocation.
        void* frames[64];
        const int count = backtrace(frames, 64);
        const int fd = state->file ? state->file->handle() : STDERR_FILENO;
        backtrace_symbols_fd(frames, count, fd);
        if (fd != STDERR_FILENO) {
            backtrace_symbols_fd(frames, count, STDERR_FILENO);
        }
    }
}

QString filterRules(LogOptions::Level level) {
    // mtga's categories default to info; the rules move that line for all of them.
    switch (level) {
        case LogOptions::Level::Debug:
            return QStringLiteral("mtga.*.debug=true");
        case LogOptions::Level::Info:
            return QStringLiteral("mtga.*.debug=false");
        case LogOptions::Level::Warning:
            return QStringLiteral("mtga.*.debug=false\nmtga.*.info=false");
        case LogOptions::Level::Error:
            return QStringLiteral("mtga.*.debug=false\nmtga.*.info=false\nmtga.*.warning=false");
    }
    return {};
}

}  // namespace

Result<void> Logging::install(const LogOptions& options) {
    auto state = std::make_unique<LogState>();
    state->options = options;
    if (!options.file.isEmpty()) {
        QDir().mkpath(QFileInfo(options.file).absolutePath());
        if (!openFile(*state)) {
            return Error::of(ErrorCode::LogFile,
                             tr("%1: cannot open the log file").arg(options.file));
        }
    }
    uninstall();
    g_state = std::move(state);
    QLoggingCategory::setFilterRules(filterRules(options.level));
    g_previousHandler = qInstallMessageHandler(handleMessage);
    return {};
}

void Logging::uninstall() {
    if (g_state) {
        qInstallMessageHandler(g_previousHandler);
        g_state.reset();
        QLoggingCategory::setFilterRules(QString());
    }
}

void Logging::setErrorHook(ErrorHook hook) {
    auto shared = std::make_shared<const ErrorHook>(std::move(hook));
    std::lock_guard lock(g_hookMutex);
    g_errorHook = std::move(shared);
}

}  // namespace mtga
