#include "gui/partitions/partitionfilterproxy.h"

#include "gui/partitions/partitiontablemodel.h"

namespace mtga::gui {

PartitionFilterProxy::PartitionFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(PartitionTableModel::SortRole);
    // A dynamic sort re-sorts (a layout change of the whole view) for every changed row: with
    // 2,000 partitions that is 2,000 layouts per update. refresh() does it once.
    setDynamicSortFilter(false);
}

void PartitionFilterProxy::refresh(bool sortKeysChanged) {
    if (filtering()) {
        invalidateRowsFilter();
    }
    if (sortKeysChanged && sortColumn() >= 0) {
        // Not dynamic: sort() sorts again even for the same column, keeping the selection.
        sort(sortColumn(), sortOrder());
    }
}

void PartitionFilterProxy::setTopic(const QString& topic) {
    m_topic = topic;
    invalidateRowsFilter();
}

void PartitionFilterProxy::setHealth(const QString& state) {
    m_health = state;
    invalidateRowsFilter();
}

void PartitionFilterProxy::setText(const QString& text) {
    m_text = text.trimmed();
    invalidateRowsFilter();
}

bool PartitionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
    const auto* model = static_cast<const PartitionTableModel*>(sourceModel());
    const auto& row = model->row(sourceRow);
    if (!m_topic.isEmpty() && row.topic != m_topic) {
        return false;
    }
    if (m_health == kBadStates) {
        if (model->data(model->index(sourceRow, 0), PartitionTableModel::SeverityRole).toInt() ==
            0) {
            return false;
        }
    } else if (!m_health.isEmpty() && row.health != m_health) {
        return false;
    }
    if (!m_text.isEmpty()) {
        const QString name = QStringLiteral("%1:%2").arg(row.topic).arg(row.partition);
        if (!name.contains(m_text, Qt::CaseInsensitive)) {
            return false;
        }
    }
    return true;
}

}  // namespace mtga::gui

namespace mtga::gui {

bool PartitionFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const auto* model = static_cast<const PartitionTableModel*>(sourceModel());
    return PartitionTableModel::lessThan(model->row(left.row()), model->row(right.row()),
                                         left.column());
}

}  // namespace mtga::gui
