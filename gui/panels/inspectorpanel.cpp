#include "gui/panels/inspectorpanel.h"

#include "gui/inspector/samplemodel.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"
#include "gui/widgets/payloadview.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace mtga::gui {

namespace {

constexpr int kSampleLimit = 50;

}  // namespace

InspectorPanel::InspectorPanel(QWidget* parent)
    : QWidget(parent),
      m_partition(new QComboBox(this)),
      m_model(new SampleModel(this)),
      m_view(new QTableView(this)),
      m_records(new QPlainTextEdit(this)),
      m_payload(new PayloadView(this)),
      m_status(new QLabel(tr("Choose a partition."), this)) {
    setObjectName(QStringLiteral("inspectorPanel"));
    m_partition->setObjectName(QStringLiteral("inspectPartition"));
    m_partition->setMinimumContentsLength(20);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_records->setObjectName(QStringLiteral("records"));
    m_records->setReadOnly(true);
    m_records->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_status->setObjectName(QStringLiteral("inspectStatus"));
    auto* refresh = new QPushButton(tr("Sample again"), this);
    connect(refresh, &QPushButton::clicked, this, &InspectorPanel::refresh);
    connect(m_partition, &QComboBox::activated, this, &InspectorPanel::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InspectorPanel::showMessage);
    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Partition:"), this));
    bar->addWidget(m_partition);
    bar->addWidget(refresh);
    bar->addWidget(m_status, 1);
    auto* detail = new QSplitter(Qt::Horizontal, this);
    detail->addWidget(m_records);
    detail->addWidget(m_payload);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(detail);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
}

void InspectorPanel::setSession(WorkerSession* session) {
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    m_model->setReply({});
    if (m_session) {
        connect(m_session, &WorkerSession::statsUpdated, this, &InspectorPanel::updatePartitions);
        connect(m_session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    updatePartitions();
}

void InspectorPanel::updatePartitions() {
    if (!m_session || !m_session->stats()) {
        return;
    }
    const auto& rows = m_session->stats()->offsets;
    if (static_cast<std::size_t>(m_partition->count()) == rows.size()) {
        return;
    }
    const QString chosen = m_partition->currentText();
    const QSignalBlocker blocker(m_partition);
    m_partition->clear();
    for (const PartitionRow& row : rows) {
        m_partition->addItem(QStringLiteral("%1:%2").arg(row.topic).arg(row.partition));
    }
    m_partition->setCurrentIndex(std::max(0, m_partition->findText(chosen)));
}

void InspectorPanel::inspect(const QString& partition) {
    updatePartitions();
    const int index = m_partition->findText(partition);
    if (index >= 0) {
        m_partition->setCurrentIndex(index);
    }
    refresh();
}

void InspectorPanel::refresh() {
    const std::optional<PartitionRef> ref = parsePartitionRef(m_partition->currentText());
    if (!m_session || !m_session->isConnected() || !ref) {
        m_status->setText(m_session ? tr("Not connected: %1").arg(m_session->lightText())
                                    : tr("No worker is selected."));
        return;
    }
    m_status->setText(tr("Asking the worker…"));
    typedCall<SampleReply>(*m_session->connection(), QStringLiteral("sample"),
                           QJsonObject{{QStringLiteral("topic"), ref->topic},
                                       {QStringLiteral("partition"), ref->partition},
                                       {QStringLiteral("limit"), kSampleLimit}},
                           [this](const Result<SampleReply>& reply) {
                               if (!reply) {
                                   m_status->setText(errorText(reply.error()));
                                   return;
                               }
                               m_model->setReply(reply.value());
                               m_status->setText(tr("%n message(s), newest first", nullptr,
                                                    static_cast<int>(reply->messages.size())));
                               m_view->resizeColumnsToContents();
                               if (m_model->rowCount() > 0) {
                                   m_view->selectRow(0);
                               }
                           });
}

void InspectorPanel::showMessage() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_records->clear();
        m_payload->setPayload({});
        return;
    }
    const SampleMessage& message = m_model->message(rows.front().row());
    m_records->setPlainText(SampleModel::recordsText(message));
    m_payload->setPayload(message.payload, message.payloadBytes);
}

}  // namespace mtga::gui
