#include "gui/panels/alertspanel.h"

#include "gui/alerts/alertlistmodel.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace mtga::gui {

AlertsPanel::AlertsPanel(QWidget* parent)
    : QWidget(parent),
      m_model(new AlertListModel(this)),
      m_view(new QTableView(this)),
      m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("alertsPanel"));
    m_status->setObjectName(QStringLiteral("alertsStatus"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    auto* refresh = new QPushButton(tr("Refresh"), this);
    connect(refresh, &QPushButton::clicked, this, &AlertsPanel::refresh);
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &AlertsPanel::refresh);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void AlertsPanel::setSession(WorkerSession* session) {
    m_session = session;
    m_model->setAlerts({});
    if (isVisible()) {
        refresh();
    }
}

void AlertsPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
    m_timer.start();
}

void AlertsPanel::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_timer.stop();
}

void AlertsPanel::refresh() {
    if (!m_session || !m_session->isConnected()) {
        m_status->setText(m_session ? tr("Not connected: %1").arg(m_session->lightText())
                                    : tr("No worker is selected."));
        return;
    }
    typedCall<AlertsReply>(
        *m_session->connection(), QStringLiteral("alerts"),
        QJsonObject{{QStringLiteral("limit"), kLimit}}, [this](const Result<AlertsReply>& reply) {
            if (!reply) {
                m_status->setText(errorText(reply.error()));
                return;
            }
            m_model->setAlerts(reply->alerts);
            m_view->resizeColumnsToContents();
            m_status->setText(reply->alerts.empty()
                                  ? tr("No alerts: nothing has gone wrong on this worker.")
                                  : tr("%n alert(s), newest first", nullptr,
                                       static_cast<int>(reply->alerts.size())));
        });
}

}  // namespace mtga::gui
