#include "worker/cli/resetoffsetscommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/resetoptions.h"
#include "worker/cli/terminal.h"
#include "worker/cli/texttable.h"

#include <QDateTime>

namespace mtga::cli {
namespace {

// An applied reset waits for the partitions to drain (20 s, as a stop):
// the call's bound unless --timeout says otherwise.
constexpr std::chrono::seconds kApplyTimeout{60};

QString offsetText(qint64 offset) {
    return offset < 0 ? QStringLiteral("-") : QString::number(offset);
}

QString noteOf(const ResetRow& row) {
    if (row.refused()) {
        return ResetOffsetsCommand::tr("refused: %1").arg(row.refusedMessage);
    }
    if (row.clamped == QLatin1String("low")) {
        return ResetOffsetsCommand::tr("clamped to Low");
    }
    if (row.clamped == QLatin1String("high")) {
        return ResetOffsetsCommand::tr("clamped to High");
    }
    return {};
}

std::chrono::milliseconds callTimeout(const QCommandLineParser& parser,
                                      const ControlOptions& control, bool apply) {
    return apply && !parser.isSet(QStringLiteral("timeout"))
               ? std::chrono::milliseconds(kApplyTimeout)
               : control.timeout();
}

}  // namespace

QString ResetOffsetsCommand::summary() const {
    return tr(
        "Reset a running worker's offsets (dry run unless --execute), as "
        "kafka-consumer-groups.sh --reset-offsets");
}

QString ResetOffsetsCommand::formatTable(const OffsetResetReply& reply) {
    using Align = TextTable::Align;
    TextTable table({{tr("TOPIC")},
                     {tr("PARTITION"), Align::Right},
                     {tr("LOW"), Align::Right},
                     {tr("HIGH"), Align::Right},
                     {tr("CURRENT"), Align::Right},
                     {tr("NEW"), Align::Right},
                     {tr("LAG AFTER"), Align::Right},
                     {tr("SKIPPED"), Align::Right},
                     {tr("REPLAYED"), Align::Right},
                     {tr("NOTE")}});
    for (const ResetRow& row : reply.partitions) {
        table.addRow({row.topic, QString::number(row.partition), offsetText(row.low),
                      offsetText(row.high), offsetText(row.current), offsetText(row.next),
                      row.lagAfter ? QString::number(*row.lagAfter) : QStringLiteral("-"),
                      QString::number(row.skipped), QString::number(row.replayed), noteOf(row)});
    }
    return table.text();
}

QString ResetOffsetsCommand::formatCsv(const OffsetResetReply& reply) {
    QStringList lines;
    for (const ResetRow& row : reply.partitions) {
        if (!row.refused()) {
            lines << row.topic + QLatin1Char(',') + QString::number(row.partition) +
                         QLatin1Char(',') + QString::number(row.next);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

int ResetOffsetsCommand::report(const ControlOptions& control, const OffsetResetReply& reply,
                                bool csv) {
    if (control.json()) {
        ControlOptions::printJson(reply.toJson());
    } else if (csv) {
        printLine(formatCsv(reply));
    } else {
        printLine(formatTable(reply));
    }
    qsizetype refused = 0;
    for (const ResetRow& row : reply.partitions) {
        refused += row.refused() ? 1 : 0;
    }
    if (refused > 0) {
        printError(tr("%1: %n partition(s) cannot be reset (see NOTE): nothing would change", "",
                      static_cast<int>(refused))
                       .arg(control.command()));
        return kExitFailure;
    }
    if (reply.dryRun) {
        printError(
            tr("%1: dry run, nothing changed; add --execute to apply it").arg(control.command()));
    } else {
        printError(tr("%1: applied (journal entry %2; `mtga undo_reset` restores the offsets "
                      "before it)")
                       .arg(control.command())
                       .arg(reply.journalId.value_or(0)));
        if (!reply.groupCommitError.isEmpty()) {
            printError(tr("%1: the group did not take the commit yet (the next checkpoint "
                          "commits again): %2")
                           .arg(control.command(), reply.groupCommitError));
        }
    }
    return kExitOk;
}

int ResetOffsetsCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Moves partitions of the worker listening on the control socket to new offsets while "
           "it runs, with the flags of kafka-consumer-groups.sh --reset-offsets. Without "
           "--execute it only prints, per partition, where it is, where it would go, the lag "
           "after and how many messages that skips or replays. With --execute the partitions "
           "pause, what was taken of them is written and checkpointed, the new offsets are "
           "stored and committed to the group, and they go on from there; the other partitions "
           "keep flowing. A target outside the log is moved to Low or High (or refused with "
           "--strict). Every applied reset is journalled (mtga reset_journal) and can be undone "
           "(mtga undo_reset). Needs a uid or gid of control.admin_uids / admin_gids. Exit "
           "status 0 done, 1 refused or failed, 2 bad options, 3 no worker, 4 no answer in time "
           "(--execute waits up to 60 s unless --timeout)."));
    ControlOptions control(parser, arguments, ControlOptions::Json::Offered,
                           tr("Print the worker's answer as one JSON line."));
    ResetOptions::add(parser);
    parser.addOption(
        {QStringLiteral("export"), tr("Print the new offsets as topic,partition,offset lines (for "
                                      "--from-file) instead of the table.")});
    if (auto exitCode = control.parse(0)) {
        return *exitCode;
    }
    const auto request = ResetOptions::request(parser);
    if (!request) {
        return request.error().is(ErrorCode::IoError) ? control.fail(request.error())
                                                      : control.usage(request.error().message);
    }
    const auto reply = ControlClient::resetOffsets(control.endpoint(), request.value(),
                                                   callTimeout(parser, control, !request->dryRun));
    if (!reply) {
        return control.fail(reply.error());
    }
    return report(control, reply.value(), parser.isSet(QStringLiteral("export")));
}

QString UndoResetCommand::summary() const {
    return tr("Undo an applied offset reset (dry run unless --execute)");
}

int UndoResetCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Moves the partitions of an applied reset back to the offsets they had before it: "
           "the newest reset not undone yet, or journal entry --id. Without --execute it only "
           "shows what that would do, as reset_offsets. Needs admin rights. Exit status as "
           "reset_offsets."));
    ControlOptions control(parser, arguments, ControlOptions::Json::Offered,
                           tr("Print the worker's answer as one JSON line."));
    parser.addOption(
        {QStringLiteral("id"), tr("The journal entry to undo (mtga reset_journal)."), tr("ID")});
    parser.addOption({QStringLiteral("execute"), tr("Apply it.")});
    if (auto exitCode = control.parse(0)) {
        return *exitCode;
    }
    std::optional<qint64> id;
    if (parser.isSet(QStringLiteral("id"))) {
        bool ok = false;
        id = parser.value(QStringLiteral("id")).toLongLong(&ok);
        if (!ok || *id < 1) {
            return control.usage(tr("--id needs a journal entry's number"));
        }
    }
    const bool apply = parser.isSet(QStringLiteral("execute"));
    const auto reply = ControlClient::undoReset(control.endpoint(), id, !apply,
                                                callTimeout(parser, control, apply));
    if (!reply) {
        return control.fail(reply.error());
    }
    if (!control.json()) {
        printError(tr("%1: undoing journal entry %2")
                       .arg(control.command())
                       .arg(reply->undoes.value_or(0)));
    }
    return ResetOffsetsCommand::report(control, reply.value(), false);
}

