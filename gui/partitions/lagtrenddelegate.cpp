#include "gui/partitions/lagtrenddelegate.h"

#include "gui/partitions/partitiontablemodel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace mtga::gui {

void LagTrendDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QList<double> values = index.data(PartitionTableModel::TrendRole).value<QList<double>>();
    if (values.size() < 2) {
        return;
    }
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const double span = std::max(1.0, *high - *low);
    const QRectF area = QRectF(option.rect).adjusted(3, 3, -3, -3);
    QPainterPath path;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double x = area.left() + area.width() * double(i) / double(values.size() - 1);
        const double y = area.bottom() - area.height() * (values[i] - *low) / span;
        if (i == 0) {
            path.moveTo(x, y);
        } else {
            path.lineTo(x, y);
        }
    }
    const bool rising = values.last() > values.first() && values.last() > 0;
    const QPalette& palette = option.palette;
    QColor colour = rising ? QColor(230, 140, 0) : palette.color(QPalette::Highlight);
    if (option.state & QStyle::State_Selected) {
        colour = palette.color(QPalette::HighlightedText);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(colour, 1.4));
    painter->drawPath(path);
    painter->restore();
}

QSize LagTrendDelegate::sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 90));
    return size;
}

}  // namespace mtga::gui
