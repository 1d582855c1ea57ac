#pragma once

// Logging: where the worker's own log goes (stderr or a file rotated by size or by day, with a
// retention count), in text or JSON lines, from which level on; a stack trace on a fatal error.
// Modules log through their Qt logging category (mtga.source, mtga.sink...).

#include "shared/result.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace mtga {

struct LogOptions {
    enum class Level { Debug, Info, Warning, Error };
    enum class Format { Text, Json };
    enum class Rotate { Size, Daily };
    Level level = Level::Info;
    Format format = Format::Text;
    QString file;  // empty: stderr
    Rotate rotate = Rotate::Daily;
    qint64 maxBytes = qint64{100} * 1024 * 1024;
    int keep = 7;
    std::function<qint64()> clock;  // epoch ms; empty: the system clock (tests move time)
};

class Logging {
    Q_DECLARE_TR_FUNCTIONS(Logging)

public:
    // Installs the message handler for the whole process; fails when the file cannot be opened.
    static Result<void> install(const LogOptions& options);
    // Back to Qt's default handler (closes the file).
    static void uninstall();
    // Called with every error-level message (category, text) while the handler is installed,
    // from the thread that logs it, before the line is written; empty: none. The hook must not
    // block: the worker's alerts post it to their own thread.
    using ErrorHook = std::function<void(const char* category, const QString& message)>;
    static void setErrorHook(ErrorHook hook);
};

}  // namespace mtga
