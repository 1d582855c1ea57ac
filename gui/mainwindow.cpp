#include "gui/mainwindow.h"

#include <QLabel>
#include <QStatusBar>

namespace mtga::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("mtga console"));
    auto* placeholder = new QLabel(tr("No worker connected."), this);
    placeholder->setObjectName(QStringLiteral("placeholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    statusBar()->showMessage(tr("Ready"));
    resize(960, 600);
}

}  // namespace mtga::gui
