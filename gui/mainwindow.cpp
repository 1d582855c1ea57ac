#include "gui/mainwindow.h"

#include "gui/actions/workeractions.h"
#include "gui/chart/lagchartpanel.h"
#include "gui/dialogs/addworkerdialog.h"
#include "gui/panels/activitypanel.h"
#include "gui/panels/alertspanel.h"
#include "gui/panels/failurespanel.h"
#include "gui/panels/inspectorpanel.h"
#include "gui/panels/overviewpanel.h"
#include "gui/panels/partitionspanel.h"
#include "gui/partitions/partitiontablemodel.h"
#include "gui/widgets/languagemenu.h"
#include "gui/widgets/trayicon.h"
#include "gui/workers/workerlistpanel.h"
#include "shared/version.h"

#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace mtga::gui {

MainWindow::MainWindow(QWidget* parent) : MainWindow(Options{}, parent) {}

MainWindow::MainWindow(Options options, QWidget* parent)
    : QMainWindow(parent),
      m_options(std::move(options)),
      m_settings(m_options.settingsFile.isEmpty()
                     ? std::make_unique<QSettings>()
                     : std::make_unique<QSettings>(m_options.settingsFile, QSettings::IniFormat)),
      m_workers(new WorkerList(m_options.session, this)),
      m_workerPanel(new WorkerListPanel(m_workers, this)),
      m_overview(new OverviewPanel(this)),
      m_partitions(new PartitionsPanel(this)),
      m_chart(new LagChartPanel(this)),
      m_failures(new FailuresPanel(this)),
      m_inspector(new InspectorPanel(this)),
      m_alerts(new AlertsPanel(this)),
      m_activity(new ActivityPanel(this)),
      m_notifier(new DesktopNotifier(m_workers, m_options.notifier, this)),
      m_actions(new WorkerActions(this, [this] { return m_partitions->selectedPartitions(); })),
      m_tabs(new QTabWidget(this)),
      m_splitter(new QSplitter(this)),
      m_statusLabel(new QLabel(this)),
      m_placeholder(new QLabel(tr("No worker connected."), this)) {
    setWindowTitle(tr("mtga console"));
    setObjectName(QStringLiteral("mainWindow"));
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_statusLabel->setObjectName(QStringLiteral("statusText"));

    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(m_partitions, tr("&Partitions"));
    m_tabs->addTab(m_chart, tr("Lag &chart"));
    m_tabs->addTab(m_failures, tr("&Failures"));
    m_tabs->addTab(m_inspector, tr("&Inspector"));
    m_tabs->addTab(m_alerts, tr("Ale&rts"));
    m_tabs->addTab(m_activity, tr("&Activity"));
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_overview);
    rightLayout->addWidget(m_tabs, 1);
    auto* stack = new QStackedWidget(this);
    stack->addWidget(m_placeholder);
    stack->addWidget(right);
    m_splitter->setObjectName(QStringLiteral("splitter"));
    m_splitter->addWidget(m_workerPanel);
    m_splitter->addWidget(stack);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({230, 970});
    setCentralWidget(m_splitter);
    statusBar()->addWidget(m_statusLabel, 1);

    connect(m_workerPanel, &WorkerListPanel::currentChanged, this, &MainWindow::currentChanged);
    connect(m_workerPanel, &WorkerListPanel::addRequested, this, &MainWindow::askAddWorker);
    connect(m_workers, &WorkerList::added, this, [stack] { stack->setCurrentIndex(1); });
    connect(m_workers, &WorkerList::removed, this, [this, stack] {
        if (m_workers->count() == 0) {
            stack->setCurrentIndex(0);
            currentChanged(-1);
        }
        m_workers->save(*m_settings);
    });
    connect(m_actions, &WorkerActions::activity, this,
            [this](const QString& worker, const QString& text, bool ok) {
                m_activity->add(worker, text, ok);
                statusBar()->showMessage(QStringLiteral("%1: %2").arg(worker, text), 10'000);
            });
    connect(m_failures, &FailuresPanel::activity, m_actions, &WorkerActions::activity);
    connect(m_notifier, &DesktopNotifier::notify, this,
            [this](const QString& worker, const QString& text, bool bad) {
                m_activity->add(worker, text, !bad);
                if (m_tray) {
                    m_tray->showNotice(worker, text, bad);
                }
            });
    if (m_options.trayIcon && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(m_workers, this);
        m_tray->show();
    }
    // Double-click a partition: what its last messages became.
    connect(m_partitions->view(), &QAbstractItemView::doubleClicked, this, [this] {
        const QStringList selected = m_partitions->selectedPartitions();
        if (!selected.isEmpty()) {
            m_tabs->setCurrentWidget(m_inspector);
            m_inspector->inspect(selected.front());
        }
    });
    connect(m_partitions, &PartitionsPanel::selectionChanged, this,
            [this] { m_chart->setPartitions(m_partitions->selectedPartitions()); });
    auto* statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatusBar);
    statusTimer->start(500);

    buildMenus();
    resize(1200, 720);
    restoreLayout();
    if (m_options.loadRemembered) {
        m_workers->load(*m_settings);
    }
    updateStatusBar();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* worker = menuBar()->addMenu(tr("&Worker"));
    QAction* add = worker->addAction(tr("&Add worker…"), this, &MainWindow::askAddWorker);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    worker->addSeparator();
    worker->addActions(m_actions->all());
    worker->addSeparator();
    for (int i = 0; i < 9; ++i) {
        auto* choose = new QAction(tr("Worker %1").arg(i + 1), this);
        choose->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(choose, &QAction::triggered, this, [this, i] { setCurrentWorker(i); });
        addAction(choose);  // a shortcut only: the list shows the workers
    }

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* filter = view->addAction(tr("&Filter partitions"), this, [this] {
        m_tabs->setCurrentWidget(m_partitions);
        m_partitions->focusFilter();
    });
    filter->setShortcut(QKeySequence::Find);
    view->addSeparator();
    view->addMenu(new LanguageMenu(*m_settings, this));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About mtga console"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

    QToolBar* tools = addToolBar(tr("Actions"));
    tools->setObjectName(QStringLiteral("actionsToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addActions(m_actions->all());
}

int MainWindow::addWorker(const WorkerSpec& spec, bool remember) {
    const int index = m_workers->add(spec, remember);
    if (remember) {
        m_workers->save(*m_settings);
    }
    setCurrentWorker(index);
    return index;
}

void MainWindow::askAddWorker() {
    auto* dialog = new AddWorkerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { addWorker(dialog->spec()); });
    dialog->open();
}

