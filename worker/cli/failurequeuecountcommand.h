#pragma once

// `mtga failure_queue_count`: how many events a running worker holds in its failure queue, as
// one number for scripts (the original service's command), or by reason.

#include "shared/values/failurequeue.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class FailureQueueCountCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(FailureQueueCountCommand)

public:
    QString name() const override { return QStringLiteral("failure_queue_count"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // The --by-reason table: reasons by count (most first), then the total and, with filters,
    // how many match.
    static QString formatByReason(const FailureCounts& counts);
};

}  // namespace mtga::cli
