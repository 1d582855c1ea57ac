#pragma once

// ResetOffsetsDialog: moves partitions of the selected worker to a new position. The operator
// picks the scope (a topic, its partitions with check boxes) and the target (earliest, latest,
// an offset, a date and time in UTC, a duration back from now, a shift); a dry-run preview
// (current → new, lag after, skipped, replayed) refreshes as the inputs change; Apply asks once
// more, with the totals, then shows the worker's result next to what the preview said.

#include "gui/reset/resetpreviewmodel.h"
#include "shared/values/offsetresetrequest.h"

#include <QDialog>
#include <QTimer>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace mtga::gui {

class WorkerSession;

class ResetOffsetsDialog : public QDialog {
    Q_OBJECT

public:
    static constexpr int kPreviewDelayMs = 300;

    // `preselected`: "topic:N" partitions to check (the table's selection); none: all of the
    // first topic.
    ResetOffsetsDialog(WorkerSession* session, const QStringList& preselected,
                       QWidget* parent = nullptr);

    // What the inputs say now; nullopt (and why, in the summary) when they say nothing yet.
    std::optional<OffsetResetRequest> request() const;
    void setTarget(ResetTarget target);
    void setTargetValue(const QString& value);  // the offset or the shift
    void setPartitionChecked(int partition, bool checked);
    void selectAll(bool checked);

    const std::vector<ResetRow>& preview() const { return m_preview->rows(); }
    // The applied reset's rows; empty before Apply.
    const std::vector<ResetRow>& applied() const { return m_applied; }
    // Whether a preview request is on its way or due.
    bool previewPending() const;
    QPushButton* applyButton() const { return m_apply; }
    QLabel* summaryLabel() const { return m_summary; }

    // The confirmation Apply shows, with the totals of the preview.
    static QString confirmationText(const ResetPreviewModel::Totals& totals, const QString& topic);

Q_SIGNALS:
    void appliedReset(qint64 journalId, const QString& summary);

private:
    void fillPartitions();
    void schedulePreview();
    void sendPreview();
    void confirmApply();
    void sendApply();

    WorkerSession* m_session;
    QComboBox* m_topic;
    QListWidget* m_partitions;
    QComboBox* m_target;
    QStackedWidget* m_values;
    QLineEdit* m_offset;
    QDateTimeEdit* m_datetime;
    QSpinBox* m_durationAmount;
    QComboBox* m_durationUnit;
    QLineEdit* m_shift;
    QCheckBox* m_strict;
    ResetPreviewModel* m_preview;
    QTableView* m_previewView;
    QLabel* m_summary;
    QPushButton* m_apply;
    QTimer m_previewTimer;
    qint64 m_previewSerial = 0;
    bool m_previewInFlight = false;
    bool m_applying = false;
    std::vector<ResetRow> m_applied;
    QStringList m_preselected;
};

}  // namespace mtga::gui
