// ArrivalClock: the Kafka timestamp of a partition's next unprocessed message, from the runs the
// source recorded: exact at a run's first offset, interpolated inside it, the next run's first
// across a gap, nothing once everything taken is behind the position; a partition that went
// back starts again; a partition's runs stay bounded.

// QtTest first: moc cannot parse <compare> (topicpartition.h) before Qt's own headers.
#include <QtTest>

#include "worker/health/arrivalclock.h"

using namespace mtga;

namespace {

const TopicPartition kPartition{"t", 0};

}  // namespace

class TestArrivalClock : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void timestampOfTheNextMessage_data();
    void timestampOfTheNextMessage();
    void processedRunsAreDropped();
    void goingBackStartsAgain();
    void runsStayBounded();
};

void TestArrivalClock::timestampOfTheNextMessage_data() {
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("expected");  // -1: none

    // Runs [10, 20] at 1000..2000 ms and [30, 30] at 5000 ms.
    QTest::newRow("before the first run: the first taken") << qint64(3) << qint64(1000);
    QTest::newRow("a run's first") << qint64(10) << qint64(1000);
    QTest::newRow("inside a run") << qint64(15) << qint64(1500);
    QTest::newRow("a run's last") << qint64(20) << qint64(2000);
    QTest::newRow("in a gap: the next run's first") << qint64(25) << qint64(5000);
    QTest::newRow("a run of one") << qint64(30) << qint64(5000);
    QTest::newRow("past everything taken") << qint64(31) << qint64(-1);
}

void TestArrivalClock::timestampOfTheNextMessage() {
    QFETCH(qint64, offset);
    QFETCH(qint64, expected);
    ArrivalClock clock;
    clock.record(kPartition, {10, 20, 1000, 2000});
    clock.record(kPartition, {30, 30, 5000, 5000});
    const auto timestamp = clock.timestampAt(kPartition, offset);
    if (expected < 0) {
        QVERIFY(!timestamp.has_value());
    } else {
        QCOMPARE(timestamp, std::optional<int64_t>(expected));
    }
    QCOMPARE(clock.readNext(kPartition), 31);
    QVERIFY(!clock.timestampAt({"t", 1}, 0).has_value());
    QCOMPARE(clock.readNext({"t", 1}), -1);
}

void TestArrivalClock::processedRunsAreDropped() {
    ArrivalClock clock;
    clock.record(kPartition, {0, 9, 100, 190});
    clock.record(kPartition, {10, 19, 200, 290});
    QCOMPARE(clock.timestampAt(kPartition, 12), std::optional<int64_t>(220));
    // The first run is gone: asking for an offset inside it gives the next run's first.
    QCOMPARE(clock.timestampAt(kPartition, 5), std::optional<int64_t>(200));
    QCOMPARE(clock.readNext(kPartition), 20);  // what was read stays known
    QVERIFY(!clock.timestampAt(kPartition, 20).has_value());
    QCOMPARE(clock.readNext(kPartition), 20);
    clock.forget(kPartition);
    QCOMPARE(clock.readNext(kPartition), -1);
}

void TestArrivalClock::goingBackStartsAgain() {
    ArrivalClock clock;
    clock.record(kPartition, {100, 199, 9000, 9900});
    clock.record(kPartition, {0, 9, 100, 190});  // a reset to an earlier offset
    QCOMPARE(clock.timestampAt(kPartition, 0), std::optional<int64_t>(100));
    QCOMPARE(clock.readNext(kPartition), 10);
    QVERIFY(!clock.timestampAt(kPartition, 100).has_value());
}

void TestArrivalClock::runsStayBounded() {
    ArrivalClock clock;
    const auto runs = static_cast<int64_t>(ArrivalClock::kMaxRuns) + 100;
    for (int64_t i = 0; i < runs; ++i) {
        clock.record(kPartition, {i * 10, i * 10 + 9, i * 1000, i * 1000 + 900});
    }
    QCOMPARE(clock.readNext(kPartition), runs * 10);
    // The oldest runs keep their precision; what came after the bound is one run.
    QCOMPARE(clock.timestampAt(kPartition, 15), std::optional<int64_t>(1500));
    const int64_t merged = static_cast<int64_t>(ArrivalClock::kMaxRuns - 1) * 10;
    QCOMPARE(clock.timestampAt(kPartition, merged), std::optional<int64_t>(merged * 100));
    const auto last = clock.timestampAt(kPartition, runs * 10 - 1);
    QVERIFY(last.has_value());
    QCOMPARE(*last, (runs - 1) * 1000 + 900);
}

QTEST_APPLESS_MAIN(TestArrivalClock)
#include "tst_arrivalclock.moc"
