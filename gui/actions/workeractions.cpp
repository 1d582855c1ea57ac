#include "gui/actions/workeractions.h"

#include "gui/dialogs/clearfailuresdialog.h"
#include "gui/dialogs/resetoffsetsdialog.h"
#include "gui/dialogs/undoresetdialog.h"
#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"

#include <QAction>
#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

namespace mtga::gui {

namespace {

// A restart answers once the new pipeline runs: the old one drains and checkpoints first.
constexpr std::chrono::milliseconds kRestartTimeout{120'000};

QString appsText(const QJsonValue& apps) {
    QStringList out;
    for (const QJsonValue& app : apps.toArray()) {
        out << QString::number(app.toInt());
    }
    return out.isEmpty() ? QCoreApplication::translate("mtga::gui::WorkerActions", "none")
                         : out.join(QStringLiteral(", "));
}

}  // namespace

WorkerActions::WorkerActions(QWidget* window, std::function<QStringList()> selection)
    : QObject(window),
      m_window(window),
      m_selection(std::move(selection)),
      m_refresh(new QAction(tr("&Refresh"), this)),
      m_clear(new QAction(tr("&Clear failure queue…"), this)),
      m_restart(new QAction(tr("Re&start worker…"), this)),
      m_reload(new QAction(tr("Re&load settings…"), this)),
      m_reset(new QAction(tr("Reset &offsets…"), this)),
      m_undo(new QAction(tr("&Undo last reset…"), this)) {
    m_refresh->setObjectName(QStringLiteral("actionRefresh"));
    m_clear->setObjectName(QStringLiteral("actionClearFailures"));
    m_restart->setObjectName(QStringLiteral("actionRestart"));
    m_reload->setObjectName(QStringLiteral("actionReload"));
    m_reset->setObjectName(QStringLiteral("actionResetOffsets"));
    m_undo->setObjectName(QStringLiteral("actionUndoReset"));
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_refresh->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    m_clear->setIcon(QIcon(QStringLiteral(":/icons/clear.svg")));
    m_restart->setIcon(QIcon(QStringLiteral(":/icons/restart.svg")));
    m_reload->setIcon(QIcon(QStringLiteral(":/icons/reload.svg")));
    m_reset->setIcon(QIcon(QStringLiteral(":/icons/reset.svg")));
    m_undo->setIcon(QIcon(QStringLiteral(":/icons/undo.svg")));
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (m_session) {
            m_session->refresh();
        }
    });
    connect(m_clear, &QAction::triggered, this, &WorkerActions::openClearFailures);
    connect(m_reset, &QAction::triggered, this, &WorkerActions::openResetOffsets);
    connect(m_undo, &QAction::triggered, this, &WorkerActions::openUndoReset);
    connect(m_restart, &QAction::triggered, this, [this] {
        confirmThen(tr("Restart the worker?"),
                    tr("The worker stops its pipeline (it writes what it took, checkpoints and "
                       "closes its files), reads its configuration again and starts a new one. "
                       "Nothing is lost or written twice; the lag grows while it restarts."),
                    tr("Restart"), [this] { runRestart(); });
    });
    connect(m_reload, &QAction::triggered, this, [this] {
        confirmThen(tr("Reload the settings?"),
                    tr("The worker reads its settings folder again and puts the new settings in "
                       "force at once. Settings with errors change nothing."),
                    tr("Reload"), [this] { runReload(); });
    });
    updateState();
}

QList<QAction*> WorkerActions::all() const {
    return {m_refresh, m_clear, m_restart, m_reload, m_reset, m_undo};
}