QString ResetJournalCommand::summary() const {
    return tr("List the offset resets applied to a running worker, newest first");
}

QString ResetJournalCommand::formatTable(const ResetJournal& journal) {
    using Align = TextTable::Align;
    TextTable table({{tr("ID"), Align::Right},
                     {tr("TIME")},
                     {tr("UID"), Align::Right},
                     {tr("TARGET")},
                     {tr("UNDOES"), Align::Right},
                     {tr("PARTITIONS (BEFORE -> AFTER)")}});
    for (const ResetJournalEntry& entry : journal.entries) {
        QStringList moves;
        for (const ResetJournalPartition& partition : entry.partitions) {
            moves << QStringLiteral("%1:%2 %3 -> %4")
                         .arg(partition.topic)
                         .arg(partition.partition)
                         .arg(offsetText(partition.before), offsetText(partition.after));
        }
        table.addRow({QString::number(entry.id),
                      QDateTime::fromMSecsSinceEpoch(entry.timeMs)
                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      entry.uid < 0 ? QStringLiteral("-") : QString::number(entry.uid),
                      entry.target,
                      entry.undoes ? QString::number(*entry.undoes) : QStringLiteral("-"),
                      moves.join(QStringLiteral(", "))});
    }
    return table.text();
}

int ResetJournalCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Lists the offset resets applied to the worker listening on the control socket, "
           "newest first: when, by whom, the target, and each partition's offset before and "
           "after. Exit status 0 answered, 1 an error, 2 bad options, 3 no worker, 4 no answer "
           "in time."));
    ControlOptions control(parser, arguments);
    parser.addOption({QStringLiteral("limit"), tr("At most N entries (default 20)."),
                      QStringLiteral("N"), QStringLiteral("20")});
    if (auto exitCode = control.parse(0)) {
        return *exitCode;
    }
    bool ok = false;
    const qint64 limit = parser.value(QStringLiteral("limit")).toLongLong(&ok);
    if (!ok || limit < 1) {
        return control.usage(tr("--limit needs a number >= 1"));
    }
    return control.finish(ControlClient::resetJournal(control.endpoint(), limit, control.timeout()),
                          [](const ResetJournal& journal) { return formatTable(journal); });
}

}  // namespace mtga::cli
