#pragma once

// `mtga clear_failure_queue`: removes entries from a running worker's failure queue, all of them
// or those the filters match, after showing how many that is and asking (unless --yes).

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class ClearFailureQueueCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(ClearFailureQueueCommand)

public:
    QString name() const override { return QStringLiteral("clear_failure_queue"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
