// The console's main window on the offscreen platform, in English and in Chinese: what it shows
// before a worker is added, the layout and workers it remembers, and its shortcuts.

#include <QtTest>

#include "gui/actions/workeractions.h"
#include "gui/chart/lagchartpanel.h"
#include "gui/mainwindow.h"
#include "gui/panels/partitionspanel.h"
#include "gui/partitions/partitiontablemodel.h"
#include "gui/widgets/languagemenu.h"
#include "shared/translator.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>

namespace {

// A window that keeps its settings in `dir` and shows no tray icon.
mtga::gui::MainWindow::Options optionsIn(const QTemporaryDir& dir) {
    mtga::gui::MainWindow::Options options;
    options.settingsFile = dir.filePath(QStringLiteral("console.ini"));
    options.trayIcon = false;
    return options;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void showsPlaceholderUntilConnected();
    void remembersLayoutAndWorkers();
    void shortcutsReachTheFrequentThings();
    void followsADarkPalette();
    void languageChosenInTheMenuAppliesAtStart();
    void speaksChineseForZhCn();
};

void TestMainWindow::followsADarkPalette() {
    const QPalette original = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    QApplication::setPalette(dark);
    {
        QTemporaryDir dir;
        const mtga::gui::MainWindow::Options options = optionsIn(dir);
        mtga::gui::MainWindow window(options);
        QCOMPARE(window.chartPanel()->chart()->theme(), QChart::ChartThemeDark);
        QCOMPARE(window.partitionsPanel()->view()->palette().color(QPalette::Base),
                 QColor(20, 20, 20));
    }
    QApplication::setPalette(original);
    QTemporaryDir dir;
    const mtga::gui::MainWindow::Options options = optionsIn(dir);
    mtga::gui::MainWindow light(options);
    QCOMPARE(light.chartPanel()->chart()->theme(), QChart::ChartThemeLight);
}

void TestMainWindow::languageChosenInTheMenuAppliesAtStart() {
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("console.ini")), QSettings::IniFormat);
    const QLocale before;
    settings.setValue(QStringLiteral("language"), QStringLiteral("zh_CN"));
    mtga::gui::LanguageMenu::applyLanguage(settings);
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    settings.setValue(QStringLiteral("language"), QStringLiteral("en"));
    mtga::gui::LanguageMenu::applyLanguage(settings);
    QCOMPARE(QLocale().language(), QLocale::English);
    // The system's (no choice) changes nothing.
    settings.remove(QStringLiteral("language"));
    QLocale::setDefault(before);
    mtga::gui::LanguageMenu::applyLanguage(settings);
    QCOMPARE(QLocale(), before);
    // The menu offers the three and checks the chosen one.
    mtga::gui::LanguageMenu menu(settings);
    QCOMPARE(menu.actions().size(), 3);
    QVERIFY(menu.actions().front()->isChecked());
}

void TestMainWindow::remembersLayoutAndWorkers() {
    using mtga::gui::PartitionTableModel;
    QTemporaryDir dir;
    const mtga::gui::MainWindow::Options options = optionsIn(dir);
    const QString socket = dir.filePath(QStringLiteral("game-01/data/mtga.sock"));
    {
        mtga::gui::MainWindow window(options);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.addWorker(mtga::gui::WorkerSpec::parse(socket, QStringLiteral("game-01")).value());
        window.addWorker(
            mtga::gui::WorkerSpec::parse(dir.filePath(QStringLiteral("x.sock"))).value(),
            false);  // --connect: for this run only
        QTableView* table = window.partitionsPanel()->view();
        table->setColumnHidden(PartitionTableModel::Low, true);
        table->sortByColumn(PartitionTableModel::Lag, Qt::DescendingOrder);
        window.chartPanel()->setWindowMinutes(60);
        window.resize(1000, 640);
        window.close();  // saves
    }
    mtga::gui::MainWindow again(options);
    again.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again));
    QCOMPARE(again.workers()->count(), 1);
    QCOMPARE(again.workers()->at(0)->spec().target, socket);
    QCOMPARE(again.workers()->at(0)->spec().name, QStringLiteral("game-01"));
    QHeaderView* header = again.partitionsPanel()->view()->horizontalHeader();
    QVERIFY(header->isSectionHidden(PartitionTableModel::Low));
    QCOMPARE(header->sortIndicatorSection(), int(PartitionTableModel::Lag));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(again.chartPanel()->windowMinutes(), 60);
    QCOMPARE(again.size(), QSize(1000, 640));
}

void TestMainWindow::shortcutsReachTheFrequentThings() {
    QTemporaryDir dir;
    const mtga::gui::MainWindow::Options options = optionsIn(dir);
    mtga::gui::MainWindow window(options);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.actions()->refresh()->shortcut(), QKeySequence(QKeySequence::Refresh));
    QCOMPARE(window.actions()->resetOffsets()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    window.addWorker(mtga::gui::WorkerSpec::parse(dir.filePath(QStringLiteral("a.sock"))).value(),
                     false);
    window.addWorker(mtga::gui::WorkerSpec::parse(dir.filePath(QStringLiteral("b.sock"))).value(),
                     false);
    QCOMPARE(window.workers()->indexOf(window.currentSession()), 1);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.workers()->indexOf(window.currentSession()), 0);
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    auto* filter = window.findChild<QLineEdit*>(QStringLiteral("textFilter"));
    QVERIFY(filter);
    QTRY_VERIFY(filter->hasFocus());
    // Not connected: the actions say so.
    QVERIFY(!window.actions()->resetOffsets()->isEnabled());
    QVERIFY(window.actions()->resetOffsets()->toolTip().contains(QLatin1String("Not connected")));
}

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
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("tabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(0), QStringLiteral("分区(&P)"));
    QVERIFY(window.windowTitle().contains(QLatin1String("mtga")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