void WorkerActions::setSession(WorkerSession* session) {
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    if (m_session) {
        connect(m_session, &WorkerSession::changed, this, &WorkerActions::updateState);
        connect(m_session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    updateState();
}

void WorkerActions::updateState() {
    const QString blocked =
        m_session ? m_session->actionsBlockedReason() : tr("No worker is selected.");
    const bool connected = m_session && m_session->isConnected();
    m_refresh->setEnabled(connected);
    for (QAction* action : {m_clear, m_restart, m_reload, m_reset, m_undo}) {
        action->setEnabled(blocked.isEmpty());
        // The tool tip and status tip say why an action is greyed out.
        const QString plain = action->text().remove(QLatin1Char('&'));
        action->setToolTip(blocked.isEmpty() ? plain : plain + QStringLiteral(" — ") + blocked);
        action->setStatusTip(blocked);
    }
    if (m_session && m_session->failureCounts()) {
        m_clear->setIconText(
            tr("Clear failures (%1)").arg(QLocale().toString(m_session->failureCounts()->total)));
    } else {
        m_clear->setIconText(tr("Clear failures"));
    }
}

void WorkerActions::confirmThen(const QString& title, const QString& text, const QString& button,
                                std::function<void()> run) {
    if (!m_session) {
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, title,
                                tr("%1\n\nWorker: %2").arg(text, m_session->spec().name),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("confirmAction"));
    QPushButton* yes = box->addButton(button, QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this,
            [yes, run = std::move(run)](QAbstractButton* clicked) {
                if (clicked == yes) {
                    run();
                }
            });
    box->open();
}

void WorkerActions::runRestart() {
    WorkerSession* session = m_session;
    if (!session || !session->connection()) {
        return;
    }
    const QString name = session->spec().name;
    Q_EMIT activity(name, tr("restarting…"), true);
    session->addMark(HistoryMark::Kind::Restart, tr("restart asked from the console"));
    session->connection()->call(
        QStringLiteral("restart"), {},
        [this, name](const Result<QJsonObject>& reply) {
            if (!reply) {
                Q_EMIT activity(name, tr("restart failed: %1").arg(errorText(reply.error())),
                                false);
                return;
            }
            Q_EMIT activity(name,
                            tr("restarted: %1, apps %2")
                                .arg(reply->value(QStringLiteral("state")).toString(),
                                     appsText(reply->value(QStringLiteral("apps")))),
                            true);
        },
        kRestartTimeout);
}

void WorkerActions::runReload() {
    WorkerSession* session = m_session;
    if (!session || !session->connection()) {
        return;
    }
    const QString name = session->spec().name;
    session->connection()->call(
        QStringLiteral("reload"), {}, [this, name](const Result<QJsonObject>& reply) {
            if (!reply) {
                Q_EMIT activity(name, tr("reload failed: %1").arg(errorText(reply.error())), false);
                return;
            }
            const QJsonObject before = reply->value(QStringLiteral("before")).toObject();
            Q_EMIT activity(name,
                            tr("settings reloaded: apps %1 in force (before: %2)")
                                .arg(appsText(reply->value(QStringLiteral("apps"))),
                                     appsText(before.value(QStringLiteral("apps")))),
                            true);
        });
}

ClearFailuresDialog* WorkerActions::openClearFailures() {
    if (!m_session) {
        return nullptr;
    }
    auto* dialog = new ClearFailuresDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString name = m_session->spec().name;
    connect(dialog, &ClearFailuresDialog::cleared, this,
            [this, name](const QString& text) { Q_EMIT activity(name, text, true); });
    dialog->open();
    return dialog;
}

ResetOffsetsDialog* WorkerActions::openResetOffsets() {
    if (!m_session) {
        return nullptr;
    }
    auto* dialog =
        new ResetOffsetsDialog(m_session, m_selection ? m_selection() : QStringList{}, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    WorkerSession* session = m_session;
    connect(dialog, &ResetOffsetsDialog::appliedReset, this,
            [this, session](qint64 id, const QString& text) {
                session->addMark(HistoryMark::Kind::Reset, tr("offset reset %1").arg(id));
                Q_EMIT activity(session->spec().name, text, true);
            });
    dialog->open();
    return dialog;
}

UndoResetDialog* WorkerActions::openUndoReset() {
    if (!m_session) {
        return nullptr;
    }
    auto* dialog = new UndoResetDialog(m_session, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    WorkerSession* session = m_session;
    connect(dialog, &UndoResetDialog::undone, this, [this, session](const QString& text) {
        session->addMark(HistoryMark::Kind::Reset, text);
        Q_EMIT activity(session->spec().name, text, true);
    });
    dialog->open();
    return dialog;
}

}  // namespace mtga::gui
