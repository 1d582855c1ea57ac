// The console against a real `mtga run` on the embedded Kafka: the partitions table shows what
// `mtga offset_checker --json` says and follows it; clearing the failure queue through the real
// button and dialog (Cancel leaves it); the reset dialog's preview is the worker's dry run,
// Apply moves the offsets and Undo puts them back (marks in the chart); restart and reload
// through their actions; the overview; a worker that stops and starts again is shown
// unreachable, then reconnected by itself.

#include <QtTest>

#include "gui/actions/workeractions.h"
#include "gui/chart/lagchartpanel.h"
#include "gui/dialogs/clearfailuresdialog.h"
#include "gui/dialogs/resetoffsetsdialog.h"
#include "gui/dialogs/undoresetdialog.h"
#include "gui/mainwindow.h"
#include "gui/panels/activitypanel.h"
#include "gui/panels/partitionspanel.h"
#include "gui/partitions/partitiontablemodel.h"
#include "shared/controlclient.h"
#include "tests/gui/consoletest.h"
#include "tests/support/controltest.h"
#include "tests/support/resettest.h"

#include <QAction>
#include <QChart>
#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QXYSeries>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr int kPartitions = 4;

template <typename T>
T* waitForChild(QWidget& parent, const QString& name = {}) {
    T* found = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            for (T* child : parent.findChildren<T*>()) {
                if ((name.isEmpty() || child->objectName() == name) && child->isVisible()) {
                    found = child;
                    return true;
                }
            }
            return false;
        },
        10'000);
    return found;
}

}  // namespace

class TestConsoleLive : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void tableShowsWhatOffsetCheckerSays();
    void clearFailureQueueThroughTheDialog();
    void resetPreviewApplyAndUndo();
    void restartAndReloadThroughTheActions();
    void overviewSaysWhatTheWorkerSays();
    void workerRestartIsAReconnect();

private:
    Result<OffsetsReply> offsetChecker() const;

    std::unique_ptr<ResetBench> m_bench;
    QTemporaryDir m_settings;
    std::unique_ptr<gui::MainWindow> m_window;
};

