#pragma once

// `mtga sample`: the last messages a running worker took of one partition, each next to what
// became of its records: the TA line, the filter rule, or why it failed.

#include "shared/values/samplereply.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class SampleCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(SampleCommand)

public:
    QString name() const override { return QStringLiteral("sample"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // Each message as a header line and one line per record, cut to `width` columns; times in
    // local time.
    static QString format(const SampleReply& reply, int width);
};

}  // namespace mtga::cli
