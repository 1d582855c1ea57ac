#pragma once

// `mtga run`: the worker itself, in the foreground, until SIGINT or SIGTERM.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class RunCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(RunCommand)

public:
    QString name() const override { return QStringLiteral("run"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
