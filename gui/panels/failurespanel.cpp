#include "gui/panels/failurespanel.h"

#include "gui/dialogs/clearfailuresdialog.h"
#include "gui/failures/failurejobs.h"
#include "gui/failures/failurelistmodel.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"
#include "gui/widgets/payloadview.h"
#include "shared/failurecodes.h"
#include "shared/values/failurejobs.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace mtga::gui {

namespace {

QString timeText(qint64 ms) {
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

}  // namespace

FailuresPanel::FailuresPanel(QWidget* parent)
    : QWidget(parent),
      m_model(new FailureListModel(this)),
      m_view(new QTableView(this)),
      m_reason(new QComboBox(this)),
      m_count(new QLabel(this)),
      m_details(new QLabel(this)),
      m_payload(new PayloadView(this)),
      m_retrySelected(new QPushButton(tr("Retry selected…"), this)),
      m_retryShown(new QPushButton(tr("Retry all shown…"), this)),
      m_export(new QPushButton(tr("Export shown…"), this)) {
    setObjectName(QStringLiteral("failuresPanel"));
    m_view->setObjectName(QStringLiteral("failuresView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_reason->setObjectName(QStringLiteral("reasonFilter"));
    m_count->setObjectName(QStringLiteral("failureCount"));
    m_details->setObjectName(QStringLiteral("failureDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_retrySelected->setObjectName(QStringLiteral("retrySelected"));
    m_retryShown->setObjectName(QStringLiteral("retryShown"));
    m_export->setObjectName(QStringLiteral("exportShown"));
    auto* refresh = new QPushButton(tr("Refresh"), this);

    connect(m_reason, &QComboBox::activated, this, &FailuresPanel::reload);
    connect(refresh, &QPushButton::clicked, this, &FailuresPanel::reload);
    connect(m_model, &FailureListModel::pageLoaded, this, [this] {
        m_count->setText(m_model->lastError().isEmpty()
                             ? (m_model->complete()
                                    ? tr("%n entry(ies)", nullptr, m_model->rowCount())
                                    : tr("%1 shown, more as you scroll")
                                          .arg(QLocale().toString(m_model->rowCount())))
                             : m_model->lastError());
        if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid()) {
            // Fitted to the first page; the operator's widths stay after that.
            for (int column = 0; column < FailureListModel::Message; ++column) {
                m_view->resizeColumnToContents(column);
            }
            m_view->selectRow(0);
        }
        updateButtons();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        showEntry();
        updateButtons();
    });
    connect(m_retrySelected, &QPushButton::clicked, this, [this] {
        if (const auto query = selectionQuery()) {
            retry(*query);
        }
    });
    connect(m_retryShown, &QPushButton::clicked, this, [this] { retry(currentQuery()); });
    connect(m_export, &QPushButton::clicked, this, &FailuresPanel::askExport);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_reason);
    filters->addWidget(refresh);
    filters->addWidget(m_count, 1);
    filters->addWidget(m_retrySelected);
    filters->addWidget(m_retryShown);
    filters->addWidget(m_export);
    auto* detail = new QWidget(this);
    auto* detailLayout = new QHBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_details, 1);
    detailLayout->addWidget(m_payload, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    updateReasons();
    updateButtons();
}

void FailuresPanel::setSession(WorkerSession* session) {
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    m_stale = true;
    if (m_session) {
        connect(m_session, &WorkerSession::changed, this, [this] {
            updateReasons();
            updateButtons();
        });
        connect(m_session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    updateReasons();
    if (isVisible()) {
        reload();
    }
}

void FailuresPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale) {
        reload();
    }
}

void FailuresPanel::reload() {
    m_stale = false;
    m_model->setQuery(m_session, currentQuery());
    if (m_session) {
        m_session->refresh();
    }
}

FailureQuery FailuresPanel::currentQuery() const {
    FailureQuery query;
    const QString reason = m_reason->currentData().toString();
    if (!reason.isEmpty()) {
        query.reason = parseFailureReason(reason.toStdString());
    }
    return query;
}

void FailuresPanel::updateReasons() {
    const QString chosen = m_reason->currentData().toString();
    const QSignalBlocker blocker(m_reason);
    m_reason->clear();
    const auto& counts = m_session ? m_session->failureCounts() : std::nullopt;
    m_reason->addItem(
        counts ? tr("All reasons (%1)").arg(QLocale().toString(counts->total)) : tr("All reasons"),
        QString());
    if (counts) {
        for (const auto& [reason, count] : counts->byReason) {
            m_reason->addItem(QStringLiteral("%1 (%2)").arg(reason, QLocale().toString(count)),
                              reason);
        }
    }
    m_reason->setCurrentIndex(std::max(0, m_reason->findData(chosen)));
}

void FailuresPanel::updateButtons() {
    const QString blocked =
        m_session ? m_session->actionsBlockedReason() : tr("No worker is selected.");
    const bool any = m_model->rowCount() > 0;
    m_retrySelected->setEnabled(blocked.isEmpty() && selectionQuery().has_value());
    m_retryShown->setEnabled(blocked.isEmpty() && any);
    m_export->setEnabled(blocked.isEmpty() && any);
    for (QPushButton* button : {m_retrySelected, m_retryShown, m_export}) {
        button->setToolTip(blocked);
    }
}

void FailuresPanel::showEntry() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_details->clear();
        m_payload->setPayload({});
        return;
    }
    const FailureRecord& entry = m_model->entry(rows.front().row());
    QStringList lines{
        tr("<b>%1:%2 offset %3, record %4</b>")
            .arg(entry.topic.toHtmlEscaped())
            .arg(entry.partition)
            .arg(entry.offset)
            .arg(entry.index),
        tr("stage %1, reason %2%3")
            .arg(entry.stage, entry.reason,
                 entry.field.isEmpty() ? QString()
                                       : tr(", field %1").arg(entry.field.toHtmlEscaped())),
        tr("app %1, log %2").arg(entry.appId).arg(entry.logName.toHtmlEscaped()),
        tr("%1 attempt(s): first %2, last %3")
            .arg(entry.attempts)
            .arg(timeText(entry.firstTimeMs), timeText(entry.lastTimeMs)),
        entry.message.toHtmlEscaped(),
    };
    m_details->setText(lines.join(QStringLiteral("<br>")));
    m_payload->setPayload(entry.payload);
}

std::optional<FailureQuery> FailuresPanel::selectionQuery() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return std::nullopt;
    }
    FailureQuery query = currentQuery();
    std::set<int> partitions;
    qint64 since = std::numeric_limits<qint64>::max();
    qint64 until = 0;
    for (const QModelIndex& row : rows) {
        const FailureRecord& entry = m_model->entry(row.row());
        if (query.topic && *query.topic != entry.topic) {
            return std::nullopt;
        }
        query.topic = entry.topic;
        partitions.insert(entry.partition);
        since = std::min(since, entry.firstTimeMs);
        until = std::max(until, entry.lastTimeMs);
    }
    query.partitions.assign(partitions.begin(), partitions.end());
    query.sinceMs = since;
    query.untilMs = until;
    return query;
}

