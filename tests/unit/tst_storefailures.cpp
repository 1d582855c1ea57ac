// The store's filtered reads and deletes of the failure queue: every filter pages through its
// entries exactly once whatever the page size, counts what it lists, and removes only those
// (the count kept right across a reopen). Real RocksDB in a temporary folder.

#include "tests/support/qtestprinters.h"
#include "worker/store/store.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace mtga;

Q_DECLARE_METATYPE(mtga::FailureFilter)

namespace {

FailureEntry entry(const std::string& topic, int32_t partition, int64_t offset, FailureStage stage,
                   FailureReason reason, int64_t firstMs, int64_t lastMs) {
    FailureEntry e;
    e.topic = topic;
    e.partition = partition;
    e.offset = offset;
    e.stage = stage;
    e.reason = reason;
    e.firstTimeMs = firstMs;
    e.lastTimeMs = lastMs;
    e.payload = "p" + std::to_string(offset);
    return e;
}

// "topic:partition:offset", how the cases name entries.
std::string name(const FailureEntry& e) {
    return e.topic + ':' + std::to_string(e.partition) + ':' + std::to_string(e.offset);
}

std::vector<FailureEntry> sampleQueue() {
    using S = FailureStage;
    using R = FailureReason;
    return {
        entry("a", 0, 1, S::Parse, R::InvalidJson, 100, 100),
        entry("a", 0, 2, S::Transform, R::BadTime, 200, 300),
        entry("a", 1, 1, S::Sink, R::SinkUnavailable, 300, 900),
        entry("a", 2, 5, S::Parse, R::InvalidJson, 400, 400),
        entry("ab", 0, 1, S::Parse, R::InvalidJson, 500, 500),  // "a" must not match "ab"
        entry("b", 0, 7, S::Route, R::UnknownApp, 600, 700),
        entry("b", 3, 9, S::Sink, R::SinkRejected, 800, 800),
    };
}

using Names = std::vector<std::string>;

}  // namespace

class TestStoreFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void filters_data();
    void filters();
    void byReasonCounts();
};

void TestStoreFailures::filters_data() {
    QTest::addColumn<FailureFilter>("filter");
    QTest::addColumn<Names>("expected");
    const Names all{"a:0:1", "a:0:2", "a:1:1", "a:2:5", "ab:0:1", "b:0:7", "b:3:9"};
    QTest::newRow("none") << FailureFilter{} << all;
    FailureFilter f;
    f.reason = FailureReason::InvalidJson;
    QTest::newRow("reason") << f << Names{"a:0:1", "a:2:5", "ab:0:1"};
    f = {};
    f.stage = FailureStage::Sink;
    QTest::newRow("stage") << f << Names{"a:1:1", "b:3:9"};
    f = {};
    f.topic = "a";
    QTest::newRow("topic, not its prefix") << f << Names{"a:0:1", "a:0:2", "a:1:1", "a:2:5"};
    f.partitions = {0, 2};
    QTest::newRow("partitions") << f << Names{"a:0:1", "a:0:2", "a:2:5"};
    f.reason = FailureReason::InvalidJson;
    QTest::newRow("partitions and reason") << f << Names{"a:0:1", "a:2:5"};
    f = {};
    f.topic = "c";
    QTest::newRow("no such topic") << f << Names{};
    f = {};
    f.sinceMs = 350;
    f.untilMs = 600;
    // a:1:1 spans 300..900, so it overlaps.
    QTest::newRow("time range") << f << Names{"a:1:1", "a:2:5", "ab:0:1", "b:0:7"};
    f = {};
    f.untilMs = 100;
    QTest::newRow("until, inclusive") << f << Names{"a:0:1"};
    f = {};
    f.sinceMs = 800;
    QTest::newRow("since, inclusive") << f << Names{"a:1:1", "b:3:9"};
}

void TestStoreFailures::filters() {
    QFETCH(FailureFilter, filter);
    QFETCH(Names, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store"));
    {
        auto store = Store::open(path, false);
        QVERIFY(store);
        CheckpointBatch batch;
        batch.failures = sampleQueue();
        QVERIFY(store.value()->commit(batch));
        for (const size_t pageSize : {size_t(1), size_t(2), size_t(3), size_t(1000)}) {
            Names listed;
            std::string from;
            int pages = 0;
            do {
                const auto page = store.value()->failurePage(filter, from, pageSize);
                QVERIFY(page);
                QVERIFY(page->entries.size() <= pageSize);
                for (const FailureEntry& e : page->entries) {
                    listed.push_back(name(e));
                }
                from = page->nextKey;
                QVERIFY(++pages <= 10);
            } while (!from.empty());
            QCOMPARE(listed, expected);  // each once, in key order
        }
        const auto counted = store.value()->countFailures(filter);
        QVERIFY(counted);
        QCOMPARE(counted.value(), uint64_t(expected.size()));

        const auto removed = store.value()->removeFailures(filter);
        QVERIFY(removed);
        QCOMPARE(removed->size(), expected.size());
        for (const RemovedFailure& gone : removed.value()) {
            QCOMPARE(gone.transient, gone.key == sampleQueue()[2].key());
        }
        QCOMPARE(store.value()->failureCount(), uint64_t(sampleQueue().size() - expected.size()));
        // A second clear finds nothing.
        QCOMPARE(store.value()->removeFailures(filter)->size(), size_t(0));
    }
    auto reopened = Store::open(path, false);
    QVERIFY(reopened);
    const uint64_t left = sampleQueue().size() - expected.size();
    QCOMPARE(reopened.value()->failureCount(), left);  // counted again at open
    const auto rest = reopened.value()->failurePage({}, {}, 1000);
    QVERIFY(rest);
    const std::set<std::string> gone(expected.begin(), expected.end());
    Names kept;
    for (const FailureEntry& e : sampleQueue()) {
        if (!gone.contains(name(e))) {
            kept.push_back(name(e));
        }
    }
    Names actual;
    for (const FailureEntry& e : rest->entries) {
        actual.push_back(name(e));
    }
    QCOMPARE(actual, kept);
}

void TestStoreFailures::byReasonCounts() {
    QTemporaryDir dir;
    auto store = Store::open(dir.path(), false);
    QVERIFY(store);
    CheckpointBatch batch;
    batch.failures = sampleQueue();
    FailureEntry newer = entry("z", 0, 1, FailureStage::Parse, FailureReason::InvalidJson, 1, 1);
    newer.unknownReason = "from_the_future";
    batch.failures.push_back(newer);
    QVERIFY(store.value()->commit(batch));
    const auto counts = store.value()->failureCountsByReason();
    QVERIFY(counts);
    const std::map<std::string, uint64_t> expected{{"invalid_json", 3},     {"bad_time", 1},
                                                   {"sink_unavailable", 1}, {"unknown_app", 1},
                                                   {"sink_rejected", 1},    {"from_the_future", 1}};
    QCOMPARE(counts.value(), expected);
    // A reason filter never matches a name this build does not know.
    FailureFilter json;
    json.reason = FailureReason::InvalidJson;
    QCOMPARE(store.value()->countFailures(json).value(), uint64_t(3));
}

QTEST_GUILESS_MAIN(TestStoreFailures)
#include "tst_storefailures.moc"
