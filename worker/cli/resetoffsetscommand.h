#pragma once

// `mtga reset_offsets` and `mtga undo_reset`: move a running worker's partitions, with the flags
// of kafka-consumer-groups.sh --reset-offsets; a dry run (the table of what would happen) unless
// --execute. `mtga reset_journal` lists the resets applied.

#include "shared/values/offsetresetreply.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class ControlOptions;

class ResetOffsetsCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(ResetOffsetsCommand)

public:
    QString name() const override { return QStringLiteral("reset_offsets"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // The table of a reset's rows (a dry run's or an applied one's).
    static QString formatTable(const OffsetResetReply& reply);
    // kafka-consumer-groups.sh's CSV: topic,partition,new offset per line.
    static QString formatCsv(const OffsetResetReply& reply);
    // Prints the reply as asked (table, CSV or JSON) and what it means on stderr; the exit code.
    static int report(const ControlOptions& control, const OffsetResetReply& reply, bool csv);
};

class UndoResetCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(UndoResetCommand)

public:
    QString name() const override { return QStringLiteral("undo_reset"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

class ResetJournalCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(ResetJournalCommand)

public:
    QString name() const override { return QStringLiteral("reset_journal"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    static QString formatTable(const ResetJournal& journal);
};

}  // namespace mtga::cli
