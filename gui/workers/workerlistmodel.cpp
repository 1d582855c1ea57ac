#include "gui/workers/workerlistmodel.h"

#include "gui/panels/overviewpanel.h"
#include "gui/session/workerlist.h"
#include "gui/widgets/statuslight.h"

namespace mtga::gui {

WorkerListModel::WorkerListModel(WorkerList* workers, QObject* parent)
    : QAbstractListModel(parent), m_workers(workers) {
    connect(workers, &WorkerList::added, this, [this](int index) {
        beginInsertRows({}, index, index);
        endInsertRows();
    });
    connect(workers, &WorkerList::removed, this, [this](int index) {
        beginRemoveRows({}, index, index);
        endRemoveRows();
    });
    connect(workers, &WorkerList::sessionChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row), index(row)); });
}

int WorkerListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_workers->count();
}

QVariant WorkerListModel::data(const QModelIndex& index, int role) const {
    const WorkerSession* session = m_workers->at(index.row());
    if (!session) {
        return {};
    }
    const WorkerSession::Light light = session->light();
    const auto detail = [&] {
        const auto& status = session->status();
        if ((light == WorkerSession::Light::Connected || light == WorkerSession::Light::Degraded) &&
            status) {
            return tr("%1 · mtga %2 · pid %3 · up %4")
                .arg(session->health(), status->version)
                .arg(status->pid)
                .arg(OverviewPanel::formatUptime(status->uptimeSeconds));
        }
        return session->lightText();
    };
    switch (role) {
        case Qt::DisplayRole:
            return QStringLiteral("%1\n%2").arg(session->spec().name, detail());
        case DetailRole:
            return detail();
        case Qt::DecorationRole:
            return lightIcon(light);
        case Qt::ToolTipRole:
            return QStringLiteral("%1\n%2").arg(session->spec().target, session->lightText());
        case LightRole:
            return static_cast<int>(light);
        default:
            return {};
    }
}

}  // namespace mtga::gui
