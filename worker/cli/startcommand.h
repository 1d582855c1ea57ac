#pragma once

// `mtga start`: the worker as a daemon (worker/cli/daemonprocess.h), with a locked pid file
// (worker/cli/pidfile.h), reported once its control socket answers `hello`.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class StartCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(StartCommand)

public:
    QString name() const override { return QStringLiteral("start"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
