// The console's failure browser, inspector, alert history and desktop notices against a real
// `mtga run` on the embedded Kafka: the browser lists what `failure_queue_list` holds, page after
// page as it scrolls, with each entry's raw payload; a retry through its button and
// confirmation reaches the worker; the inspector shows `sample`'s messages and what they
// became; the alerts tab lists `alerts`; a worker that goes away is announced once it has been
// gone a while, and its recovery too, unless muted.

#include <QtTest>

#include "gui/alerts/alertlistmodel.h"
#include "gui/alerts/desktopnotifier.h"
#include "gui/failures/failurelistmodel.h"
#include "gui/inspector/samplemodel.h"
#include "gui/mainwindow.h"
#include "gui/panels/activitypanel.h"
#include "gui/panels/alertspanel.h"
#include "gui/panels/failurespanel.h"
#include "gui/panels/inspectorpanel.h"
#include "gui/widgets/payloadview.h"
#include "shared/controlclient.h"
#include "tests/gui/consoletest.h"
#include "tests/support/controltest.h"
#include "tests/support/resettest.h"
#include "tests/support/webhookreceiver.h"

#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr int kPartitions = 3;

}  // namespace

class TestConsoleFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void browserPagesThroughTheQueue();
    void retryThroughTheButton();
    void inspectorShowsWhatMessagesBecame();
    void alertsTabListsTheHistory();
    void outageIsAnnouncedOnceAndRecoveryToo();

private:
    std::unique_ptr<ResetBench> m_bench;
    QTemporaryDir m_settings;
    std::unique_ptr<gui::MainWindow> m_window;
};