void FailuresPanel::retry(const FailureQuery& query) {
    if (!m_session || !m_session->connection()) {
        return;
    }
    typedCall<FailureCounts>(
        *m_session->connection(), QStringLiteral("failure_queue_count"), query.toArgs(),
        [this, query](const Result<FailureCounts>& counts) {
            if (!counts) {
                Q_EMIT activity(
                    m_session->spec().name,
                    tr("could not count the entries to retry: %1").arg(errorText(counts.error())),
                    false);
                return;
            }
            confirmRetry(query, query.isEmpty() ? counts->total : counts->matching.value_or(0));
        });
}

void FailuresPanel::confirmRetry(const FailureQuery& query, qint64 count) {
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Retry failed events?"),
        tr("Try %1 entries again with the settings in force now. Those that succeed are written "
           "and leave the queue; the others stay with one more attempt.")
            .arg(QLocale().toString(count)),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRetry"));
    QPushButton* yes =
        box->addButton(tr("Retry %1").arg(QLocale().toString(count)), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    WorkerSession* session = m_session;
    connect(box, &QMessageBox::buttonClicked, this,
            [this, yes, query, session](QAbstractButton* b) {
                if (b != yes || !session || !session->connection()) {
                    return;
                }
                QJsonObject args = query.toArgs();
                if (query.isEmpty()) {
                    args.insert(QStringLiteral("all"), true);
                }
                const QString name = session->spec().name;
                typedCall<FailureRetryReply>(
                    *session->connection(), QStringLiteral("retry_failures"), args,
                    [this, name](const Result<FailureRetryReply>& reply) {
                        if (!reply) {
                            Q_EMIT activity(
                                name, tr("retry failed: %1").arg(errorText(reply.error())), false);
                            return;
                        }
                        QString text = tr("retried %1: %2 written, %3 filtered, %4 still failing")
                                           .arg(reply->matched)
                                           .arg(reply->written)
                                           .arg(reply->filtered)
                                           .arg(reply->stillFailing);
                        if (!reply->outputError.isEmpty()) {
                            text += tr("; the output refused lines: %1").arg(reply->outputError);
                        }
                        Q_EMIT activity(name, text, reply->outputError.isEmpty());
                        reload();
                    },
                    kFailureJobTimeout);
            });
    box->open();
}

void FailuresPanel::askExport() {
    bool ok = false;
    const QString path =
        QInputDialog::getText(this, tr("Export failed events"),
                              tr("File on the worker's machine (absolute, must not exist yet):"),
                              QLineEdit::Normal, ClearFailuresDialog::defaultExportPath(), &ok);
    if (ok && !path.isEmpty()) {
        exportTo(currentQuery(), path);
    }
}

void FailuresPanel::exportTo(const FailureQuery& query, const QString& path) {
    if (!m_session || !m_session->connection()) {
        return;
    }
    QJsonObject args = query.toArgs();
    args.insert(QStringLiteral("path"), path);
    const QString name = m_session->spec().name;
    typedCall<FailureExportReply>(
        *m_session->connection(), QStringLiteral("export_failures"), args,
        [this, name](const Result<FailureExportReply>& reply) {
            Q_EMIT activity(name,
                            reply ? tr("exported %1 entries (%2 bytes) to %3")
                                        .arg(QLocale().toString(reply->exported),
                                             QLocale().toString(reply->bytes), reply->path)
                                  : tr("export failed: %1").arg(errorText(reply.error())),
                            reply.ok());
        },
        kFailureJobTimeout);
}

}  // namespace mtga::gui
