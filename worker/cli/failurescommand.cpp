#include "worker/cli/failurescommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/failureactions.h"
#include "worker/cli/failurefilteroptions.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <QDateTime>

#include <algorithm>
#include <array>

namespace mtga::cli {
namespace {

constexpr qsizetype kMinMessageWidth = 20;

}  // namespace

QString FailuresCommand::summary() const {
    return tr("List, retry or export the entries of a running worker's failure queue");
}

QString FailuresCommand::formatTable(const std::vector<FailureRecord>& entries, int width) {
    constexpr size_t kColumns = 8;
    // Numbers are right-aligned so that they line up by digit.
    const std::array<bool, kColumns> right{false, false, true, true, false, false, true, false};
    std::vector<std::array<QString, kColumns>> rows;
    rows.push_back({tr("first time"), tr("topic"), tr("partition"), tr("offset"), tr("stage"),
                    tr("reason"), tr("attempts"), tr("message")});
    for (const FailureRecord& entry : entries) {
        rows.push_back({QDateTime::fromMSecsSinceEpoch(entry.firstTimeMs)
                            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                        entry.topic, QString::number(entry.partition),
                        QString::number(entry.offset), entry.stage, entry.reason,
                        QString::number(entry.attempts), oneLine(entry.message)});
    }
    std::array<qsizetype, kColumns> widths{};
    for (const auto& row : rows) {
        for (size_t i = 0; i + 1 < kColumns; ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    qsizetype used = 0;
    for (size_t i = 0; i + 1 < kColumns; ++i) {
        used += widths[i] + 2;
    }
    const qsizetype messageWidth = std::max(kMinMessageWidth, width - used);
    QStringList lines;
    for (const auto& row : rows) {
        QString line;
        for (size_t i = 0; i + 1 < kColumns; ++i) {
            line += right[i] ? row[i].rightJustified(widths[i]) : row[i].leftJustified(widths[i]);
            line += QStringLiteral("  ");
        }
        line += cut(row[kColumns - 1], messageWidth);
        lines << line;
    }
    return lines.join(QLatin1Char('\n'));
}

int FailuresCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("`list` prints the entries of the failure queue of the worker listening on the "
           "control socket, oldest key first (topic, partition, offset), those the filters "
           "match, up to --limit: a table whose messages are cut to the terminal's width "
           "($COLUMNS, or 120, when not a terminal), or with --json each entry as one JSON line "
           "(with its payload). `retry` tries the entries the filters match (or --all) again now "
           "with the worker's current settings: those that succeed are written and leave the "
           "queue, the others count one more attempt. `export --output FILE` has the worker "
           "write the matching entries (all without filters) to FILE as JSON lines. retry and "
           "export answer when done and wait up to 10 minutes unless --timeout. Exit status 0 "
           "done, 1 the worker replied an error (or the output refused retried lines), 2 bad "
           "options, 3 no worker, 4 no answer in time. retry and export need admin rights."));
    parser.addPositionalArgument(QStringLiteral("action"), tr("list, retry or export."),
                                 QStringLiteral("list|retry|export"));
    ControlOptions control(parser, arguments, ControlOptions::Json::Offered,
                           tr("Print each entry (list) or the answer as one JSON line."));
    parser.addOption({QStringLiteral("limit"),
                      tr("Print at most N entries (default %1).").arg(FailureQuery::kDefaultLimit),
                      tr("N"), QString::number(FailureQuery::kDefaultLimit)});
    FailureActions::addOptions(parser);
    FailureFilterOptions::add(parser);
    if (auto exitCode = control.parse(1)) {
        return *exitCode;
    }
    const QString program = arguments.value(0);
    const QString action = parser.positionalArguments().value(0);
    const QStringList actions{QStringLiteral("list"), QStringLiteral("retry"),
                              QStringLiteral("export")};
    if (!actions.contains(action)) {
        printError(
            action.isEmpty()
                ? tr("%1: say what to do: list, retry or export").arg(program)
                : tr("%1: unknown action \"%2\" (list, retry or export)").arg(program, action));
        return kExitUsage;
    }
    if (const QString foreign = FailureActions::foreignOption(parser, action); !foreign.isEmpty()) {
        return control.usage(tr("%1 is not an option of %2").arg(foreign, action));
    }
    const auto query = FailureFilterOptions::query(parser);
    if (!query) {
        return control.usage(query.error().message);
    }
    if (action == QLatin1String("retry")) {
        return FailureActions::retry(parser, control, query.value());
    }
    if (action == QLatin1String("export")) {
        return FailureActions::exportTo(parser, control, query.value());
    }
    const auto limit = integerOption(parser, QStringLiteral("limit"), 1, 1'000'000'000);
    if (!limit) {
        printError(limit.error().message);
        return kExitUsage;
    }

    const bool json = control.json();
    std::vector<FailureRecord> entries;
    qint64 left = limit.value();
    QString cursor;
    bool more = false;
    while (left > 0) {
        auto page =
            ControlClient::failurePage(control.endpoint(), query.value(), cursor,
                                       std::min(left, FailureQuery::kMaxLimit), control.timeout());
        if (!page) {
            return control.fail(page.error());
        }
        for (FailureRecord& entry : page->entries) {
            if (left == 0) {
                break;
            }
            --left;
            // JSON lines go out as they come: a long listing starts at once and needs no memory.
            if (json) {
                ControlOptions::printJson(entry.toJson());
            } else {
                entries.push_back(std::move(entry));
            }
        }
        if (!page->nextCursor) {
            break;
        }
        cursor = *page->nextCursor;
        more = left == 0;
    }
    if (!json) {
        if (entries.empty()) {
            printLine(tr("no entries"));
        } else {
            printLine(formatTable(entries, outputWidth()));
        }
    }
    if (more) {
        printError(
            tr("%1: more entries match than --limit %2 shows").arg(program).arg(limit.value()));
    }
    return kExitOk;
}

}  // namespace mtga::cli
