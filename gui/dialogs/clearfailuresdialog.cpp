#include "gui/dialogs/clearfailuresdialog.h"

#include "gui/failures/failurejobs.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"
#include "shared/values/failurejobs.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace mtga::gui {

ClearFailuresDialog::ClearFailuresDialog(WorkerSession* session, QWidget* parent)
    : QDialog(parent),
      m_session(session),
      m_summary(new QLabel(tr("Counting the failure queue…"), this)),
      m_export(new QCheckBox(tr("&Export them first, on the worker's machine, to:"), this)),
      m_path(new QLineEdit(defaultExportPath(), this)),
      m_delete(new QPushButton(tr("Delete"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)) {
    setObjectName(QStringLiteral("clearFailuresDialog"));
    setWindowTitle(tr("Clear failure queue — %1").arg(session->spec().name));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_export->setObjectName(QStringLiteral("export"));
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setEnabled(false);
    m_delete->setObjectName(QStringLiteral("delete"));
    m_delete->setEnabled(false);
    m_delete->setAutoDefault(false);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    m_cancel->setDefault(true);
    connect(m_export, &QCheckBox::toggled, m_path, &QLineEdit::setEnabled);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_delete, QDialogButtonBox::DestructiveRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_delete, &QPushButton::clicked, this, &ClearFailuresDialog::start);
    auto* note = new QLabel(
        tr("The entries are deleted for good; the worker records the clear in its audit log."),
        this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(note);
    layout->addWidget(m_export);
    layout->addWidget(m_path);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());

    WorkerConnection* connection = session->connection();
    if (!session->isConnected() || !connection) {
        fail(tr("Not connected: %1").arg(session->lightText()));
        return;
    }
    typedCall<FailureCounts>(
        *connection, QStringLiteral("failure_queue_count"), {},
        [this](const Result<FailureCounts>& counts) { countsArrived(counts); });
}

QString ClearFailuresDialog::countsText(const FailureCounts& counts) {
    const QLocale locale;
    QStringList reasons;
    for (const auto& [reason, count] : counts.byReason) {
        reasons << QStringLiteral("%1 %2").arg(reason, locale.toString(count));
    }
    if (counts.total == 0) {
        return tr("The failure queue is empty: nothing to delete.");
    }
    return tr("Delete %1 entries: %2.")
        .arg(locale.toString(counts.total), reasons.join(QStringLiteral(", ")));
}

QString ClearFailuresDialog::defaultExportPath() {
    return QStringLiteral("/tmp/mtga-failures-%1.jsonl")
        .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

void ClearFailuresDialog::countsArrived(const Result<FailureCounts>& counts) {
    if (!counts) {
        fail(tr("Could not count the failure queue: %1").arg(errorText(counts.error())));
        return;
    }
    m_counts = counts.value();
    m_summary->setText(countsText(*m_counts));
    m_delete->setText(tr("Delete %n entries", nullptr, static_cast<int>(m_counts->total)));
    const QString blocked = m_session->actionsBlockedReason();
    m_delete->setEnabled(m_counts->total > 0 && blocked.isEmpty());
    m_delete->setToolTip(blocked);
    if (!blocked.isEmpty()) {
        m_summary->setText(m_summary->text() + QLatin1Char('\n') + blocked);
    }
}

void ClearFailuresDialog::start() {
    WorkerConnection* connection = m_session->connection();
    if (!connection) {
        return;
    }
    m_delete->setEnabled(false);
    m_export->setEnabled(false);
    m_path->setEnabled(false);
    if (!m_export->isChecked()) {
        clear({});
        return;
    }
    m_summary->setText(tr("Exporting to %1…").arg(m_path->text()));
    typedCall<FailureExportReply>(
        *connection, QStringLiteral("export_failures"),
        QJsonObject{{QStringLiteral("path"), m_path->text()}},
        [this](const Result<FailureExportReply>& exported) {
            if (!exported) {
                fail(tr("The export failed, nothing was deleted: %1")
                         .arg(errorText(exported.error())));
                return;
            }
            clear(tr("Exported %1 entries to %2. ")
                      .arg(QLocale().toString(exported->exported), exported->path));
        },
        kFailureJobTimeout);
}

void ClearFailuresDialog::clear(const QString& exported) {
    m_summary->setText(exported + tr("Deleting…"));
    typedCall<FailureClearReply>(
        *m_session->connection(), QStringLiteral("clear_failure_queue"),
        QJsonObject{{QStringLiteral("all"), true}},
        [this, exported](const Result<FailureClearReply>& reply) {
            if (!reply) {
                fail(exported + tr("The clear failed: %1").arg(errorText(reply.error())));
                return;
            }
            m_result = reply.value();
            QString text = exported + tr("Deleted %1 entries; %2 left.")
                                          .arg(QLocale().toString(reply->removed),
                                               QLocale().toString(reply->after.total));
            if (m_counts && reply->removed > m_counts->total) {
                text += QLatin1Char(' ') +
                        tr("(%1 had arrived since the count.)")
                            .arg(QLocale().toString(reply->removed - m_counts->total));
            }
            m_summary->setText(text);
            m_cancel->setText(tr("Close"));
            m_session->refresh();
            Q_EMIT cleared(text);
        },
        kFailureJobTimeout);
}

void ClearFailuresDialog::fail(const QString& text) {
    m_summary->setText(text);
    m_delete->setEnabled(false);
}

}  // namespace mtga::gui
