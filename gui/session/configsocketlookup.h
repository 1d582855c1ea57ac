#pragma once

// ConfigSocketLookup: the control socket a configuration file names, found the way the worker
// finds it (overlay, MTGA_* overrides, relative paths): by `mtga config check -c FILE`, run
// asynchronously. The console does not read YAML itself, so both can never disagree.

#include "shared/result.h"

#include <QObject>
#include <QProcess>
#include <QString>

namespace mtga::gui {

class ConfigSocketLookup : public QObject {
    Q_OBJECT

public:
    explicit ConfigSocketLookup(QObject* parent = nullptr);

    // Starts the lookup; found() follows exactly once (within `timeoutMs`).
    void start(const QString& configFile, int timeoutMs = 10'000);

    // The mtga program: $MTGA_BINARY, else next to this program (installed, or the build
    // tree's worker/), else mtga on the PATH.
    static QString mtgaProgram();
    // The effective control.socket in `config check`'s output; empty when there is none.
    static QString socketIn(const QString& checkOutput);

Q_SIGNALS:
    void found(const mtga::Result<QString>& socket);

private:
    void finished(int exitCode, QProcess::ExitStatus status);
    void report(const Result<QString>& result);

    QProcess* m_process = nullptr;
    QString m_config;
    bool m_reported = false;
};

}  // namespace mtga::gui
