#pragma once

// `mtga status`: asks a running worker, through its control socket, how it is doing.

#include "shared/values/workerstatus.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class StatusCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(StatusCommand)

public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // The human-readable report of a `status` result (docs/protocol.md), one line per field, the
    // self-checks that failed marked FAIL. Keys a newer worker added are listed at the end.
    static QString format(const WorkerStatus& status);

private:
    // "1200 message(s), 1m15s behind, caught up in 3m05s".
    static QString lagText(const WorkerStatus& status);
};

}  // namespace mtga::cli
