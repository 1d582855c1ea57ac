#pragma once

// `mtga failures list|retry|export`: the entries of a running worker's failure queue, as a table
// or as JSON lines, page after page up to --limit; retry and export are FailureActions.

#include "shared/values/failurequeue.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

#include <vector>

namespace mtga::cli {

class FailuresCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(FailuresCommand)

public:
    QString name() const override { return QStringLiteral("failures"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // The table of `entries` in `width` columns: first time (local), topic, partition, offset,
    // stage, reason, attempts and the message, which is cut to what is left of the width.
    static QString formatTable(const std::vector<FailureRecord>& entries, int width);
};

}  // namespace mtga::cli
