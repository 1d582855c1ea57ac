#pragma once

// UndoResetDialog: moves the partitions of the worker's last applied offset reset back where
// they were. It shows what the undo restores (a dry run: current → restored, skipped, replayed)
// before the operator confirms it, then the result.

#include "gui/reset/resetpreviewmodel.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace mtga::gui {

class WorkerSession;

class UndoResetDialog : public QDialog {
    Q_OBJECT

public:
    explicit UndoResetDialog(WorkerSession* session, QWidget* parent = nullptr);

    const std::vector<ResetRow>& plan() const { return m_model->rows(); }
    QPushButton* restoreButton() const { return m_restore; }
    QLabel* summaryLabel() const { return m_summary; }
    bool done() const { return m_done; }

Q_SIGNALS:
    void undone(const QString& summary);

private:
    void restore();

    WorkerSession* m_session;
    ResetPreviewModel* m_model;
    QLabel* m_summary;
    QPushButton* m_restore;
    std::optional<qint64> m_undoes;
    bool m_done = false;
};

}  // namespace mtga::gui
