#include "gui/partitions/partitioncopy.h"

#include "gui/partitions/partitiontablemodel.h"

#include <QStringList>

namespace mtga::gui {

namespace {

QString csvField(const QString& value) {
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n'))) {
        return value;
    }
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// Offsets and lags as plain numbers; the rest as shown.
QString cellText(const QAbstractItemModel& model, const QModelIndex& index) {
    switch (index.column()) {
        case PartitionTableModel::Partition:
        case PartitionTableModel::Low:
        case PartitionTableModel::High:
        case PartitionTableModel::Current:
        case PartitionTableModel::Checkpointed:
        case PartitionTableModel::Lag: {
            const qint64 value = model.data(index, PartitionTableModel::SortRole).toLongLong();
            return value < 0 ? QString() : QString::number(value);
        }
        default:
            return model.data(index, Qt::DisplayRole).toString();
    }
}

}  // namespace

QString partitionRowsText(const QAbstractItemModel& model, const QList<QModelIndex>& rows,
                          CopyFormat format) {
    const QString separator =
        format == CopyFormat::Csv ? QStringLiteral(",") : QStringLiteral("\t");
    // The trend is a picture: not copied.
    const int columns = PartitionTableModel::Trend;
    QStringList lines;
    QStringList header;
    for (int column = 0; column < columns; ++column) {
        header << model.headerData(column, Qt::Horizontal).toString();
    }
    lines << header.join(separator);
    for (const QModelIndex& row : rows) {
        QStringList fields;
        for (int column = 0; column < columns; ++column) {
            const QString text = cellText(model, model.index(row.row(), column, row.parent()));
            fields << (format == CopyFormat::Csv ? csvField(text) : text);
        }
        lines << fields.join(separator);
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace mtga::gui
