#include "gui/panels/partitionspanel.h"

#include "gui/partitions/lagtrenddelegate.h"
#include "gui/partitions/partitioncelldelegate.h"
#include "gui/partitions/partitionfilterproxy.h"
#include "gui/partitions/partitiontablemodel.h"
#include "gui/session/workersession.h"
#include "shared/healthstate.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace mtga::gui {

PartitionsPanel::PartitionsPanel(QWidget* parent)
    : QWidget(parent),
      m_model(new PartitionTableModel(this)),
      m_proxy(new PartitionFilterProxy(this)),
      m_view(new QTableView(this)),
      m_topic(new QComboBox(this)),
      m_health(new QComboBox(this)),
      m_text(new QLineEdit(this)),
      m_count(new QLabel(this)) {
    setObjectName(QStringLiteral("partitionsPanel"));
    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("partitionsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PartitionTableModel::Partition, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setObjectName(QStringLiteral("partitionsHeader"));
    m_view->setItemDelegate(new PartitionCellDelegate(m_view));
    m_view->setItemDelegateForColumn(PartitionTableModel::Trend, new LagTrendDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto* copyText = new QAction(tr("&Copy rows"), m_view);
    copyText->setShortcut(QKeySequence::Copy);
    copyText->setShortcutContext(Qt::WidgetShortcut);
    connect(copyText, &QAction::triggered, this, [this] { copySelected(CopyFormat::Text); });
    auto* copyCsv = new QAction(tr("Copy rows as CS&V"), m_view);
    copyCsv->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyCsv->setShortcutContext(Qt::WidgetShortcut);
    connect(copyCsv, &QAction::triggered, this, [this] { copySelected(CopyFormat::Csv); });
    m_view->addActions({copyText, copyCsv});

    m_topic->setObjectName(QStringLiteral("topicFilter"));
    m_topic->addItem(tr("All topics"), QString());
    m_health->setObjectName(QStringLiteral("healthFilter"));
    m_health->addItem(tr("Any state"), QString());
    m_health->addItem(tr("Needs attention"), QString(PartitionFilterProxy::kBadStates));
    for (const HealthState state : allHealthStates()) {
        const QString name(healthStateLatin1(state));
        m_health->addItem(name, name);
    }
    m_text->setObjectName(QStringLiteral("textFilter"));
    m_text->setPlaceholderText(tr("Filter: topic or topic:partition (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);

    connect(m_topic, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setTopic(m_topic->currentData().toString()); });
    connect(m_health, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setHealth(m_health->currentData().toString()); });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &PartitionFilterProxy::setText);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PartitionsPanel::selectionChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this] { m_count->setText(tr("%n partition(s)", nullptr, m_proxy->rowCount())); });

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_topic);
    filters->addWidget(m_health);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
}

void PartitionsPanel::setSession(WorkerSession* session) {
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    m_model->clear();
    if (m_session) {
        connect(m_session, &WorkerSession::statsUpdated, this, &PartitionsPanel::update);
        connect(m_session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    update();
}

void PartitionsPanel::update() {
    if (!m_session || !m_session->stats()) {
        m_model->clear();
    } else {
        const bool first = m_model->rowCount() == 0;
        m_model->setRows(m_session->stats()->offsets, &m_session->history());
        const int sortColumn = m_proxy->sortColumn();
        // The trend sorts by the lag.
        m_resortDue = m_resortDue || m_model->lastChanged(sortColumn) ||
                      (sortColumn == PartitionTableModel::Trend &&
                       m_model->lastChanged(PartitionTableModel::Lag));
        // Hidden (another tab is shown): sorted and filtered when shown again.
        if (isVisible()) {
            m_proxy->refresh(m_resortDue);
            m_resortDue = false;
        }
        // Fit the columns to the first rows; after that the operator's widths stay.
        if (first && m_model->rowCount() > 0 && !m_sized) {
            m_view->resizeColumnsToContents();
            m_sized = true;
        }
    }
    updateTopics();
    m_count->setText(tr("%n partition(s)", nullptr, m_proxy->rowCount()));
}

void PartitionsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_proxy->refresh(m_resortDue);
    m_resortDue = false;
}

void PartitionsPanel::updateTopics() {
    std::set<QString> topics;
    for (const auto& row : m_model->rows()) {
        topics.insert(row.topic);
    }
    if (static_cast<std::size_t>(m_topic->count() - 1) == topics.size()) {
        return;
    }
    const QString chosen = m_topic->currentData().toString();
    const QSignalBlocker blocker(m_topic);
    while (m_topic->count() > 1) {
        m_topic->removeItem(1);
    }
    for (const QString& topic : topics) {
        m_topic->addItem(topic, topic);
    }
    m_topic->setCurrentIndex(std::max(0, m_topic->findData(chosen)));
}

void PartitionsPanel::focusFilter() {
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

QString PartitionsPanel::selectedText(CopyFormat format) const {
    QList<QModelIndex> rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        for (int i = 0; i < m_proxy->rowCount(); ++i) {
            rows << m_proxy->index(i, 0);
        }
    }
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    return partitionRowsText(*m_proxy, rows, format);
}

void PartitionsPanel::copySelected(CopyFormat format) {
    QApplication::clipboard()->setText(selectedText(format));
}

QStringList PartitionsPanel::selectedPartitions() const {
    QStringList out;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const auto& row = m_model->row(m_proxy->mapToSource(index).row());
        out << QStringLiteral("%1:%2").arg(row.topic).arg(row.partition);
    }
    return out;
}

}  // namespace mtga::gui