void TestConsoleFailures::initTestCase() {
    m_bench = std::make_unique<ResetBench>(QStringLiteral("failures"), kPartitions);
    QVERIFY(m_bench->startKafka());
    m_bench->setInvalidPerMille(40);
    // The failure queue past its threshold at once: the alert history has something in it.
    m_bench->configure([](WorkerConfig& config) {
        config.sections = QStringLiteral(
                              "alerts:\n"
                              "  webhooks: [\"%1\"]\n"
                              "  failure_queue_threshold: 1\n"
                              "  retries: 0\n")
                              .arg(WebhookReceiver::downUrl());
    });
    QVERIFY(m_bench->produce(12'000));
    QVERIFY(m_bench->startWorker(kPartitions));
    QVERIFY(m_bench->waitCaughtUp(60'000));
}

void TestConsoleFailures::init() {
    gui::MainWindow::Options options =
        consoleOptions(m_settings.filePath(QStringLiteral("console.ini")));
    options.notifier.unreachableAfterMs = 1500;
    options.trayIcon = false;
    m_window = std::make_unique<gui::MainWindow>(options);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->addWorker(Result<gui::WorkerSpec>(gui::WorkerSpec::parse(m_bench->socket())).value(),
                        false);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentSession()->isConnected(), 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentSession()->stats().has_value(), 10'000);
}

void TestConsoleFailures::cleanup() {
    m_window.reset();
}

void TestConsoleFailures::browserPagesThroughTheQueue() {
    const ControlEndpoint endpoint(m_bench->socket());
    const Result<FailureCounts> counts = ControlClient::failureCounts(endpoint, {});
    QVERIFY(counts.ok());
    QVERIFY2(counts->total > gui::FailureListModel::kPageSize,
             "more entries than a page, so that paging is tested");

    m_window->tabs()->setCurrentWidget(m_window->failuresPanel());
    gui::FailureListModel* model = m_window->failuresPanel()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->loading(), 10'000);
    QCOMPARE(model->rowCount(), int(gui::FailureListModel::kPageSize));
    QVERIFY(!model->complete());
    // The first page is the worker's first page, entry for entry.
    const Result<FailurePage> first = ControlClient::failurePage(endpoint, {}, {}, 200);
    QVERIFY(first.ok());
    for (int i = 0; i < model->rowCount(); ++i) {
        QCOMPARE(model->entry(i), first->entries[static_cast<std::size_t>(i)]);
    }
    // Scrolling to the end fetches the rest; every entry once.
    QTableView* view = m_window->failuresPanel()->view();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            view->scrollToBottom();
            return model->complete();
        }(),
        20'000);
    QCOMPARE(model->rowCount(), int(counts->total));

    // The selected entry's payload, as stored (invalid JSON: text).
    view->selectRow(3);
    gui::PayloadView* payload = m_window->failuresPanel()->payload();
    QCOMPARE(payload->text(), QString::fromUtf8(model->entry(3).payload));
    payload->setHex(true);
    QVERIFY(payload->text().startsWith(QLatin1String("00000000  ")));

    // The reason filter lists the counts and narrows the list.
    QComboBox* reasons = m_window->failuresPanel()->reasonFilter();
    QTRY_VERIFY(reasons->count() > 1);
    QVERIFY2(reasons->itemText(0).contains(QLocale().toString(counts->total)),
             qPrintable(reasons->itemText(0)));
}

void TestConsoleFailures::retryThroughTheButton() {
    const ControlEndpoint endpoint(m_bench->socket());
    const qint64 before = ControlClient::failureCounts(endpoint, {})->total;
    m_window->tabs()->setCurrentWidget(m_window->failuresPanel());
    gui::FailuresPanel* panel = m_window->failuresPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->model()->rowCount() > 0, 10'000);
    panel->view()->selectRow(0);
    QTRY_VERIFY(panel->retrySelectedButton()->isEnabled());
    const FailureRecord chosen = panel->model()->entry(0);
    QTest::mouseClick(panel->retrySelectedButton(), Qt::LeftButton);
    QMessageBox* confirm = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (confirm = panel->findChild<QMessageBox*>(QStringLiteral("confirmRetry"))) != nullptr,
        10'000);
    QVERIFY2(confirm->text().startsWith(QLatin1String("Try ")), qPrintable(confirm->text()));
    QTest::mouseClick(confirm->findChild<QPushButton*>(QStringLiteral("confirm")), Qt::LeftButton);
    // Invalid JSON stays invalid: it fails again, one attempt more, and the queue keeps it.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->activityPanel()->last().contains(QLatin1String("still failing")), 30'000);
    QCOMPARE(ControlClient::failureCounts(endpoint, {})->total, before);
    FailureQuery query;
    query.topic = chosen.topic;
    query.partitions = {chosen.partition};
    const Result<FailurePage> page = ControlClient::failurePage(endpoint, query, {}, 1000);
    QVERIFY(page.ok());
    const auto again =
        std::find_if(page->entries.begin(), page->entries.end(), [&](const FailureRecord& entry) {
            return entry.offset == chosen.offset && entry.index == chosen.index;
        });
    QVERIFY(again != page->entries.end());
    QCOMPARE(again->attempts, chosen.attempts + 1);
}

void TestConsoleFailures::inspectorShowsWhatMessagesBecame() {
    // New traffic after the worker started: the sample ring holds it.
    QVERIFY(m_bench->produce(300));
    QVERIFY(m_bench->waitCaughtUp(30'000));
    m_window->tabs()->setCurrentWidget(m_window->inspectorPanel());
    gui::InspectorPanel* inspector = m_window->inspectorPanel();
    inspector->inspect(QStringLiteral("failures:1"));
    QTRY_VERIFY_WITH_TIMEOUT(inspector->model()->rowCount() > 0, 10'000);
    const CliRun run = runMtga({QStringLiteral("sample"), QStringLiteral("--socket"),
                                m_bench->socket(), QStringLiteral("--topic"),
                                QStringLiteral("failures:1"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const Result<SampleReply> sampled =
        SampleReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
    QVERIFY(sampled.ok());
    // Newest first, the same messages (the worker is idle, so the ring did not move).
    QCOMPARE(inspector->model()->reply().messages.front().offset, sampled->messages.front().offset);
    const SampleMessage& newest = inspector->model()->reply().messages.front();
    QCOMPARE(inspector->records()->toPlainText(), gui::SampleModel::recordsText(newest));
    QVERIFY(!newest.records.empty());
    if (newest.records.front().outcome == QLatin1String("written")) {
        QVERIFY(inspector->records()->toPlainText().contains(newest.records.front().line));
    }
}

void TestConsoleFailures::alertsTabListsTheHistory() {
    m_window->tabs()->setCurrentWidget(m_window->alertsPanel());
    gui::AlertsPanel* alerts = m_window->alertsPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!alerts->statusLabel()->text().isEmpty() &&
                                 !alerts->statusLabel()->text().startsWith(QLatin1String("Not")),
                             10'000);
    const Result<AlertsReply> history =
        ControlClient::alerts(ControlEndpoint(m_bench->socket()), 200);
    QVERIFY(history.ok());
    QVERIFY2(!history->alerts.empty(), "the failure queue's alert must be in the history");
    QTRY_COMPARE_WITH_TIMEOUT(alerts->model()->rowCount() > 0, true, 10'000);
    QCOMPARE(alerts->model()->rowCount(), static_cast<int>(history->alerts.size()));
    for (int i = 0; i < alerts->model()->rowCount(); ++i) {
        QCOMPARE(alerts->model()->alert(i), history->alerts[static_cast<std::size_t>(i)]);
    }
}

void TestConsoleFailures::outageIsAnnouncedOnceAndRecoveryToo() {
    gui::WorkerSession* session = m_window->currentSession();
    QSignalSpy notices(m_window->notifier(), &gui::DesktopNotifier::notify);
    QVERIFY(stopCleanly(m_bench->worker(), 30'000));
    QTRY_COMPARE_WITH_TIMEOUT(session->light(), gui::WorkerSession::Light::Unreachable, 10'000);
    // Not at once: a restart's reconnect is not news.
    QCOMPARE(notices.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(notices.count(), 1, 10'000);
    QCOMPARE(notices[0][2].toBool(), true);
    QVERIFY2(notices[0][1].toString().contains(QLatin1String("unreachable")),
             qPrintable(notices[0][1].toString()));
    QTest::qWait(2500);  // still down: said once
    QCOMPARE(notices.count(), 1);

    QVERIFY(m_bench->startWorker(kPartitions));
    QTRY_COMPARE_WITH_TIMEOUT(notices.count(), 2, 20'000);
    QCOMPARE(notices[1][2].toBool(), false);
    QVERIFY(m_window->activityPanel()->last().contains(QLatin1String("recovered")));

    // Muted: the same outage says nothing.
    session->setMuted(true);
    QVERIFY(stopCleanly(m_bench->worker(), 30'000));
    QTRY_COMPARE_WITH_TIMEOUT(session->light(), gui::WorkerSession::Light::Unreachable, 10'000);
    QTest::qWait(3000);
    QVERIFY(m_bench->startWorker(kPartitions));
    QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 20'000);
    QTest::qWait(1500);
    QCOMPARE(notices.count(), 2);
}

QTEST_MAIN(TestConsoleFailures)
#include "tst_consolefailures.moc"
