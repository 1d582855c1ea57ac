#include "gui/workers/workerlistpanel.h"

#include "gui/session/workerlist.h"
#include "gui/workers/workerlistmodel.h"

#include <QAction>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace mtga::gui {

WorkerListPanel::WorkerListPanel(WorkerList* workers, QWidget* parent)
    : QWidget(parent),
      m_workers(workers),
      m_model(new WorkerListModel(workers, this)),
      m_view(new QListView(this)) {
    setObjectName(QStringLiteral("workerListPanel"));
    m_view->setObjectName(QStringLiteral("workerList"));
    m_view->setModel(m_model);
    m_view->setSpacing(2);
    m_view->setUniformItemSizes(true);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    auto* title = new QLabel(tr("Workers"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto* add = new QPushButton(tr("Add worker…"), this);
    add->setObjectName(QStringLiteral("addWorker"));
    connect(add, &QPushButton::clicked, this, &WorkerListPanel::addRequested);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { Q_EMIT currentChanged(current.row()); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first) {
                if (!m_view->currentIndex().isValid()) {
                    setCurrentIndex(first);
                }
            });
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint& point) {
        const QModelIndex index = m_view->indexAt(point);
        WorkerSession* session = m_workers->at(index.row());
        if (!session) {
            return;
        }
        QMenu menu(this);
        QAction* mute = menu.addAction(tr("Mute notifications"));
        mute->setCheckable(true);
        mute->setChecked(session->muted());
        connect(mute, &QAction::toggled, session, &WorkerSession::setMuted);
        QAction* remove = menu.addAction(tr("Remove from the list"));
        connect(remove, &QAction::triggered, this,
                [this, row = index.row()] { m_workers->remove(row); });
        menu.exec(m_view->viewport()->mapToGlobal(point));
    });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_view, 1);
    layout->addWidget(add);
}

int WorkerListPanel::currentIndex() const {
    return m_view->currentIndex().row();
}

void WorkerListPanel::setCurrentIndex(int index) {
    m_view->setCurrentIndex(m_model->index(index));
}

}  // namespace mtga::gui
