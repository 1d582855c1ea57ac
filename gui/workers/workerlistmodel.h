#pragma once

// WorkerListModel: the side list's rows, one per worker of the WorkerList: its light, its name
// and one line of what it is doing (version, pid, uptime, health) or why it cannot be reached.

#include <QAbstractListModel>

namespace mtga::gui {

class WorkerList;

class WorkerListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { LightRole = Qt::UserRole + 1, DetailRole };

    explicit WorkerListModel(WorkerList* workers, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    WorkerList* m_workers;
};

}  // namespace mtga::gui
