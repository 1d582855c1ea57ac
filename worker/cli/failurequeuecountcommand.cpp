#include "worker/cli/failurequeuecountcommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/failurefilteroptions.h"
#include "worker/cli/options.h"
#include "worker/cli/terminal.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace mtga::cli {

QString FailureQueueCountCommand::summary() const {
    return tr("Print how many events a running worker holds in its failure queue");
}

QString FailureQueueCountCommand::formatByReason(const FailureCounts& counts) {
    std::vector<std::pair<QString, qint64>> rows(counts.byReason.begin(), counts.byReason.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    rows.emplace_back(tr("total"), counts.total);
    if (counts.matching) {
        rows.emplace_back(tr("matching the filters"), *counts.matching);
    }
    const QString header = tr("reason");
    const QString entries = tr("entries");
    qsizetype labelWidth = header.size();
    qsizetype numberWidth = entries.size();
    for (const auto& [label, count] : rows) {
        labelWidth = std::max(labelWidth, label.size());
        numberWidth = std::max(numberWidth, QString::number(count).size());
    }
    QStringList lines;
    lines << header.leftJustified(labelWidth + 2) + entries.rightJustified(numberWidth);
    for (const auto& [label, count] : rows) {
        lines << label.leftJustified(labelWidth + 2) +
                     QString::number(count).rightJustified(numberWidth);
    }
    return lines.join(QLatin1Char('\n'));
}

int FailureQueueCountCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Asks the worker listening on the control socket how many events its failure queue "
           "holds and prints the number (with filters: how many of them match). The socket is "
           "--socket PATH, or control.socket of the configuration (-c FILE). Exit status 0 when "
           "the worker answered, 1 when it replied an error, 2 for bad options or configuration, 3 "
           "when no worker listens, 4 when it did not answer in time."));
    ControlOptions control(parser, arguments, ControlOptions::Json::Offered,
                           tr("Print the worker's answer (total, by reason, matching) as one JSON "
                              "line."));
    parser.addOption({QStringLiteral("by-reason"), tr("Print a table of the counts by reason.")});
    FailureFilterOptions::add(parser);
    if (auto exitCode = control.parse(0)) {
        return *exitCode;
    }
    const auto query = FailureFilterOptions::query(parser);
    if (!query) {
        return control.usage(query.error().message);
    }

    const bool byReason = parser.isSet(QStringLiteral("by-reason"));
    return control.finish(
        ControlClient::failureCounts(control.endpoint(), query.value(), control.timeout()),
        [byReason](const FailureCounts& counts) {
            return byReason ? formatByReason(counts)
                            : QString::number(counts.matching.value_or(counts.total));
        });
}

}  // namespace mtga::cli
