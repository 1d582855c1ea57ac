#pragma once

// `mtga restart`: a graceful restart of the running worker's pipeline in its own process (the
// control command `restart`: the configuration read again); returns when the new pipeline runs.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class RestartCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(RestartCommand)

public:
    QString name() const override { return QStringLiteral("restart"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
