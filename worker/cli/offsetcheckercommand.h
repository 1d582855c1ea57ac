#pragma once

// `mtga offset_checker`: the original service's table of Low, High and Current per partition
// (with Checkpointed added), from the running worker's `offsets`.

#include "shared/values/partitionrow.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class OffsetCheckerCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(OffsetCheckerCommand)

public:
    QString name() const override { return QStringLiteral("offset_checker"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // The rows sorted by topic, then partition.
    static void sortRows(OffsetsReply& offsets);
    // The boxed table of the original `offset_checker`, numbers right-aligned, an unknown
    // offset or lag shown as "-".
    static QString format(const OffsetsReply& offsets);
};

}  // namespace mtga::cli
