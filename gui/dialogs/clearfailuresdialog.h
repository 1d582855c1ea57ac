#pragma once

// ClearFailuresDialog: deletes the selected worker's failure queue. It first shows what will go
// ("Delete 54 entries: unknown_app 50, ta_format 4"), offers to export them to a file on the
// worker's machine first, and only then deletes; the delete button is never the default.

#include "shared/values/failurequeue.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace mtga::gui {

class WorkerSession;

class ClearFailuresDialog : public QDialog {
    Q_OBJECT

public:
    explicit ClearFailuresDialog(WorkerSession* session, QWidget* parent = nullptr);

    // "Delete 54 entries: unknown_app 50, ta_format 4."
    static QString countsText(const FailureCounts& counts);
    // A file name for the export, in /tmp of the worker's machine, with the time in it.
    static QString defaultExportPath();

    QPushButton* deleteButton() const { return m_delete; }
    QPushButton* cancelButton() const { return m_cancel; }
    QCheckBox* exportBox() const { return m_export; }
    QLineEdit* exportPath() const { return m_path; }
    QLabel* summaryLabel() const { return m_summary; }
    // The clear's result once done.
    const std::optional<FailureClearReply>& result() const { return m_result; }

Q_SIGNALS:
    void cleared(const QString& summary);

private:
    void countsArrived(const Result<FailureCounts>& counts);
    void start();
    void clear(const QString& exported);
    void fail(const QString& text);

    WorkerSession* m_session;
    QLabel* m_summary;
    QCheckBox* m_export;
    QLineEdit* m_path;
    QPushButton* m_delete;
    QPushButton* m_cancel;
    std::optional<FailureCounts> m_counts;
    std::optional<FailureClearReply> m_result;
};

}  // namespace mtga::gui
