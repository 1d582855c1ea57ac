// How the console reaches workers and what it lets whom do: a connection that is not an
// admin's greys out every action with the reason, and the worker's refusal is shown as it said
// it; a worker that accepts and never answers leaves the window responsive and is shown as a
// timeout; a worker behind ssh:// (a stand-in ssh that runs `mtga control-stdio` here) and one
// named by its configuration file are watched like a local one.

#include <QtTest>

#include "gui/actions/workeractions.h"
#include "gui/mainwindow.h"
#include "gui/panels/partitionspanel.h"
#include "gui/partitions/partitiontablemodel.h"
#include "gui/session/typedcall.h"
#include "gui/workers/workerlistmodel.h"
#include "gui/workers/workerlistpanel.h"
#include "tests/gui/consoletest.h"
#include "tests/support/resettest.h"
#include "tests/support/sshtest.h"

#include <QAction>
#include <QElapsedTimer>
#include <QListView>
#include <QLocalServer>
#include <QLocalSocket>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr int kPartitions = 2;

gui::WorkerSpec specOf(const QString& text) {
    const Result<gui::WorkerSpec> spec = gui::WorkerSpec::parse(text);
    return spec ? spec.value() : gui::WorkerSpec{};
}

}  // namespace

class TestConsoleAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void nonAdminSeesActionsDisabledWithTheReason();
    void hungWorkerLeavesTheWindowResponsive();
    void remoteWorkerThroughSsh();
    void workerNamedByItsConfigurationFile();

private:
    std::unique_ptr<ResetBench> m_bench;
    QTemporaryDir m_dir;
    std::unique_ptr<gui::MainWindow> m_window;
};

void TestConsoleAccess::initTestCase() {
    m_bench = std::make_unique<ResetBench>(QStringLiteral("access"), kPartitions);
    QVERIFY(m_bench->startKafka());
    QVERIFY(m_bench->produce(400));
    // Root runs the tests: an admin list without root makes this console a read-only one.
    m_bench->configure(
        [](WorkerConfig& config) { config.control = QStringLiteral("  admin_uids: [4242]\n"); });
    QVERIFY(m_bench->startWorker(kPartitions));
    QVERIFY(m_bench->waitCaughtUp(60'000));
}

void TestConsoleAccess::init() {
    m_window = std::make_unique<gui::MainWindow>(
        consoleOptions(m_dir.filePath(QStringLiteral("console.ini"))));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestConsoleAccess::cleanup() {
    m_window.reset();
}

void TestConsoleAccess::nonAdminSeesActionsDisabledWithTheReason() {
    m_window->addWorker(specOf(m_bench->socket()), false);
    gui::WorkerSession* session = m_window->currentSession();
    QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 10'000);
    QVERIFY(!session->isAdmin());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->partitionsPanel()->model()->rowCount(), kPartitions,
                              10'000);
    gui::WorkerActions* actions = m_window->actions();
    QVERIFY(actions->refresh()->isEnabled());
    for (QAction* action : {actions->clearFailures(), actions->restart(), actions->reload(),
                            actions->resetOffsets(), actions->undoReset()}) {
        QVERIFY2(!action->isEnabled(), qPrintable(action->objectName()));
        QVERIFY2(action->toolTip().contains(QLatin1String("control.admin_uids")),
                 qPrintable(action->toolTip()));
    }
    QVERIFY2(m_window->statusText().contains(QLatin1String("read-only")),
             qPrintable(m_window->statusText()));

    // Should a request get through anyway (a worker that changed its mind), the refusal is
    // shown with the worker's own words and code.
    QString shown;
    gui::typedCall<QJsonObject>(*session->connection(), QStringLiteral("reload"), {},
                                [&shown](const Result<QJsonObject>& reply) {
                                    shown = reply ? QStringLiteral("ok")
                                                  : gui::errorText(reply.error());
                                });
    QTRY_VERIFY(!shown.isEmpty());
    QVERIFY2(
        shown.contains(QLatin1String("[forbidden]")) && shown.contains(QLatin1String("admin_uids")),
        qPrintable(shown));
}

void TestConsoleAccess::hungWorkerLeavesTheWindowResponsive() {
    // Accepts every connection and never says a word.
    QLocalServer silent;
    const QString path = m_dir.filePath(QStringLiteral("silent.sock"));
    QVERIFY(silent.listen(path));
    QList<QLocalSocket*> accepted;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (QLocalSocket* socket = silent.nextPendingConnection()) {
            accepted << socket;
        }
    });
    m_window->addWorker(specOf(path), false);
    gui::WorkerSession* session = m_window->currentSession();

    // A 50 ms timer keeps firing on time while the console waits for the worker.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 longestGap = 0;
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        longestGap = std::max(longestGap, now - last);
        last = now;
        ++ticks;
    });
    timer.start(50);
    QTRY_COMPARE_WITH_TIMEOUT(session->light(), gui::WorkerSession::Light::Unreachable, 10'000);
    QTest::qWait(500);
    timer.stop();
    QVERIFY(!accepted.isEmpty());
    QVERIFY2(longestGap < 400, qPrintable(QString::number(longestGap)));
    QVERIFY(ticks > 20);
    QVERIFY2(session->lightText().contains(QLatin1String("[timeout]")),
             qPrintable(session->lightText()));
    // The list says it too, and the actions are off with the reason.
    const QModelIndex row = m_window->workerListPanel()->view()->model()->index(0, 0);
    QVERIFY2(
        row.data(gui::WorkerListModel::DetailRole).toString().contains(QLatin1String("timeout")),
        qPrintable(row.data(gui::WorkerListModel::DetailRole).toString()));
    QVERIFY(!m_window->actions()->resetOffsets()->isEnabled());
    QVERIFY(
        m_window->actions()->resetOffsets()->toolTip().contains(QLatin1String("Not connected")));
}

