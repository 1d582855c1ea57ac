// WorkQueues: routing by partition, back-pressure by items and bytes, in-flight counting and
// drains, dropping revoked partitions, and stopping, with plain items instead of Kafka messages.

#include "worker/pipeline/workqueues.h"

#include <QtTest>

#include <string>
#include <thread>

using namespace mtga;

namespace {

struct Item {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    qint64 size = 1;
};

struct ItemTraits {
    static std::string_view topic(const Item& item) { return item.topic; }
    static int32_t partition(const Item& item) { return item.partition; }
    static qint64 bytes(const Item& item) { return item.size; }
};

using Queues = WorkQueues<Item, ItemTraits>;

auto now() {
    return std::chrono::steady_clock::now();
}

std::vector<Item> items(const std::string& topic, int32_t partition, int64_t from, int64_t count,
                        qint64 size = 1) {
    std::vector<Item> result;
    for (int64_t offset = from; offset < from + count; ++offset) {
        result.push_back({topic, partition, offset, size});
    }
    return result;
}

const auto admitAll = [](const Item&) { return true; };

}  // namespace

class TestWorkQueues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void partitionKeepsItsQueueAndOrder_data();
    void partitionKeepsItsQueueAndOrder();
    void fullQueueTakesNothingOfTheOffer_data();
    void fullQueueTakesNothingOfTheOffer();
    void refusedItemsAreNotInFlight();
    void drainWaitsForDone();
    void dropRemovesOnlyThosePartitions();
    void closedIntakeRefusesOffers();
    void abandonWakesATakerAndDiscards();
    void offerWaitsForRoomUntilItsDeadline();
};

void TestWorkQueues::partitionKeepsItsQueueAndOrder_data() {
    QTest::addColumn<int>("queues");
    QTest::addColumn<int>("partitions");
    QTest::newRow("one queue") << 1 << 8;
    QTest::newRow("two queues") << 2 << 8;
    QTest::newRow("more queues than partitions") << 16 << 3;
}

void TestWorkQueues::partitionKeepsItsQueueAndOrder() {
    QFETCH(int, queues);
    QFETCH(int, partitions);
    Queues work(static_cast<size_t>(queues), {});
    std::vector<Item> offered;
    for (int64_t round = 0; round < 3; ++round) {
        for (int32_t p = 0; p < partitions; ++p) {
            for (Item& item : items("t", p, round * 10, 10)) {
                offered.push_back(std::move(item));
            }
        }
    }
    const size_t total = offered.size();
    QVERIFY(work.offer(offered, now(), admitAll));
    QVERIFY(offered.empty());
    QCOMPARE(work.inFlight(), int64_t(total));
    std::map<size_t, size_t> expected;  // items per queue
    for (int32_t p = 0; p < partitions; ++p) {
        expected[work.queueOf("t", p)] += 30;
    }
    std::map<int32_t, size_t> queueOfPartition;
    std::map<int32_t, int64_t> next;
    size_t taken = 0;
    for (const auto& [q, count] : expected) {
        std::vector<Item> out;
        while (out.size() < count) {
            const size_t before = out.size();
            QVERIFY(work.take(q, 7, out, [] {}));  // at most 7 at a time
            QVERIFY(out.size() - before <= 7);
        }
        QCOMPARE(out.size(), count);
        for (const Item& item : out) {
            const auto [it, added] = queueOfPartition.emplace(item.partition, q);
            QCOMPARE(it->second, q);  // a partition's items all come from one queue
            QCOMPARE(item.offset, next[item.partition]);  // in order
            next[item.partition] = item.offset + 1;
        }
        taken += out.size();
        work.done(static_cast<int64_t>(out.size()));
    }
    QCOMPARE(taken, total);
    QCOMPARE(work.inFlight(), int64_t(0));
}

void TestWorkQueues::fullQueueTakesNothingOfTheOffer_data() {
    QTest::addColumn<qint64>("maxItems");
    QTest::addColumn<qint64>("maxBytes");
    QTest::addColumn<qint64>("itemSize");
    QTest::newRow("by items") << qint64(10) << qint64(1'000'000) << qint64(1);
    QTest::newRow("by bytes") << qint64(1'000'000) << qint64(1000) << qint64(100);
}

