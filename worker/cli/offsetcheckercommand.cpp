#include "worker/cli/offsetcheckercommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/terminal.h"

#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <tuple>

namespace mtga::cli {
namespace {

constexpr int kColumns = 11;
constexpr int kTopicColumn = 1;
constexpr int kHealthColumn = 10;

QString offsetText(qint64 offset) {
    return offset < 0 ? QStringLiteral("-") : QString::number(offset);
}

// A border of the original's shape: `.---.---.` above, `+---+---+` under the header, `'---'---'`
// below.
QString border(const std::array<qsizetype, kColumns>& widths, QChar corner) {
    QString line = corner;
    for (const qsizetype width : widths) {
        line += QString(width + 2, QLatin1Char('-'));
        line += corner;
    }
    return line;
}

QString row(const std::array<QString, kColumns>& cells,
            const std::array<qsizetype, kColumns>& widths, bool header) {
    QString line = QStringLiteral("|");
    for (int column = 0; column < kColumns; ++column) {
        // The topic and the health are text; every other column is a number, right-aligned so
        // digits line up.
        const bool left = header || column == kTopicColumn || column == kHealthColumn;
        line += QLatin1Char(' ');
        line += left ? cells[column].leftJustified(widths[column])
                     : cells[column].rightJustified(widths[column]);
        line += QStringLiteral(" |");
    }
    return line;
}

}  // namespace

QString OffsetCheckerCommand::summary() const {
    return tr(
        "Show Low, High, Current, Checkpointed, Lag, lag in time, catch-up estimate and health "
        "of each partition of a running worker");
}

void OffsetCheckerCommand::sortRows(OffsetsReply& offsets) {
    std::sort(offsets.partitions.begin(), offsets.partitions.end(),
              [](const PartitionRow& a, const PartitionRow& b) {
                  return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
              });
}

QString OffsetCheckerCommand::format(const OffsetsReply& offsets) {
    const std::array<QString, kColumns> header{
        tr("#"),        tr("Topic"),    tr("Partition"),    tr("Low"),
        tr("High"),     tr("Current"),  tr("Checkpointed"), tr("Lag"),
        tr("Lag time"), tr("Catch-up"), tr("Health")};
    std::vector<std::array<QString, kColumns>> rows;
    int index = 0;
    const QString unknown = QStringLiteral("-");
    for (const PartitionRow& partition : offsets.partitions) {
        const QString health = partition.lost > 0
                                   ? tr("%1 (%2 lost)").arg(partition.health).arg(partition.lost)
                                   : partition.health;
        rows.push_back(
            {QString::number(index++), partition.topic, QString::number(partition.partition),
             offsetText(partition.low), offsetText(partition.high), offsetText(partition.current),
             offsetText(partition.checkpointed),
             partition.lag ? QString::number(*partition.lag) : unknown,
             partition.lagSeconds ? spanText(*partition.lagSeconds) : unknown,
             // No estimate while it falls behind: it would never catch up at these rates.
             partition.etaSeconds ? spanText(static_cast<double>(*partition.etaSeconds))
             : partition.lag && *partition.lag > 0 && partition.consumeRate ? tr("never")
                                                                            : unknown,
             health});
    }
    std::array<qsizetype, kColumns> widths{};
    for (int column = 0; column < kColumns; ++column) {
        widths[column] = header[column].size();
        for (const auto& cells : rows) {
            widths[column] = std::max(widths[column], cells[column].size());
        }
    }
    QStringList lines{border(widths, QLatin1Char('.')), row(header, widths, true),
                      border(widths, QLatin1Char('+'))};
    for (const auto& cells : rows) {
        lines << row(cells, widths, false);
    }
    lines << border(widths, QLatin1Char('\''));
    return lines.join(QLatin1Char('\n'));
}

int OffsetCheckerCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Asks the worker listening on the control socket for its offsets (\"offsets\") and "
           "prints them as a table, one row per assigned partition sorted by topic and "
           "partition; \"-\" is an offset not known yet. The socket is --socket PATH, or "
           "control.socket of the configuration (-c FILE). Exit status: 0 answered, 1 an error "
           "(or no partition of --topic), 2 bad options, 3 no worker listening, 4 no answer in "
           "time."));
    ControlOptions control(parser, arguments);
    const QString topicOption = QStringLiteral("topic");
    parser.addOption({topicOption, tr("Only the partitions of this topic."), tr("TOPIC")});
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    auto offsets = ControlClient::offsets(control.endpoint(), control.timeout());
    if (!offsets) {
        return control.fail(offsets.error());
    }
    OffsetsReply reply = std::move(offsets.value());
    if (parser.isSet(topicOption)) {
        const QString topic = parser.value(topicOption);
        std::erase_if(reply.partitions,
                      [&](const PartitionRow& partition) { return partition.topic != topic; });
        if (reply.partitions.empty()) {
            printError(tr("%1: the worker on %2 reads no partition of topic \"%3\"")
                           .arg(control.command(), control.endpoint().describe(), topic));
            return kExitFailure;
        }
    }
    sortRows(reply);
    if (control.json()) {
        printLine(QString::fromUtf8(QJsonDocument(reply.toJson()).toJson(QJsonDocument::Compact)));
    } else {
        printLine(format(reply));
    }
    return kExitOk;
}

}  // namespace mtga::cli
