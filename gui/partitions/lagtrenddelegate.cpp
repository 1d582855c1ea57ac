#include "gui/partitions/lagtrenddelegate.h"

#include "gui/partitions/partitiontablemodel.h"

#include <QPainter>
#include <QVarLengthArray>

#include <algorithm>

namespace mtga::gui {

void LagTrendDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                             const QModelIndex& index) const {
    PartitionCellDelegate::paint(painter, option, index);  // background and selection
    const QList<double> values = index.data(PartitionTableModel::TrendRole).value<QList<double>>();
    if (values.size() < 2) {
        return;
    }
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const double span = std::max(1.0, *high - *low);
    const QRectF area = QRectF(option.rect).adjusted(3, 3, -3, -3);
    // A polyline, not a QPainterPath: stroking a path is most of a 2,000-row table's repaint.
    QVarLengthArray<QPointF, PartitionTableModel::kTrendSamples> points;
    for (qsizetype i = 0; i < values.size(); ++i) {
        points.append(QPointF(area.left() + area.width() * double(i) / double(values.size() - 1),
                              area.bottom() - area.height() * (values[i] - *low) / span));
    }
    const bool rising = values.last() > values.first() && values.last() > 0;
    const QPalette& palette = option.palette;
    QColor colour = rising ? QColor(230, 140, 0) : palette.color(QPalette::Highlight);
    if (option.state & QStyle::State_Selected) {
        colour = palette.color(QPalette::HighlightedText);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // Width 1: the cosmetic stroker, many times faster than stroking a wider line.
    painter->setPen(QPen(colour, 1.0));
    painter->drawPolyline(points.constData(), static_cast<int>(points.size()));
    painter->restore();
}

QSize LagTrendDelegate::sizeHint(const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), 90));
    return size;
}

}  // namespace mtga::gui
