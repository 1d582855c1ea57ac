// mtga-console: the operators' desktop client.

#include "gui/mainwindow.h"
#include "shared/translator.h"
#include "shared/version.h"

#include <QApplication>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mtga-console"));
    QApplication::setApplicationVersion(QLatin1String(mtga::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("mtga-console"));
    mtga::installTranslators(app);
    mtga::gui::MainWindow window;
    window.show();
    return QApplication::exec();
}
