#pragma once

// PartitionCellDelegate: paints the partitions table's text cells directly (background, the
// selection, the text elided to fit) instead of through the style's full item painting, which
// lays out every cell's text and asks the model for ten roles: with 2,000 partitions every
// visible cell changes every second, and this is most of the repaint.

#include <QStyledItemDelegate>

namespace mtga::gui {

class PartitionCellDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    // Room for the text with this delegate's padding, and for offsets of nine digits: they grow
    // while the console runs, and a column fitted to small ones would soon cut them.
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace mtga::gui
