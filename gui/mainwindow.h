#pragma once

// MainWindow: the console's frame. It puts the panels together (the worker list on the left;
// the overview and the tabs of the current worker on the right: partitions, lag chart,
// failures, inspector, alerts, activity), holds
// the menus, toolbar and shortcuts, and remembers its layout; the panels and dialogs do the
// work.

#include "gui/alerts/desktopnotifier.h"
#include "gui/session/workerlist.h"

#include <QMainWindow>
#include <QSettings>

#include <memory>

class QLabel;
class QSplitter;
class QTabWidget;

namespace mtga::gui {

class ActivityPanel;
class AlertsPanel;
class FailuresPanel;
class InspectorPanel;
class TrayIcon;
class LagChartPanel;
class OverviewPanel;
class PartitionsPanel;
class WorkerActions;
class WorkerListPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    struct Options {
        QString settingsFile;  // empty: the user's (QSettings' default place)
        bool loadRemembered = true;
        WorkerSession::Options session;
        DesktopNotifier::Options notifier;
        bool trayIcon = true;  // where the desktop has a tray
    };

    explicit MainWindow(QWidget* parent = nullptr);
    explicit MainWindow(Options options, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Adds a worker and makes it current; `remember`: kept in the settings.
    int addWorker(const WorkerSpec& spec, bool remember = true);
    WorkerSession* currentSession() const;
    void setCurrentWorker(int index);

    WorkerList* workers() const { return m_workers; }
    WorkerListPanel* workerListPanel() const { return m_workerPanel; }
    OverviewPanel* overviewPanel() const { return m_overview; }
    PartitionsPanel* partitionsPanel() const { return m_partitions; }
    LagChartPanel* chartPanel() const { return m_chart; }
    ActivityPanel* activityPanel() const { return m_activity; }
    FailuresPanel* failuresPanel() const { return m_failures; }
    InspectorPanel* inspectorPanel() const { return m_inspector; }
    AlertsPanel* alertsPanel() const { return m_alerts; }
    DesktopNotifier* notifier() const { return m_notifier; }
    TrayIcon* trayIcon() const { return m_tray; }
    WorkerActions* actions() const { return m_actions; }
    QTabWidget* tabs() const { return m_tabs; }
    // The status bar's left text: "connected · last update 0.4 s ago · admin".
    QString statusText() const;

    void saveLayout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void restoreLayout();
    void currentChanged(int index);
    void updateStatusBar();
    void showAbout();
    void askAddWorker();

    Options m_options;
    std::unique_ptr<QSettings> m_settings;
    WorkerList* m_workers;
    WorkerListPanel* m_workerPanel;
    OverviewPanel* m_overview;
    PartitionsPanel* m_partitions;
    LagChartPanel* m_chart;
    FailuresPanel* m_failures;
    InspectorPanel* m_inspector;
    AlertsPanel* m_alerts;
    ActivityPanel* m_activity;
    DesktopNotifier* m_notifier;
    TrayIcon* m_tray = nullptr;
    WorkerActions* m_actions;
    QTabWidget* m_tabs;
    QSplitter* m_splitter;
    QLabel* m_statusLabel;
    QLabel* m_placeholder;
};

}  // namespace mtga::gui
