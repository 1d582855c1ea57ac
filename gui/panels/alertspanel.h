#pragma once

// AlertsPanel: the selected worker's alert history as the worker keeps it (`alerts`): what
// fired, when, about which partitions, and when it resolved. Asked again while it is shown.

#include <QTimer>
#include <QWidget>

class QLabel;
class QTableView;

namespace mtga::gui {

class AlertListModel;
class WorkerSession;

class AlertsPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int kLimit = 200;
    static constexpr int kRefreshMs = 10'000;

    explicit AlertsPanel(QWidget* parent = nullptr);

    void setSession(WorkerSession* session);
    void refresh();
    AlertListModel* model() const { return m_model; }
    QLabel* statusLabel() const { return m_status; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    WorkerSession* m_session = nullptr;
    AlertListModel* m_model;
    QTableView* m_view;
    QLabel* m_status;
    QTimer m_timer;
};

}  // namespace mtga::gui
