// HealthMonitor with a real store and scripted inputs: each turn judges every partition, tells
// of the changes, publishes what readers see (the state, the rates, the worst state, since when a
// message has been in the log); a new monitor on the same store goes on with the history, and an
// unreadable record starts again instead of stopping the worker.

#include <QtTest>

#include "worker/health/healthmonitor.h"
#include "worker/store/store.h"

using namespace mtga;
using namespace std::chrono_literals;

namespace {

const TopicPartition kBusy{"t", 0};
const TopicPartition kQuiet{"t", 1};

HealthOptions options() {
    HealthOptions o;
    o.sampleInterval = 1h;  // the tests take the turns themselves
    o.window = 3;
    o.stallAfter = 2000ms;
    o.stoppedAfter = 4000ms;
    return o;
}

struct Script {
    int64_t now = 1'000'000;
    int64_t busyHigh = 100;
    int64_t busyPosition = 100;

    std::vector<HealthInput> inputs() const {
        HealthSample busy;
        busy.low = 0;
        busy.high = busyHigh;
        busy.position = busyPosition;
        busy.checkpointed = busyPosition;
        HealthSample quiet;
        quiet.low = 0;
        quiet.high = 7;
        quiet.position = 7;
        quiet.checkpointed = 7;
        return {{kBusy, busy}, {kQuiet, quiet}};
    }
};

}  // namespace

class TestHealthMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void turnsJudgeAndTell();
    void historySurvivesANewMonitor();
    void unreadableRecordStartsAgain();
};

void TestHealthMonitor::turnsJudgeAndTell() {
    QTemporaryDir dir;
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    Script script;
    std::vector<std::pair<TopicPartition, HealthTransition>> told;
    HealthMonitor monitor(
        options(), *store.value(), [&] { return script.inputs(); },
        [&](const TopicPartition& p, const HealthTransition& t) { told.emplace_back(p, t); },
        [&] { return script.now; });
    QVERIFY(monitor.start());
    QCOMPARE(monitor.worst(), HealthState::Ok);
    for (int turn = 0; turn < 3; ++turn) {
        script.now += 1000;
        monitor.sampleNow();
    }
    QCOMPARE(monitor.worst(), HealthState::Idle);  // both idle
    QCOMPARE(monitor.health(kQuiet)->state, HealthState::Idle);
    // New data the worker does not take: stall after 2 s of it.
    script.busyHigh = 500;
    for (int turn = 0; turn < 3; ++turn) {
        script.now += 1000;
        monitor.sampleNow();
    }
    QCOMPARE(monitor.health(kBusy)->state, HealthState::Stall);
    QCOMPARE(monitor.worst(), HealthState::Stall);
    QCOMPARE(monitor.health(kQuiet)->state, HealthState::Idle);
    // The first sample that saw High past 100 was the first turn with 500.
    QCOMPARE(monitor.inLogSinceMs(kBusy, 100), std::optional<int64_t>(1'004'000));
    QVERIFY(!monitor.inLogSinceMs(kQuiet, 7).has_value());
    const auto stalled = std::find_if(told.begin(), told.end(), [](const auto& change) {
        return change.first == kBusy && change.second.to == HealthState::Stall;
    });
    QVERIFY(stalled != told.end());
    QCOMPARE(stalled->second.lag, 400);
    // It moves again while a little more comes in.
    script.busyPosition = 300;
    script.now += 1000;
    monitor.sampleNow();
    script.busyPosition = 500;
    script.busyHigh = 550;
    script.now += 1000;
    monitor.sampleNow();
    const auto busy = monitor.health(kBusy);
    QCOMPARE(busy->state, HealthState::Ok);
    QVERIFY(busy->rates.known);
    QVERIFY(busy->rates.consume > 0);
    QVERIFY(!monitor.health({"t", 9}).has_value());
    monitor.stop();
}

void TestHealthMonitor::historySurvivesANewMonitor() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store"));
    Script script;
    script.busyHigh = 500;
    int64_t since = 0;
    {
        auto store = Store::open(path, false);
        QVERIFY(store);
        HealthMonitor monitor(
            options(), *store.value(), [&] { return script.inputs(); },
            [](const TopicPartition&, const HealthTransition&) {}, [&] { return script.now; });
        QVERIFY(monitor.start());
        for (int turn = 0; turn < 6; ++turn) {
            script.now += 1000;
            monitor.sampleNow();
        }
        QCOMPARE(monitor.health(kBusy)->state, HealthState::Stopped);
        since = monitor.health(kBusy)->sinceMs;
        monitor.stop();
    }
    auto store = Store::open(path, false);
    QVERIFY(store);
    int changes = 0;
    HealthMonitor monitor(
        options(), *store.value(), [&] { return script.inputs(); },
        [&](const TopicPartition&, const HealthTransition&) { ++changes; },
        [&] { return script.now; });
    QVERIFY(monitor.start());
    script.now += 60'000;  // down for a minute, nothing moved
    monitor.sampleNow();
    QCOMPARE(monitor.health(kBusy)->state, HealthState::Stopped);
    QCOMPARE(monitor.health(kBusy)->sinceMs, since);
    QCOMPARE(monitor.health(kQuiet)->state, HealthState::Idle);
    QCOMPARE(changes, 0);
    monitor.stop();
}

void TestHealthMonitor::unreadableRecordStartsAgain() {
    QTemporaryDir dir;
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    QVERIFY(store.value()->putHealth({{kBusy, "not a record"}}));
    Script script;
    HealthMonitor monitor(
        options(), *store.value(), [&] { return script.inputs(); },
        [](const TopicPartition&, const HealthTransition&) {}, [&] { return script.now; });
    QTest::ignoreMessage(QtWarningMsg,
                         "t [0]: the stored health record is unreadable; it starts again");
    QVERIFY(monitor.start());
    monitor.sampleNow();
    QCOMPARE(monitor.health(kBusy)->state, HealthState::Ok);
    monitor.stop();
    const auto kept = store.value()->healthRecords();
    QVERIFY(kept);
    QVERIFY(HealthRecord::decode(kept->at(kBusy)).has_value());  // written again, readable
}

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
