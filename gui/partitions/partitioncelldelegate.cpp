#include "gui/partitions/partitioncelldelegate.h"

#include "gui/partitions/partitiontablemodel.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

namespace mtga::gui {

namespace {

constexpr int kPadding = 4;

}  // namespace

void PartitionCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool active = option.state & QStyle::State_Active;
    const QPalette::ColorGroup group = active ? QPalette::Active : QPalette::Inactive;
    if (selected) {
        painter->fillRect(option.rect, palette.brush(group, QPalette::Highlight));
    } else {
        // The view paints the alternating rows; a state's tint goes over them.
        const QVariant tint = index.data(Qt::BackgroundRole);
        if (tint.isValid()) {
            painter->fillRect(option.rect, tint.value<QBrush>());
        }
    }
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty()) {
        return;
    }
    const QRect area = option.rect.adjusted(kPadding, 0, -kPadding, 0);
    const QFontMetrics& metrics = option.fontMetrics;
    QString shown = text;
    int width = metrics.horizontalAdvance(shown);
    if (width > area.width()) {
        shown = metrics.elidedText(text, Qt::ElideRight, area.width());
        width = metrics.horizontalAdvance(shown);
    }
    // Placed by hand and drawn at a point: the rectangle form lays the text out again.
    const auto alignment = Qt::Alignment(index.data(Qt::TextAlignmentRole).toInt());
    const int x = alignment & Qt::AlignRight ? area.right() + 1 - width : area.left();
    const int baseline = area.top() + (area.height() + metrics.ascent() - metrics.descent()) / 2;
    painter->setPen(palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(QPoint(x, baseline), shown);
}

QSize PartitionCellDelegate::sizeHint(const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics& metrics = option.fontMetrics;
    int text = metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString());
    const int column = index.column();
    if (column >= PartitionTableModel::Low && column <= PartitionTableModel::Checkpointed) {
        text = std::max(text, metrics.horizontalAdvance(QLocale().toString(qint64{100'000'000})));
    }
    size.setWidth(std::max(size.width(), text + 2 * kPadding + 2));
    return size;
}

}  // namespace mtga::gui
