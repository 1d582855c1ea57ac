#pragma once

// `mtga status`: asks a running worker, through its control socket, how it is doing.

#include "worker/cli/command.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace mtga::cli {

class StatusCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(StatusCommand)

public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // The human-readable report of a `status` result (docs/protocol.md), one line per field, the
    // self-checks that failed marked FAIL. Keys it does not know are listed at the end.
    static QString format(const QJsonObject& status);
};

}  // namespace mtga::cli
