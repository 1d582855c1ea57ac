// CheckpointScheduler: turns on the interval, sooner when asked, none after a stop, and no
// request lost while a turn runs.

#include "worker/pipeline/checkpointscheduler.h"

#include <QtTest>

#include <atomic>

using namespace mtga;
using namespace std::chrono_literals;

class TestCheckpointScheduler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void turnsOnTheInterval();
    void soonWakesItBeforeTheInterval();
    void requestDuringATurnIsNotLost();
    void replayRequestIsTakenOnce();
    void aReplayNoTurnTakesDoesNotSpin();
    void noTurnAfterStop();
};

void TestCheckpointScheduler::turnsOnTheInterval() {
    std::atomic<int> turns{0};
    CheckpointScheduler scheduler(10ms, [&] { ++turns; });
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(turns.load() >= 3, 30'000);
    scheduler.requestStop();
    scheduler.join();
}

void TestCheckpointScheduler::soonWakesItBeforeTheInterval() {
    std::atomic<int> turns{0};
    CheckpointScheduler scheduler(std::chrono::hours(1), [&] { ++turns; });
    scheduler.start();
    QTest::qWait(50);
    QCOMPARE(turns.load(), 0);  // an hour's interval: nothing yet
    scheduler.requestSoon();
    QTRY_COMPARE_WITH_TIMEOUT(turns.load(), 1, 30'000);
    scheduler.requestReplay();  // a replay request wakes it too
    QTRY_COMPARE_WITH_TIMEOUT(turns.load(), 2, 30'000);
}

void TestCheckpointScheduler::requestDuringATurnIsNotLost() {
    std::atomic<int> turns{0};
    std::atomic<bool> release{false};
    CheckpointScheduler* self = nullptr;
    CheckpointScheduler scheduler(std::chrono::hours(1), [&] {
        if (++turns == 1) {
            self->requestSoon();  // asked while this turn runs
            while (!release.load()) {
                std::this_thread::sleep_for(1ms);
            }
        }
    });
    self = &scheduler;
    scheduler.start();
    scheduler.requestSoon();
    QTRY_COMPARE_WITH_TIMEOUT(turns.load(), 1, 30'000);
    release.store(true);
    QTRY_COMPARE_WITH_TIMEOUT(turns.load(), 2, 30'000);
}

void TestCheckpointScheduler::replayRequestIsTakenOnce() {
    std::atomic<int> replays{0};
    CheckpointScheduler* self = nullptr;
    CheckpointScheduler scheduler(5ms, [&] {
        if (self->takeReplayRequest()) {
            ++replays;
        }
    });
    self = &scheduler;
    scheduler.start();
    scheduler.requestReplay();
    QTRY_COMPARE_WITH_TIMEOUT(replays.load(), 1, 30'000);
    const uint64_t seen = scheduler.turns();
    QTRY_VERIFY_WITH_TIMEOUT(scheduler.turns() >= seen + 3, 30'000);
    QCOMPARE(replays.load(), 1);
}

void TestCheckpointScheduler::aReplayNoTurnTakesDoesNotSpin() {
    // The checkpoint before a replay keeps failing, so no turn takes the request: the turns
    // must go on at the interval (an hour here), not in a loop.
    std::atomic<int> turns{0};
    CheckpointScheduler scheduler(std::chrono::hours(1), [&] { ++turns; });
    scheduler.start();
    scheduler.requestReplay();
    QTRY_COMPARE_WITH_TIMEOUT(turns.load(), 1, 30'000);
    QTest::qWait(200);
    QCOMPARE(turns.load(), 1);
    scheduler.requestReplayLater();  // no wake-up of its own
    QTest::qWait(200);
    QCOMPARE(turns.load(), 1);
}

void TestCheckpointScheduler::noTurnAfterStop() {
    std::atomic<int> turns{0};
    CheckpointScheduler scheduler(std::chrono::hours(1), [&] { ++turns; });
    scheduler.start();
    scheduler.requestStop();
    scheduler.requestSoon();
    scheduler.join();  // returns at once: the hour's wait ends with the stop
    QCOMPARE(turns.load(), 0);
}

QTEST_GUILESS_MAIN(TestCheckpointScheduler)
#include "tst_checkpointscheduler.moc"
