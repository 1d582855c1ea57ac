// The console's main window on the offscreen platform, in English and in Chinese.

#include "gui/mainwindow.h"
#include "shared/translator.h"

#include <QLabel>
#include <QtTest>

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsPlaceholderUntilConnected();
    void speaksChineseForZhCn();
};

void TestMainWindow::showsPlaceholderUntilConnected() {
    mtga::gui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("mtga console"));
    auto* placeholder = window.findChild<QLabel*>(QStringLiteral("placeholder"));
    QVERIFY(placeholder);
    QCOMPARE(placeholder->text(), QStringLiteral("No worker connected."));
}

void TestMainWindow::speaksChineseForZhCn() {
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
    QVERIFY(mtga::installTranslators(*QCoreApplication::instance()));
    mtga::gui::MainWindow window;
    QVERIFY(window.windowTitle() != QLatin1String("mtga console"));
    QVERIFY(window.windowTitle().contains(QLatin1String("mtga")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
