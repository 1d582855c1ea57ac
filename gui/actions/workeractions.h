#pragma once

// WorkerActions: the console's commands on the current worker (refresh, clear the failure queue,
// restart, reload settings, reset offsets, undo the last reset) as QActions for the menu, the
// toolbar and their shortcuts. The mutating ones are greyed out with the reason (not connected,
// not an admin) in their tool tip; each asks first, says what it did in the activity log, and a
// refusal by the worker (forbidden...) is shown there with the worker's own message.

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QWidget;

namespace mtga::gui {

class WorkerSession;
class ClearFailuresDialog;
class ResetOffsetsDialog;
class UndoResetDialog;

class WorkerActions : public QObject {
    Q_OBJECT

public:
    // `window`: the dialogs' parent; `selection`: the table's selected partitions ("topic:N").
    WorkerActions(QWidget* window, std::function<QStringList()> selection);

    void setSession(WorkerSession* session);

    QAction* refresh() const { return m_refresh; }
    QAction* clearFailures() const { return m_clear; }
    QAction* restart() const { return m_restart; }
    QAction* reload() const { return m_reload; }
    QAction* resetOffsets() const { return m_reset; }
    QAction* undoReset() const { return m_undo; }
    QList<QAction*> all() const;

    // The dialogs, opened (window-modal, not blocking) and returned for tests.
    ClearFailuresDialog* openClearFailures();
    ResetOffsetsDialog* openResetOffsets();
    UndoResetDialog* openUndoReset();

Q_SIGNALS:
    // One line for the activity log; `ok` false for a failure or refusal.
    void activity(const QString& worker, const QString& text, bool ok);

private:
    void updateState();
    void confirmThen(const QString& title, const QString& text, const QString& button,
                     std::function<void()> run);
    void runRestart();
    void runReload();

    QWidget* m_window;
    std::function<QStringList()> m_selection;
    WorkerSession* m_session = nullptr;
    QAction* m_refresh;
    QAction* m_clear;
    QAction* m_restart;
    QAction* m_reload;
    QAction* m_reset;
    QAction* m_undo;
};

}  // namespace mtga::gui
