#pragma once

// What the console's tests share: a main window that keeps its settings in a temporary file and
// reconnects quickly, and checks of what its partitions table shows against the worker's own
// `offsets`.

#include "gui/mainwindow.h"
#include "shared/values/partitionrow.h"

#include <QString>

namespace mtga::gui {
class PartitionTableModel;
}

namespace mtga::test {

// Options for a MainWindow under test: settings in `settingsFile`, none remembered, stats every
// 250 ms, reconnects within a second, a 2 s connect timeout.
gui::MainWindow::Options consoleOptions(const QString& settingsFile);

// Whether the table shows exactly these partitions with these Low, High, Current, Checkpointed
// and Lag; says the first difference in `why` when not.
bool tableEquals(const gui::PartitionTableModel& model, const OffsetsReply& offsets,
                 QString* why = nullptr);

}  // namespace mtga::test
