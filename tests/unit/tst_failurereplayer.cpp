// FailureReplayer and FailureBackoff: entries that now succeed are written once and leave the
// queue with the checkpoint; the output refusing keeps them as they were; transient entries wait
// their backoff; refused lines become entries only with their offsets.

#include "tests/support/qtestprinters.h"
#include "worker/pipeline/failurereplayer.h"
#include "worker/transform/settingsregistry.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace mtga;

namespace {

// A sink that takes everything, or nothing while `refuse` is set, and keeps what it took.
class MemorySink : public Sink {
public:
    bool wantsOrigins() const override { return false; }
    Result<size_t> write(int appId, std::string_view lines, std::span<const LineOrigin>) override {
        if (refuse) {
            return Error::of(ErrorCode::SinkWrite, QStringLiteral("refused"));
        }
        written[appId] += lines;
        return lines.size();
    }
    Result<SinkCheckpoint> prepareCheckpointBy(std::chrono::steady_clock::time_point) override {
        return SinkCheckpoint{};
    }
    std::vector<QString> closeIdle() override { return {}; }

    bool refuse = false;
    std::map<int, std::string> written;
};

FailureEntry sinkEntry(int64_t offset, FailureReason reason, int64_t lastTimeMs = 0) {
    FailureEntry entry;
    entry.topic = "log";
    entry.partition = 0;
    entry.offset = offset;
    entry.appId = 24;
    entry.stage = FailureStage::Sink;
    entry.reason = reason;
    entry.payload = "{\"#uuid\":\"u" + std::to_string(offset) + "\"}";
    entry.firstTimeMs = entry.lastTimeMs = lastTimeMs;
    return entry;
}

struct Fixture {
    QTemporaryDir dir;
    std::unique_ptr<Store> store;
    MemorySink sink;
    RecoverySet recovery;
    SettingsRegistry settings{QStringLiteral(MTGA_SOURCE_DIR "/resources/settings")};

    bool open() {
        auto opened = Store::open(dir.filePath(QStringLiteral("store")), false);
        if (!opened || !settings.reload()) {
            return false;
        }
        store = std::move(opened).value();
        return true;
    }
    bool queue(std::vector<FailureEntry> entries) {
        CheckpointBatch batch;
        batch.failures = std::move(entries);
        return store->commit(batch).ok();
    }
    // What a checkpoint does with the replayer's part.
    bool checkpoint(FailureReplayer& replayer) {
        CheckpointBatch batch;
        replayer.fill(batch);
        if (!store->commit(batch)) {
            return false;
        }
        replayer.committed();
        return true;
    }
};

constexpr std::chrono::milliseconds kBase{1000};
constexpr std::chrono::milliseconds kMax{60'000};

}  // namespace

class TestFailureReplayer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void backoffDoubles_data();
    void backoffDoubles();
    void replayWritesOnceAndRemovesWithTheCheckpoint();
    void refusedOutputKeepsTheEntries();
    void transientEntriesWaitTheirBackoff();
    void badEntriesCountAnAttempt();
    void rememberedLinesAreNotWrittenAgain();
    void rejectionsWaitForTheirOffsets();
    void newerNamesAreNotGuessed();
    void clearedEntriesAreNotWrittenBack();
    void clearingReplayedEntriesKeepsTheCount();
};

void TestFailureReplayer::backoffDoubles_data() {
    QTest::addColumn<uint>("attempts");
    QTest::addColumn<qint64>("wait");
    QTest::newRow("first") << 1u << qint64(1000);
    QTest::newRow("zero counts as one") << 0u << qint64(1000);
    QTest::newRow("second") << 2u << qint64(2000);
    QTest::newRow("sixth") << 6u << qint64(32'000);
    QTest::newRow("capped") << 7u << qint64(60'000);
    QTest::newRow("no overflow") << 4'000'000'000u << qint64(60'000);
}

void TestFailureReplayer::backoffDoubles() {
    QFETCH(uint, attempts);
    QFETCH(qint64, wait);
    FailureEntry entry = sinkEntry(0, FailureReason::SinkUnavailable, 5000);
    entry.attempts = attempts;
    QCOMPARE(FailureBackoff(kBase, kMax).dueMs(entry), 5000 + wait);
}

void TestFailureReplayer::replayWritesOnceAndRemovesWithTheCheckpoint() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.queue(
        {sinkEntry(1, FailureReason::SinkRejected), sinkEntry(2, FailureReason::SinkRejected)}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    auto report = replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000);
    QCOMPARE(report.written, uint64_t(2));
    QCOMPARE(report.settled, uint64_t(2));
    QCOMPARE(f.sink.written[24], std::string("{\"#uuid\":\"u1\"}\n{\"#uuid\":\"u2\"}\n"));
    QCOMPARE(f.store->failureCount(), uint64_t(2));    // removed only by the checkpoint
    QVERIFY(f.store->meta("replay.pending").value());  // a crash now replays again, skipping them
    // A second replay before that checkpoint writes nothing again.
    report = replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000);
    QCOMPARE(report.written, uint64_t(0));
    QCOMPARE(f.sink.written[24].size(), size_t(30));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(0));
    QVERIFY(!f.store->meta("replay.pending").value());
}

