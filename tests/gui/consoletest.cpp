#include "tests/gui/consoletest.h"

#include "gui/partitions/partitiontablemodel.h"

#include <map>

namespace mtga::test {

gui::MainWindow::Options consoleOptions(const QString& settingsFile) {
    gui::MainWindow::Options options;
    options.settingsFile = settingsFile;
    options.loadRemembered = false;
    options.session.statsIntervalMs = 250;
    options.session.pollIntervalMs = 1000;
    options.session.connection.firstRetry = std::chrono::milliseconds(100);
    options.session.connection.maxRetry = std::chrono::milliseconds(1000);
    options.session.connection.connectTimeout = std::chrono::milliseconds(2000);
    options.session.connection.callTimeout = std::chrono::milliseconds(5000);
    return options;
}

bool tableEquals(const gui::PartitionTableModel& model, const OffsetsReply& offsets, QString* why) {
    const auto fail = [why](const QString& text) {
        if (why) {
            *why = text;
        }
        return false;
    };
    if (model.rowCount() != static_cast<int>(offsets.partitions.size())) {
        return fail(QStringLiteral("%1 rows, the worker has %2 partitions")
                        .arg(model.rowCount())
                        .arg(offsets.partitions.size()));
    }
    std::map<std::pair<QString, int>, const PartitionRow*> shown;
    for (const PartitionRow& row : model.rows()) {
        shown.emplace(std::pair{row.topic, row.partition}, &row);
    }
    for (const PartitionRow& want : offsets.partitions) {
        const auto it = shown.find(std::pair{want.topic, want.partition});
        if (it == shown.end()) {
            return fail(QStringLiteral("%1:%2 is not shown").arg(want.topic).arg(want.partition));
        }
        const PartitionRow& got = *it->second;
        if (got.low != want.low || got.high != want.high || got.current != want.current ||
            got.checkpointed != want.checkpointed || got.lag != want.lag) {
            return fail(QStringLiteral("%1:%2 shows low %3 high %4 current %5 checkpointed %6 lag "
                                       "%7; the worker says %8 %9 %10 %11 %12")
                            .arg(want.topic)
                            .arg(want.partition)
                            .arg(got.low)
                            .arg(got.high)
                            .arg(got.current)
                            .arg(got.checkpointed)
                            .arg(got.lag.value_or(-1))
                            .arg(want.low)
                            .arg(want.high)
                            .arg(want.current)
                            .arg(want.checkpointed)
                            .arg(want.lag.value_or(-1)));
        }
    }
    return true;
}

}  // namespace mtga::test