void TestWorkQueues::fullQueueTakesNothingOfTheOffer() {
    QFETCH(qint64, maxItems);
    QFETCH(qint64, maxBytes);
    QFETCH(qint64, itemSize);
    Queues work(1, {maxItems, maxBytes});
    std::vector<Item> first = items("t", 0, 0, 10, itemSize);
    QVERIFY(work.offer(first, now(), admitAll));
    QVERIFY(first.empty());
    // Full now: the next offer is left as it was, in order, for the source to offer again.
    std::vector<Item> second = items("t", 0, 10, 5, itemSize);
    QVERIFY(work.offer(second, now(), admitAll));
    QCOMPARE(second.size(), size_t(5));
    QCOMPARE(second.front().offset, int64_t(10));
    QCOMPARE(second.back().offset, int64_t(14));
    QCOMPARE(work.inFlight(), int64_t(10));
    // Taking makes room: the same offer goes in.
    std::vector<Item> out;
    QVERIFY(work.take(0, 100, out, [] {}));
    QCOMPARE(out.size(), size_t(10));
    QVERIFY(work.offer(second, now(), admitAll));
    QVERIFY(second.empty());
    QCOMPARE(work.inFlight(), int64_t(15));
}

void TestWorkQueues::refusedItemsAreNotInFlight() {
    Queues work(2, {});
    std::vector<Item> offered = items("t", 0, 0, 10);
    QVERIFY(work.offer(offered, now(), [](const Item& item) { return item.offset % 2 == 0; }));
    QVERIFY(offered.empty());
    QCOMPARE(work.inFlight(), int64_t(5));
}

void TestWorkQueues::drainWaitsForDone() {
    Queues work(1, {});
    std::vector<Item> offered = items("t", 0, 0, 4);
    QVERIFY(work.offer(offered, now(), admitAll));
    QVERIFY(!work.waitDrained(now()));
    std::vector<Item> out;
    QVERIFY(work.take(0, 100, out, [] {}));
    QVERIFY(!work.waitDrained(now()));  // taken is still in flight until done
    std::thread finisher([&] { work.done(4); });
    QVERIFY(work.waitDrained(now() + std::chrono::seconds(60)));
    finisher.join();
    QCOMPARE(work.inFlight(), int64_t(0));
}

void TestWorkQueues::dropRemovesOnlyThosePartitions() {
    Queues work(1, {});
    std::vector<Item> offered = items("t", 0, 0, 5);
    for (Item& item : items("t", 1, 0, 3)) {
        offered.push_back(std::move(item));
    }
    for (Item& item : items("u", 0, 0, 2)) {
        offered.push_back(std::move(item));
    }
    QVERIFY(work.offer(offered, now(), admitAll));
    const size_t dropped = work.drop(
        [](std::string_view topic, int32_t partition) { return topic == "t" && partition == 0; });
    QCOMPARE(dropped, size_t(5));
    QCOMPARE(work.inFlight(), int64_t(5));
    std::vector<Item> out;
    QVERIFY(work.take(0, 100, out, [] {}));
    QCOMPARE(out.size(), size_t(5));
    for (const Item& item : out) {
        QVERIFY(!(item.topic == "t" && item.partition == 0));
    }
}

void TestWorkQueues::closedIntakeRefusesOffers() {
    Queues work(1, {});
    work.closeIntake();
    std::vector<Item> offered = items("t", 0, 0, 3);
    QVERIFY(!work.offer(offered, now(), admitAll));
    QVERIFY(offered.empty());  // not queued: consumed again next time
    QCOMPARE(work.inFlight(), int64_t(0));
}

void TestWorkQueues::abandonWakesATakerAndDiscards() {
    Queues work(1, {});
    bool result = true;
    std::thread taker([&] {
        std::vector<Item> out;
        result = work.take(0, 10, out, [] {});  // waits: the queue is empty
    });
    work.abandon();
    taker.join();
    QVERIFY(!result);
    // Abandoned with items queued: they are discarded, and no longer in flight.
    Queues full(1, {});
    std::vector<Item> offered = items("t", 0, 0, 3);
    QVERIFY(full.offer(offered, now(), admitAll));
    full.abandon();
    std::vector<Item> out;
    QVERIFY(!full.take(0, 10, out, [] {}));
    QVERIFY(out.empty());
    QCOMPARE(full.inFlight(), int64_t(0));
    QVERIFY(full.waitDrained(now()));
}

void TestWorkQueues::offerWaitsForRoomUntilItsDeadline() {
    Queues work(1, {2, 1'000'000});
    std::vector<Item> first = items("t", 0, 0, 2);
    QVERIFY(work.offer(first, now(), admitAll));
    // A taker frees the queue while the offer waits: the offer goes in before its deadline.
    std::thread taker([&] {
        std::vector<Item> out;
        (void)work.take(0, 10, out, [] {});
    });
    std::vector<Item> second = items("t", 0, 2, 2);
    QVERIFY(work.offer(second, now() + std::chrono::seconds(60), admitAll));
    taker.join();
    QVERIFY(second.empty());
    QCOMPARE(work.inFlight(), int64_t(4));
}

QTEST_GUILESS_MAIN(TestWorkQueues)
#include "tst_workqueues.moc"