void TestConsoleAccess::remoteWorkerThroughSsh() {
    ScopedEnvironment environment;
    environment.set("MTGA_SSH", standinSsh());
    environment.set("MTGA_SSH_MTGA", QStringLiteral(MTGA_BINARY));
    m_window->addWorker(specOf(QStringLiteral("ssh://ops@game-01:2222") + m_bench->socket()),
                        false);
    gui::WorkerSession* session = m_window->currentSession();
    QVERIFY(session->connection()->endpoint().isRemote());
    QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 15'000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->partitionsPanel()->model()->rowCount(), kPartitions,
                              10'000);
    QString why;
    const Result<OffsetsReply> offsets = m_bench->offsets();
    QVERIFY(offsets.ok());
    QTRY_VERIFY2_WITH_TIMEOUT(
        tableEquals(*m_window->partitionsPanel()->model(), offsets.value(), &why), qPrintable(why),
        2000);
    QCOMPARE(session->spec().name, QStringLiteral("game-01"));
}

void TestConsoleAccess::workerNamedByItsConfigurationFile() {
    ScopedEnvironment environment;
    environment.set("MTGA_BINARY", QStringLiteral(MTGA_BINARY));
    m_window->addWorker(specOf(m_bench->config()), false);
    gui::WorkerSession* session = m_window->currentSession();
    QCOMPARE(session->spec().kind, gui::WorkerSpec::Kind::Config);
    QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 15'000);
    QCOMPARE(session->connection()->endpoint().localPath(), m_bench->socket());

    // A broken configuration says what is wrong with it, with the file and line.
    QFile broken(m_dir.filePath(QStringLiteral("broken.yml")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("kafka:\n  brokers: [\n");
    broken.close();
    m_window->addWorker(specOf(broken.fileName()), false);
    gui::WorkerSession* bad = m_window->currentSession();
    QTRY_COMPARE_WITH_TIMEOUT(bad->light(), gui::WorkerSession::Light::Unreachable, 15'000);
    QVERIFY2(bad->lightText().contains(QLatin1String("broken.yml")), qPrintable(bad->lightText()));
}

QTEST_MAIN(TestConsoleAccess)
#include "tst_consoleaccess.moc"
