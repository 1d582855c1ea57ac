#pragma once

// `mtga reload`: the running worker reads its settings folder again (the control command
// `reload`, as SIGHUP), and says which apps' settings are in force.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class ReloadCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(ReloadCommand)

public:
    QString name() const override { return QStringLiteral("reload"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
