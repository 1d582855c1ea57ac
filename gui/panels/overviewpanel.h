#pragma once

// OverviewPanel: the selected worker at a glance, above the tabs: who it is (version, pid,
// uptime, state, light), what it does now (rates, lag in messages and time), what it has done
// (totals), and what needs a look (failure queue by reason, self-checks, the last error).
// Numbers that stopped arriving are marked stale, never shown as live.

#include <QWidget>

class QLabel;

namespace mtga::gui {

class WorkerSession;

class OverviewPanel : public QWidget {
    Q_OBJECT

public:
    explicit OverviewPanel(QWidget* parent = nullptr);
    void setSession(WorkerSession* session);

    // "3 d 04:12" / "04:12:09": how uptime reads.
    static QString formatUptime(qint64 seconds);

private:
    void update();

    WorkerSession* m_session = nullptr;
    QLabel* m_identity;
    QLabel* m_light;
    QLabel* m_rates;
    QLabel* m_totals;
    QLabel* m_failures;
    QLabel* m_selfCheck;
    QLabel* m_lastError;
};

}  // namespace mtga::gui
