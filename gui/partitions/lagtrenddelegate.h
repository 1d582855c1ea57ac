#pragma once

// LagTrendDelegate: the partitions table's Trend cell, a sparkline of the lag over the last
// minute (PartitionTableModel::TrendRole), drawn in the palette's colours; rising lag is drawn
// in the warning colour, so a growing backlog stands out while scanning.

#include "gui/partitions/partitioncelldelegate.h"

namespace mtga::gui {

class LagTrendDelegate : public PartitionCellDelegate {
    Q_OBJECT

public:
    using PartitionCellDelegate::PartitionCellDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace mtga::gui