void TestConsoleLive::initTestCase() {
    m_bench = std::make_unique<ResetBench>(QStringLiteral("console"), kPartitions);
    QVERIFY(m_bench->startKafka());
    m_bench->setInvalidPerMille(25);
    QVERIFY(m_bench->produce(4000));
    QVERIFY(m_bench->startWorker(kPartitions));
    QVERIFY(m_bench->waitCaughtUp(60'000));
}

void TestConsoleLive::init() {
    m_window = std::make_unique<gui::MainWindow>(
        consoleOptions(m_settings.filePath(QStringLiteral("console.ini"))));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->addWorker(Result<gui::WorkerSpec>(gui::WorkerSpec::parse(m_bench->socket())).value(),
                        false);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->currentSession()->isConnected(), 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->partitionsPanel()->model()->rowCount(), kPartitions,
                              10'000);
}

void TestConsoleLive::cleanup() {
    m_window.reset();
}

Result<OffsetsReply> TestConsoleLive::offsetChecker() const {
    const CliRun run = runMtga({QStringLiteral("offset_checker"), QStringLiteral("--socket"),
                                m_bench->socket(), QStringLiteral("--json")});
    if (run.exitCode != 0) {
        return Error::of(ErrorCode::Unknown, run.err);
    }
    return OffsetsReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
}

void TestConsoleLive::tableShowsWhatOffsetCheckerSays() {
    const gui::PartitionTableModel& model = *m_window->partitionsPanel()->model();
    // The stats events come as lines, decoded off the window's thread.
    QSignalSpy lines(m_window->currentSession()->connection(),
                     &WorkerConnection::eventLineReceived);
    QTRY_VERIFY_WITH_TIMEOUT(lines.count() > 0, 5000);
    // Idle: the table and offset_checker must agree exactly.
    const Result<OffsetsReply> before = offsetChecker();
    QVERIFY2(before.ok(), qPrintable(before ? QString() : before.error().message));
    QString why;
    QTRY_VERIFY2_WITH_TIMEOUT(tableEquals(model, before.value(), &why), qPrintable(why), 2000);

    // New traffic: once the worker has taken and checkpointed it, the table shows it within 2 s.
    QVERIFY(m_bench->produce(800));
    QVERIFY(m_bench->waitCaughtUp(30'000));
    const Result<OffsetsReply> after = offsetChecker();
    QVERIFY(after.ok());
    QVERIFY(after->partitions.front().high > before->partitions.front().high);
    QTRY_VERIFY2_WITH_TIMEOUT(tableEquals(model, after.value(), &why), qPrintable(why), 2000);

    // The cells the operator sees: grouped digits, right-aligned numbers.
    const QModelIndex high = model.index(0, gui::PartitionTableModel::High);
    QCOMPARE(model.data(high).toString(), QLocale().toString(model.row(0).high));
    QCOMPARE(model.data(high, Qt::TextAlignmentRole).toInt() & Qt::AlignRight, int(Qt::AlignRight));
    // Copy as CSV: a header and one line per partition, the numbers plain.
    const QString csv = m_window->partitionsPanel()->selectedText(gui::CopyFormat::Csv);
    QCOMPARE(csv.count(QLatin1Char('\n')), kPartitions + 1);
    QVERIFY2(csv.contains(QStringLiteral(",%1,").arg(model.row(0).high)), qPrintable(csv));
}

void TestConsoleLive::clearFailureQueueThroughTheDialog() {
    const ControlEndpoint endpoint(m_bench->socket());
    const Result<FailureCounts> queued = ControlClient::failureCounts(endpoint, {});
    QVERIFY(queued.ok());
    QVERIFY2(queued->total > 0, "the traffic has invalid events: the queue must not be empty");

    // Cancel: nothing is deleted.
    m_window->actions()->clearFailures()->trigger();
    auto* dialog = waitForChild<gui::ClearFailuresDialog>(*m_window);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->deleteButton()->isEnabled());
    QVERIFY2(dialog->summaryLabel()->text().contains(QLocale().toString(queued->total)),
             qPrintable(dialog->summaryLabel()->text()));
    QVERIFY(dialog->summaryLabel()->text().contains(QLatin1String("invalid_json")));
    QVERIFY(!dialog->deleteButton()->isDefault());
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(ControlClient::failureCounts(endpoint, {})->total, queued->total);

    // Delete, with an export first.
    QTemporaryDir exportDir;
    const QString exportFile = exportDir.filePath(QStringLiteral("failures.jsonl"));
    m_window->actions()->clearFailures()->trigger();
    dialog = waitForChild<gui::ClearFailuresDialog>(*m_window);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->deleteButton()->isEnabled());
    dialog->exportBox()->setChecked(true);
    dialog->exportPath()->setText(exportFile);
    QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->result().has_value(), 20'000);
    QCOMPARE(dialog->result()->removed, queued->total);
    QCOMPARE(ControlClient::failureCounts(endpoint, {})->total, 0);
    QFile exported(exportFile);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll().count('\n'), queued->total);
    QVERIFY2(m_window->activityPanel()->last().contains(QLatin1String("Deleted")),
             qPrintable(m_window->activityPanel()->last()));
    QTest::mouseClick(dialog->cancelButton(), Qt::LeftButton);
}

void TestConsoleLive::resetPreviewApplyAndUndo() {
    const ControlEndpoint endpoint(m_bench->socket());
    QVERIFY(m_bench->waitCaughtUp(30'000));
    m_window->actions()->resetOffsets()->trigger();
    auto* dialog = waitForChild<gui::ResetOffsetsDialog>(*m_window);
    QVERIFY(dialog);
    dialog->setTarget(ResetTarget::Shift);
    dialog->setTargetValue(QStringLiteral("-100"));
    dialog->setPartitionChecked(3, false);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->previewPending() && !dialog->preview().empty(), 10'000);

    // The preview is the worker's own dry run of the same request.
    OffsetResetRequest request;
    request.target = ResetTarget::Shift;
    request.shift = -100;
    request.partitions = {{m_bench->topic(), 0}, {m_bench->topic(), 1}, {m_bench->topic(), 2}};
    const Result<OffsetResetReply> dryRun = ControlClient::resetOffsets(endpoint, request);
    QVERIFY(dryRun.ok());
    QCOMPARE(dialog->preview().size(), std::size_t{3});
    QCOMPARE(dialog->preview(), dryRun->partitions);
    for (const ResetRow& row : dialog->preview()) {
        QCOMPARE(row.next, row.current - 100);
        QCOMPARE(row.replayed, qint64{100});
    }

    // Apply asks first; Cancel there does nothing.
    QTRY_VERIFY(dialog->applyButton()->isEnabled());
    QTest::mouseClick(dialog->applyButton(), Qt::LeftButton);
    auto* confirm = waitForChild<QMessageBox>(*dialog, QStringLiteral("confirmReset"));
    QVERIFY(confirm);
    QVERIFY2(confirm->text().contains(QLatin1String("300")), qPrintable(confirm->text()));
    QTest::mouseClick(confirm->findChild<QPushButton*>(QStringLiteral("confirm")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->applied().empty(), 60'000);
    QVERIFY2(dialog->summaryLabel()->text().contains(QLatin1String("as previewed")),
             qPrintable(dialog->summaryLabel()->text()));

    // The worker moved them and journalled it.
    const Result<ResetJournal> journal = ControlClient::resetJournal(endpoint, 1);
    QVERIFY(journal.ok() && !journal->entries.empty());
    const ResetJournalEntry applied = journal->entries.front();
    QCOMPARE(applied.partitions.size(), std::size_t{3});
    for (const ResetJournalPartition& moved : applied.partitions) {
        QCOMPARE(moved.after, moved.before - 100);
    }
    dialog->reject();

    // Undo shows what it restores, then restores it.
    QVERIFY(m_bench->waitCaughtUp(30'000));
    m_window->actions()->undoReset()->trigger();
    auto* undo = waitForChild<gui::UndoResetDialog>(*m_window);
    QVERIFY(undo);
    QTRY_VERIFY_WITH_TIMEOUT(undo->restoreButton()->isEnabled(), 10'000);
    QCOMPARE(undo->plan().size(), std::size_t{3});
    for (const ResetRow& row : undo->plan()) {
        const auto it = std::find_if(
            applied.partitions.begin(), applied.partitions.end(),
            [&](const ResetJournalPartition& p) { return p.partition == row.partition; });
        QVERIFY(it != applied.partitions.end());
        QCOMPARE(row.next, it->before);
    }
    QTest::mouseClick(undo->restoreButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(undo->done(), 60'000);
    const Result<ResetJournal> after = ControlClient::resetJournal(endpoint, 1);
    QVERIFY(after.ok() && !after->entries.empty());
    QCOMPARE(after->entries.front().undoes, std::optional<qint64>(applied.id));
    // The chart got marks for both, and draws them with the lag.
    QCOMPARE(m_window->currentSession()->history().marks().size(), std::size_t{2});
    undo->reject();
    m_window->tabs()->setCurrentWidget(m_window->chartPanel());
    QTRY_VERIFY(m_window->chartPanel()->totalPoints() > 0);
    QAbstractSeries* resets = nullptr;
    for (QAbstractSeries* series : m_window->chartPanel()->chart()->series()) {
        if (series->name() == QLatin1String("offset reset")) {
            resets = series;
        }
    }
    QVERIFY(resets);
    QTRY_COMPARE(static_cast<QXYSeries*>(resets)->count(), 2);
}

void TestConsoleLive::restartAndReloadThroughTheActions() {
    const auto confirm = [this](QAction* action) {
        action->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = m_window->findChild<QMessageBox*>(QStringLiteral("confirmAction"))) != nullptr &&
                box->isVisible(),
            5000);
        // Cancel is the default: Enter does nothing harmful.
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("confirm")), Qt::LeftButton);
    };
    const qint64 pid = m_bench->worker().processId();
    confirm(m_window->actions()->reload());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->activityPanel()->last().contains(QLatin1String("settings reloaded: apps 24")),
        15'000);
    confirm(m_window->actions()->restart());
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->activityPanel()->last().contains(QLatin1String("restarted: running")), 60'000);
    // The same process (a restart in place), and the stats go on.
    QCOMPARE(m_bench->worker().processId(), pid);
    QSignalSpy stats(m_window->currentSession(), &gui::WorkerSession::statsUpdated);
    QTRY_VERIFY_WITH_TIMEOUT(stats.count() >= 2, 10'000);
}

void TestConsoleLive::overviewSaysWhatTheWorkerSays() {
    const Result<WorkerStatus> status = ControlClient::status(ControlEndpoint(m_bench->socket()));
    QVERIFY(status.ok());
    auto* identity = m_window->findChild<QLabel*>(QStringLiteral("identity"));
    auto* failures = m_window->findChild<QLabel*>(QStringLiteral("failures"));
    auto* selfCheck = m_window->findChild<QLabel*>(QStringLiteral("selfCheck"));
    QVERIFY(identity && failures && selfCheck);
    QTRY_VERIFY_WITH_TIMEOUT(identity->text().contains(QStringLiteral("pid %1").arg(status->pid)),
                             10'000);
    QVERIFY(identity->text().contains(QStringLiteral("mtga %1").arg(status->version)));
    QTRY_VERIFY_WITH_TIMEOUT(failures->text().contains(QLocale().toString(status->failureQueue)),
                             10'000);
    QVERIFY2(selfCheck->text().contains(QStringLiteral("%1/%1 ok").arg(status->selfCheck.size())),
             qPrintable(selfCheck->text()));
}

void TestConsoleLive::workerRestartIsAReconnect() {
    gui::WorkerSession* session = m_window->currentSession();
    const qint64 pid = m_bench->worker().processId();
    QVERIFY(stopCleanly(m_bench->worker(), 30'000));
    QTRY_COMPARE_WITH_TIMEOUT(session->light(), gui::WorkerSession::Light::Unreachable, 10'000);
    QVERIFY2(session->lightText().contains(QLatin1String("not_running")) ||
                 session->lightText().contains(QLatin1String("connection_closed")),
             qPrintable(session->lightText()));
    // No dialog for a worker going away: the operator sees it in the list and the status bar.
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    QVERIFY(m_window->statusText().contains(QLatin1String("unreachable")));

    QVERIFY(m_bench->startWorker(kPartitions));
    QTRY_VERIFY_WITH_TIMEOUT(session->isConnected(), 15'000);
    QVERIFY(session->connection()->hello()->pid != pid);
    QTRY_VERIFY_WITH_TIMEOUT(session->light() == gui::WorkerSession::Light::Connected ||
                                 session->light() == gui::WorkerSession::Light::Degraded,
                             10'000);
    // Subscribed again: stats flow.
    QSignalSpy stats(session, &gui::WorkerSession::statsUpdated);
    QTRY_VERIFY_WITH_TIMEOUT(stats.count() >= 3, 5000);
    QVERIFY(m_bench->waitCaughtUp(30'000));
    QString why;
    const Result<OffsetsReply> now = offsetChecker();
    QVERIFY(now.ok());
    QTRY_VERIFY2_WITH_TIMEOUT(tableEquals(*m_window->partitionsPanel()->model(), now.value(), &why),
                              qPrintable(why), 2000);
}

QTEST_MAIN(TestConsoleLive)
#include "tst_consolelive.moc"
