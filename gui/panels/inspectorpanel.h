#pragma once

// InspectorPanel: for one partition of the selected worker, the last messages it took (`sample`)
// next to the TA lines they became, the rule that dropped them, or why they failed; the raw
// message as text or hex.

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace mtga::gui {

class PayloadView;
class SampleModel;
class WorkerSession;

class InspectorPanel : public QWidget {
    Q_OBJECT

public:
    explicit InspectorPanel(QWidget* parent = nullptr);

    void setSession(WorkerSession* session);
    // Shows `partition` ("topic:N") and asks the worker for its sample.
    void inspect(const QString& partition);
    void refresh();

    SampleModel* model() const { return m_model; }
    QPlainTextEdit* records() const { return m_records; }
    QLabel* statusLabel() const { return m_status; }

private:
    void updatePartitions();
    void showMessage();

    WorkerSession* m_session = nullptr;
    QComboBox* m_partition;
    SampleModel* m_model;
    QTableView* m_view;
    QPlainTextEdit* m_records;
    PayloadView* m_payload;
    QLabel* m_status;
};

}  // namespace mtga::gui