WorkerSession* MainWindow::currentSession() const {
    return m_workers->at(m_workerPanel->currentIndex());
}

void MainWindow::setCurrentWorker(int index) {
    if (m_workers->at(index)) {
        m_workerPanel->setCurrentIndex(index);
    }
}

void MainWindow::currentChanged(int index) {
    WorkerSession* session = m_workers->at(index);
    m_overview->setSession(session);
    m_partitions->setSession(session);
    m_chart->setSession(session);
    m_actions->setSession(session);
    m_failures->setSession(session);
    m_inspector->setSession(session);
    m_alerts->setSession(session);
    updateStatusBar();
}

QString MainWindow::statusText() const {
    const WorkerSession* session = currentSession();
    if (!session) {
        return tr("no worker selected");
    }
    QStringList parts{session->lightText()};
    const qint64 since = session->sinceUpdateMs();
    if (since >= 0) {
        parts << tr("last update %1 s ago").arg(QLocale().toString(double(since) / 1000, 'f', 1));
    }
    if (session->isConnected()) {
        parts << (session->isAdmin() ? tr("admin") : tr("read-only (not an admin)"));
    }
    return parts.join(QStringLiteral(" · "));
}

void MainWindow::updateStatusBar() {
    m_statusLabel->setText(statusText());
}

void MainWindow::showAbout() {
    const WorkerSession* session = currentSession();
    QString worker = tr("no worker connected");
    if (session && session->connection() && session->connection()->hello()) {
        worker = tr("%1 runs mtga %2 (protocol %3)")
                     .arg(session->spec().name, session->connection()->hello()->version)
                     .arg(session->connection()->hello()->protocol);
    }
    QMessageBox::about(this, tr("About mtga console"),
                       tr("<h3>mtga console %1</h3>"
                          "<p>Watches and steers mtga workers: Kafka game logs into "
                          "ThinkingData files, exactly once.</p>"
                          "<p>Qt %2 (built with %3)<br>Worker: %4</p>")
                           .arg(QLatin1String(kVersion), QLatin1String(qVersion()),
                                QLatin1String(QT_VERSION_STR), worker.toHtmlEscaped()));
}

void MainWindow::restoreLayout() {
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(m_settings->value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(m_settings->value(QStringLiteral("window/splitter")).toByteArray());
    if (m_partitions->view()->horizontalHeader()->restoreState(
            m_settings->value(QStringLiteral("window/partitionsHeader")).toByteArray())) {
        m_partitions->keepColumnWidths();
    }
    m_chart->setWindowMinutes(m_settings->value(QStringLiteral("window/chartMinutes"), 15).toInt());
}

void MainWindow::saveLayout() {
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings->setValue(QStringLiteral("window/state"), saveState());
    m_settings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    m_settings->setValue(QStringLiteral("window/partitionsHeader"),
                         m_partitions->view()->horizontalHeader()->saveState());
    m_settings->setValue(QStringLiteral("window/chartMinutes"), m_chart->windowMinutes());
    m_workers->save(*m_settings);
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveLayout();
    event->accept();
}

}  // namespace mtga::gui