void TestFailureReplayer::refusedOutputKeepsTheEntries() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.queue({sinkEntry(1, FailureReason::SinkRejected)}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    f.sink.refuse = true;
    const auto report =
        replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000);
    QCOMPARE(report.written, uint64_t(0));
    QCOMPARE(report.stillFailing, uint64_t(1));
    QVERIFY(report.tryAgain);
    QCOMPARE(report.outputError, QStringLiteral("refused"));
    QVERIFY(f.checkpoint(replayer));
    const auto entries = f.store->failures(10).value();
    QCOMPARE(entries.size(), size_t(1));
    QCOMPARE(entries[0].attempts, 1u);  // the output failed, not the entry
    f.sink.refuse = false;
    QCOMPARE(replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000).written,
             uint64_t(1));
}

void TestFailureReplayer::transientEntriesWaitTheirBackoff() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.queue({sinkEntry(1, FailureReason::SinkUnavailable, 10'000),
                     sinkEntry(2, FailureReason::SinkUnavailable, 20'000),
                     sinkEntry(3, FailureReason::SinkRejected)}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    QVERIFY(replayer.countTransient().ok());
    QCOMPARE(replayer.transientCount(), int64_t(2));
    QCOMPARE(replayer.nextDueMs(), int64_t(11'000));
    // At 15 s only the first is due; the operator's entry is not the timer's.
    auto report =
        replayer.replay(FailureReplayer::Scope::DueTransient, f.settings.current(), {}, 15'000);
    QCOMPARE(report.written, uint64_t(1));
    QCOMPARE(report.notDue, uint64_t(1));
    QCOMPARE(replayer.transientCount(), int64_t(1));
    QCOMPARE(replayer.nextDueMs(), int64_t(21'000));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(2));
}

void TestFailureReplayer::badEntriesCountAnAttempt() {
    Fixture f;
    QVERIFY(f.open());
    FailureEntry entry = sinkEntry(5, FailureReason::InvalidJson);
    entry.stage = FailureStage::Transform;
    entry.payload = "not json at all";
    QVERIFY(f.queue({entry}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    const auto report =
        replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 30'000);
    QCOMPARE(report.stillFailing, uint64_t(1));
    QCOMPARE(report.written, uint64_t(0));
    QVERIFY(f.sink.written.empty());
    QVERIFY(f.checkpoint(replayer));
    const auto entries = f.store->failures(10).value();
    QCOMPARE(entries.size(), size_t(1));
    QCOMPARE(entries[0].attempts, 2u);
    QCOMPARE(entries[0].lastTimeMs, int64_t(30'000));
}

void TestFailureReplayer::newerNamesAreNotGuessed() {
    // Entries of a newer worker: a reason this build does not know is not the timer's, and a
    // stage it does not know is not the sink's (its payload is transformed again).
    Fixture f;
    QVERIFY(f.open());
    FailureEntry newerReason = sinkEntry(1, FailureReason::SinkUnavailable, 10'000);
    newerReason.unknownReason = "sink_throttled";
    FailureEntry newerStage = sinkEntry(2, FailureReason::SinkRejected);
    newerStage.unknownStage = "enrich";
    QVERIFY(f.queue({newerReason, newerStage}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    QVERIFY(replayer.countTransient().ok());
    QCOMPARE(replayer.transientCount(), int64_t(0));
    QCOMPARE(replayer.nextDueMs(), int64_t(-1));
    const auto report =
        replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 30'000);
    QCOMPARE(report.written, uint64_t(1));
    QCOMPARE(report.stillFailing, uint64_t(1));
    QCOMPARE(f.sink.written[24], std::string("{\"#uuid\":\"u1\"}\n"));
    QVERIFY(f.checkpoint(replayer));
    const auto entries = f.store->failures(10).value();
    QCOMPARE(entries.size(), size_t(1));
    QCOMPARE(entries[0].offset, int64_t(2));
    QCOMPARE(entries[0].unknownStage.value_or(""), std::string("enrich"));
    QVERIFY(!entries[0].unknownReason);  // the transform's reason of this attempt
    QCOMPARE(entries[0].attempts, 2u);
}

void TestFailureReplayer::rememberedLinesAreNotWrittenAgain() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.queue(
        {sinkEntry(1, FailureReason::SinkRejected), sinkEntry(2, FailureReason::SinkRejected)}));
    // A crash after writing the first line: recovery found it in a tail.
    f.recovery.addTailLine("{\"#uuid\":\"u1\"}");
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    const auto report =
        replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000);
    QCOMPARE(report.written, uint64_t(1));
    QCOMPARE(f.sink.written[24], std::string("{\"#uuid\":\"u2\"}\n"));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(0));  // both settled
}

void TestFailureReplayer::rejectionsWaitForTheirOffsets() {
    Fixture f;
    QVERIFY(f.open());
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    const auto rejection = [](int32_t partition, int64_t offset) {
        SinkRejection r;
        r.topic = "log";
        r.partition = partition;
        r.offset = offset;
        r.appId = 24;
        r.line = "{\"#uuid\":\"r\"}";
        r.reason = FailureReason::SinkUnavailable;
        r.transient = true;
        return r;
    };
    std::vector<SinkRejection> rejected{rejection(0, 5), rejection(0, 9), rejection(1, 3)};
    std::map<TopicPartition, int64_t> progress{{{"log", 0}, 6}};
    const auto ownedOnlyZero = [](const TopicPartition& p) { return p.partition == 0; };
    // Offset 5 is acknowledged (progress 6): an entry. 9 is not yet: held. Partition 1 is not
    // owned any more: its message is consumed again, no entry.
    QCOMPARE(replayer.addRejections(rejected, progress, ownedOnlyZero, 1000), uint64_t(1));
    QVERIFY(rejected.empty());
    QCOMPARE(replayer.transientCount(), int64_t(1));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(1));
    // The held one becomes an entry once its offset passes.
    progress[{"log", 0}] = 10;
    QCOMPARE(replayer.addRejections(rejected, progress, ownedOnlyZero, 2000), uint64_t(1));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(2));
    QCOMPARE(replayer.transientCount(), int64_t(2));
}

void TestFailureReplayer::clearedEntriesAreNotWrittenBack() {
    Fixture f;
    QVERIFY(f.open());
    FailureEntry bad = sinkEntry(1, FailureReason::InvalidJson);
    bad.stage = FailureStage::Parse;
    bad.payload = "not json";
    QVERIFY(f.queue({bad, sinkEntry(2, FailureReason::SinkUnavailable)}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    QVERIFY(replayer.countTransient());
    QCOMPARE(replayer.transientCount(), int64_t(1));
    // The bad entry fails again: its update (one more attempt) waits for the checkpoint.
    f.sink.refuse = true;
    const auto report =
        replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000);
    QCOMPARE(report.stillFailing, uint64_t(2));
    FailureFilter json;
    json.reason = FailureReason::InvalidJson;
    const auto removed = replayer.clear(json);
    QVERIFY(removed);
    QCOMPARE(removed.value(), uint64_t(1));
    QCOMPARE(f.store->failureCount(), uint64_t(1));
    QVERIFY(f.checkpoint(replayer));
    // Not resurrected by the pending update, and the transient one is still counted.
    QCOMPARE(f.store->failureCount(), uint64_t(1));
    QCOMPARE(f.store->countFailures(json).value(), uint64_t(0));
    QCOMPARE(replayer.transientCount(), int64_t(1));

    FailureFilter transient;
    transient.reason = FailureReason::SinkUnavailable;
    QCOMPARE(replayer.clear(transient).value(), uint64_t(1));
    QCOMPARE(replayer.transientCount(), int64_t(0));
    QCOMPARE(replayer.nextDueMs(), int64_t(-1));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(0));
    QCOMPARE(f.store->failures(10).value().size(), size_t(0));
}

void TestFailureReplayer::clearingReplayedEntriesKeepsTheCount() {
    Fixture f;
    QVERIFY(f.open());
    QVERIFY(f.queue(
        {sinkEntry(1, FailureReason::SinkRejected), sinkEntry(2, FailureReason::SinkRejected)}));
    FailureReplayer replayer(*f.store, f.sink, f.recovery, FailureBackoff(kBase, kMax));
    // Replayed and written; their removal waits for the checkpoint, the clear comes first.
    QCOMPARE(replayer.replay(FailureReplayer::Scope::All, f.settings.current(), {}, 10'000).written,
             uint64_t(2));
    QCOMPARE(replayer.clear({}).value(), uint64_t(2));
    QCOMPARE(f.store->failureCount(), uint64_t(0));
    QVERIFY(f.checkpoint(replayer));
    QCOMPARE(f.store->failureCount(), uint64_t(0));  // not below zero, not back
    QVERIFY(f.queue({sinkEntry(3, FailureReason::SinkRejected)}));
    QCOMPARE(f.store->failureCount(), uint64_t(1));
}

QTEST_GUILESS_MAIN(TestFailureReplayer)
#include "tst_failurereplayer.moc"
