#include "gui/widgets/trayicon.h"

#include "gui/session/workerlist.h"
#include "gui/widgets/statuslight.h"

#include <QApplication>
#include <QMenu>
#include <QWidget>

namespace mtga::gui {

TrayIcon::TrayIcon(WorkerList* workers, QWidget* window)
    : QSystemTrayIcon(window), m_workers(workers) {
    auto* menu = new QMenu(window);
    menu->addAction(tr("Show the console"), window, [window] {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });
    menu->addAction(tr("Quit"), window, &QWidget::close);
    setContextMenu(menu);
    connect(this, &QSystemTrayIcon::activated, window, [window](ActivationReason reason) {
        if (reason == Trigger) {
            window->setVisible(!window->isVisible());
        }
    });
    connect(workers, &WorkerList::sessionChanged, this, &TrayIcon::update);
    connect(workers, &WorkerList::added, this, &TrayIcon::update);
    connect(workers, &WorkerList::removed, this, &TrayIcon::update);
    update();
}

QString TrayIcon::summary() const {
    QStringList lines{tr("mtga console")};
    for (int i = 0; i < m_workers->count(); ++i) {
        const WorkerSession* session = m_workers->at(i);
        lines << QStringLiteral("%1: %2").arg(session->spec().name, session->lightText());
    }
    return lines.join(QLatin1Char('\n'));
}

void TrayIcon::update() {
    setIcon(lightIcon(m_workers->worstLight(), 22));
    setToolTip(summary());
}

void TrayIcon::showNotice(const QString& worker, const QString& text, bool bad) {
    showMessage(bad ? tr("%1 needs attention").arg(worker) : tr("%1 recovered").arg(worker), text,
                bad ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

}  // namespace mtga::gui
