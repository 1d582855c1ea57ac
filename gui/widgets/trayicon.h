#pragma once

// TrayIcon: the console in the system tray: the worst light of all workers as its icon, one line
// per worker in its tool tip, the desktop notifications, and a menu to show the window or quit.
// Only made where the desktop has a tray.

#include <QSystemTrayIcon>

class QWidget;

namespace mtga::gui {

class WorkerList;

class TrayIcon : public QSystemTrayIcon {
    Q_OBJECT

public:
    TrayIcon(WorkerList* workers, QWidget* window);

    void showNotice(const QString& worker, const QString& text, bool bad);
    // The tool tip: one line per worker with its light.
    QString summary() const;

private:
    void update();

    WorkerList* m_workers;
};

}  // namespace mtga::gui
