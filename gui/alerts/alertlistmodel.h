#pragma once

// AlertListModel: a worker's alert history (`alerts`, newest first): time, status (firing or
// resolved), severity, what it is about, the summary and the partitions.

#include "shared/values/alert.h"

#include <QAbstractTableModel>

namespace mtga::gui {

class AlertListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Status, Severity, Kind, Summary, Partitions, ColumnCount };

    explicit AlertListModel(QObject* parent = nullptr);

    void setAlerts(std::vector<Alert> alerts);
    const Alert& alert(int row) const { return m_alerts[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<Alert> m_alerts;
};

}  // namespace mtga::gui
