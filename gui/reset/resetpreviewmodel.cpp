#include "gui/reset/resetpreviewmodel.h"

#include <QLocale>

#include <map>

namespace mtga::gui {

namespace {

QString offsetText(qint64 value) {
    return value < 0 ? QStringLiteral("—") : QLocale().toString(value);
}

}  // namespace

ResetPreviewModel::ResetPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResetPreviewModel::setRows(std::vector<ResetRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ResetPreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ResetPreviewModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResetPreviewModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const ResetRow& row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole) {
        return index.column() == Partition || index.column() == Note
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && row.refused()) {
        return row.refusedMessage;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
        case Partition:
            return QStringLiteral("%1:%2").arg(row.topic).arg(row.partition);
        case Current:
            return offsetText(row.current);
        case New:
            return row.refused() ? QStringLiteral("—") : offsetText(row.next);
        case LagAfter:
            return row.lagAfter ? offsetText(*row.lagAfter) : QStringLiteral("—");
        case Skipped:
            return QLocale().toString(row.skipped);
        case Replayed:
            return QLocale().toString(row.replayed);
        case Note:
            if (row.refused()) {
                return tr("refused: %1 [%2]").arg(row.refusedMessage, row.refusedCode);
            }
            if (row.clamped == QLatin1String("low")) {
                return tr("clamped to Low (the oldest offset Kafka holds)");
            }
            if (row.clamped == QLatin1String("high")) {
                return tr("clamped to High (the end of the log)");
            }
            return row.next == row.current ? tr("stays") : QString();
        default:
            return {};
    }
}

QVariant ResetPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case Partition:
            return tr("Partition");
        case Current:
            return tr("Current");
        case New:
            return tr("New");
        case LagAfter:
            return tr("Lag after");
        case Skipped:
            return tr("Skipped");
        case Replayed:
            return tr("Replayed");
        case Note:
            return tr("Note");
        default:
            return {};
    }
}

ResetPreviewModel::Totals ResetPreviewModel::totalsOf(const std::vector<ResetRow>& rows) {
    Totals totals;
    for (const ResetRow& row : rows) {
        if (row.refused()) {
            ++totals.refused;
            continue;
        }
        totals.moving += row.next != row.current ? 1 : 0;
        totals.skipped += row.skipped;
        totals.replayed += row.replayed;
    }
    return totals;
}

QStringList ResetPreviewModel::differences(const std::vector<ResetRow>& preview,
                                           const std::vector<ResetRow>& applied) {
    std::map<std::pair<QString, int>, const ResetRow*> planned;
    for (const ResetRow& row : preview) {
        planned.emplace(std::pair{row.topic, row.partition}, &row);
    }
    QStringList out;
    for (const ResetRow& row : applied) {
        const QString name = QStringLiteral("%1:%2").arg(row.topic).arg(row.partition);
        const auto it = planned.find(std::pair{row.topic, row.partition});
        if (it == planned.end()) {
            out << tr("%1 was not in the preview").arg(name);
        } else if (row.refused() != it->second->refused()) {
            out << (row.refused() ? tr("%1 was refused: %2").arg(name, row.refusedMessage)
                                  : tr("%1 was moved though the preview refused it").arg(name));
        } else if (row.next != it->second->next) {
            out << tr("%1 went to %2, the preview said %3 (the log moved meanwhile)")
                       .arg(name, offsetText(row.next), offsetText(it->second->next));
        }
    }
    return out;
}

}  // namespace mtga::gui
