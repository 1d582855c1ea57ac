#include "gui/dialogs/undoresetdialog.h"

#include "gui/reset/resetcalls.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace mtga::gui {

UndoResetDialog::UndoResetDialog(WorkerSession* session, QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_model(new ResetPreviewModel(this)),
      m_summary(new QLabel(tr("Asking the worker what the undo restores…"), this)),
      m_restore(new QPushButton(tr("Restore"), this)) {
    setObjectName(QStringLiteral("undoResetDialog"));
    setWindowTitle(tr("Undo last reset — %1").arg(session->spec().name));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_restore->setObjectName(QStringLiteral("restore"));
    m_restore->setEnabled(false);
    m_restore->setAutoDefault(false);
    auto* view = new QTableView(this);
    view->setModel(m_model);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_restore, QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &UndoResetDialog::restore);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(view, 1);
    layout->addWidget(buttons);
    resize(640, 400);

    WorkerConnection* connection = session->connection();
    if (!session->isConnected() || !connection) {
        m_summary->setText(tr("Not connected: %1").arg(session->lightText()));
        return;
    }
    typedCall<OffsetResetReply>(
        *connection, QStringLiteral("undo_reset"), QJsonObject{{QStringLiteral("dry_run"), true}},
        [this](const Result<OffsetResetReply>& reply) {
            if (!reply) {
                m_summary->setText(tr("Nothing to undo: %1").arg(errorText(reply.error())));
                return;
            }
            m_undoes = reply->undoes;
            m_model->setRows(reply->partitions);
            const auto totals = ResetPreviewModel::totalsOf(reply->partitions);
            const int rows = static_cast<int>(reply->partitions.size()) - totals.refused;
            m_summary->setText(
                tr("Undo reset %1: %2 partition(s) go back where they were before it, %3 of them "
                   "already there (%4 messages skipped, %5 replayed).")
                    .arg(reply->undoes.value_or(0))
                    .arg(rows)
                    .arg(rows - totals.moving)
                    .arg(QLocale().toString(totals.skipped), QLocale().toString(totals.replayed)));
            const QString blocked = m_session->actionsBlockedReason();
            // Even when all are already there, the undo is journalled: the operator may want it.
            m_restore->setEnabled(blocked.isEmpty() && rows > 0);
            m_restore->setToolTip(blocked);
        });
}

void UndoResetDialog::restore() {
    WorkerConnection* connection = m_session->connection();
    if (!connection) {
        return;
    }
    m_restore->setEnabled(false);
    m_summary->setText(tr("Restoring…"));
    QJsonObject args{{QStringLiteral("dry_run"), false}};
    if (m_undoes) {
        args.insert(QStringLiteral("id"), *m_undoes);
    }
    typedCall<OffsetResetReply>(
        *connection, QStringLiteral("undo_reset"), args,
        [this](const Result<OffsetResetReply>& reply) {
            if (!reply) {
                m_summary->setText(tr("The undo failed: %1").arg(errorText(reply.error())));
                m_restore->setEnabled(true);
                return;
            }
            m_model->setRows(reply->partitions);
            m_done = true;
            const QString text = tr("Reset %1 undone: %2 partition(s) restored.")
                                     .arg(reply->undoes.value_or(0))
                                     .arg(ResetPreviewModel::totalsOf(reply->partitions).moving);
            m_summary->setText(text);
            Q_EMIT undone(text);
        },
        kResetApplyTimeout);
}

}  // namespace mtga::gui
