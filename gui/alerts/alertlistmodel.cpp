#include "gui/alerts/alertlistmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace mtga::gui {

AlertListModel::AlertListModel(QObject* parent) : QAbstractTableModel(parent) {}

void AlertListModel::setAlerts(std::vector<Alert> alerts) {
    beginResetModel();
    m_alerts = std::move(alerts);
    endResetModel();
}

int AlertListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_alerts.size());
}

int AlertListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const Alert& alert = m_alerts[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Status && alert.firing()) {
        return QBrush(alert.severity == Alert::kCritical ? QColor(207, 34, 46)
                                                         : QColor(200, 120, 0));
    }
    if (role == Qt::ToolTipRole) {
        return QStringList{alert.summary, alert.detail, alert.hint}
            .join(QLatin1Char('\n'))
            .trimmed();
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
        case Time:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(alert.timeMs),
                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Status:
            return alert.firing() ? tr("firing") : tr("resolved");
        case Severity:
            return alert.severity;
        case Kind:
            return alert.key;
        case Summary:
            return alert.summary;
        case Partitions:
            return alert.partitions.join(QStringLiteral(", "));
        default:
            return {};
    }
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case Time:
            return tr("Time");
        case Status:
            return tr("Status");
        case Severity:
            return tr("Severity");
        case Kind:
            return tr("About");
        case Summary:
            return tr("Summary");
        case Partitions:
            return tr("Partitions");
        default:
            return {};
    }
}

}  // namespace mtga::gui
