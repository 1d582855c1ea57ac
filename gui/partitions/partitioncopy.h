#pragma once

// The partitions table's rows as text for the clipboard: tab-separated (pastes into a terminal
// or a spreadsheet as columns) or CSV (RFC 4180 quoting), a header line first, the numbers
// without digit grouping so that tools read them back.

#include <QAbstractItemModel>
#include <QList>
#include <QModelIndex>
#include <QString>

namespace mtga::gui {

enum class CopyFormat { Text, Csv };

// `rows` are indexes of `model` (any column), in the order to write them.
QString partitionRowsText(const QAbstractItemModel& model, const QList<QModelIndex>& rows,
                          CopyFormat format);

}  // namespace mtga::gui
