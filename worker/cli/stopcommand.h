#pragma once

// `mtga stop`: asks the running worker to stop (the control command `stop`, as SIGTERM) and waits
// until its process has exited, so that scripts can go on once the checkpoint is written; with
// --kill-after it ends a worker that does not stop in time with SIGKILL.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class StopCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(StopCommand)

public:
    QString name() const override { return QStringLiteral("stop"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
