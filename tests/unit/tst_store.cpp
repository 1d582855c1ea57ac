// The RocksDB store: checkpoints, files, failure queue, audit log and metadata survive a reopen,
// and a checkpoint is all or nothing.

#include "tests/support/qtestprinters.h"
#include "worker/store/store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace mtga;

Q_DECLARE_METATYPE(mtga::FailureStage)
Q_DECLARE_METATYPE(mtga::FailureReason)

namespace {

FailureEntry failure(int32_t partition, int64_t offset, uint32_t index = 0) {
    FailureEntry entry;
    entry.topic = "mulog_clean_24";
    entry.partition = partition;
    entry.offset = offset;
    entry.index = index;
    entry.appId = 24;
    entry.logName = "log_item";
    entry.stage = FailureStage::Transform;
    entry.reason = FailureReason::BadTime;
    entry.message = "logs.mtime = \"x\" is not a time";
    entry.field = "mtime";
    entry.firstTimeMs = 1000;
    entry.lastTimeMs = 2000;
    entry.attempts = 2;
    entry.payload = std::string("\x00\xff{\"binary\":true}", 16);
    return entry;
}

// failure(0, 17) as the store holds it, with `stage` and `code` as given.
std::string storedFailure(const std::string& stage, const std::string& reason) {
    return "{\"app_id\":24,\"attempts\":2,\"code\":\"" + reason +
           "\",\"field\":\"mtime\",\"first_time_ms\":1000,\"index\":0,\"last_time_ms\":2000,"
           "\"log_name\":\"log_item\",\"message\":\"logs.mtime = \\\"x\\\" is not a time\","
           "\"offset\":17,\"partition\":0,\"payload\":\"AP97ImJpbmFyeSI6dHJ1ZQ==\",\"stage\":\"" +
           stage + "\",\"topic\":\"mulog_clean_24\"}";
}

// What a checkpoint writes of `entry` and a later start reads back.
std::optional<FailureEntry> throughStore(const FailureEntry& entry) {
    QTemporaryDir dir;
    {
        auto store = Store::open(dir.path(), false);
        CheckpointBatch batch;
        batch.failures.push_back(entry);
        if (!store || !store.value()->commit(batch)) {
            return std::nullopt;
        }
    }
    auto store = Store::open(dir.path(), false);
    if (!store) {
        return std::nullopt;
    }
    const auto read = store.value()->failures(10);
    if (!read || read->size() != 1) {
        return std::nullopt;
    }
    return read->front();
}

}  // namespace

class TestStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void checkpointSurvivesReopen();
    void failureQueue();
    void unknownNamesAreWrittenBackAsRead_data();
    void unknownNamesAreWrittenBackAsRead();
    void knownNamesRoundTrip_data();
    void knownNamesRoundTrip();
    void auditLogKeepsOrderAcrossReopen();
    void refusesUnknownFormatAndBadPath();
    void unreadableCheckpointsAreAnErrorNotFewer();
};

void TestStore::checkpointSurvivesReopen() {
    QTemporaryDir dir;
    {
        auto store = Store::open(dir.path(), true);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QVERIFY(
            store.value()->recordNewFile(QStringLiteral("/data/24/a.log.2020-12-17-13_0")).ok());
        QCOMPARE(store.value()->files().value().size(), size_t(1));
        QCOMPARE(store.value()->files().value()[0].length, 0);
        CheckpointBatch batch;
        batch.nextOffsets[{"mulog_clean_24", 0}] = 1000;
        batch.nextOffsets[{"mulog_clean_24", 11}] = 6197511495;
        batch.nextOffsets[{"other", 3}] = 7;
        batch.files.push_back({QStringLiteral("/data/24/a.log.2020-12-17-13_0"), 4096});
        batch.files.push_back({QStringLiteral("/data/25/文件.log.2020-12-17-13_0"), 12});
        batch.failures.push_back(failure(0, 17));
        QVERIFY(store.value()->commit(batch).ok());

        CheckpointBatch next;
        next.nextOffsets[{"mulog_clean_24", 0}] = 2000;
        next.closedFiles.push_back(QStringLiteral("/data/25/文件.log.2020-12-17-13_0"));
        QVERIFY(store.value()->commit(next).ok());
    }
    auto store = Store::open(dir.path(), true);
    QVERIFY(store.ok());
    const auto offsets = store.value()->nextOffsets().value();
    QCOMPARE(offsets.size(), size_t(3));
    QCOMPARE(offsets.at({"mulog_clean_24", 0}), int64_t(2000));
    QCOMPARE(offsets.at({"mulog_clean_24", 11}), int64_t(6197511495));
    QCOMPARE(offsets.at({"other", 3}), int64_t(7));
    const auto files = store.value()->files().value();
    QCOMPARE(files.size(), size_t(1));
    QCOMPARE(files[0].path, QStringLiteral("/data/24/a.log.2020-12-17-13_0"));
    QCOMPARE(files[0].length, 4096);
    QCOMPARE(store.value()->failureCount(), uint64_t(1));
}

void TestStore::failureQueue() {
    QTemporaryDir dir;
    auto store = Store::open(dir.path(), false);
    QVERIFY(store.ok());
    CheckpointBatch batch;
    for (int64_t offset : {30, 10, 20}) {
        batch.failures.push_back(failure(1, offset));
    }
    batch.failures.push_back(failure(0, 99, 2));
    QVERIFY(store.value()->commit(batch).ok());
    QCOMPARE(store.value()->failureCount(), uint64_t(4));

    // Sorted by partition then offset, and paged by key.
    const auto firstPage = store.value()->failures(2).value();
    QCOMPARE(firstPage.size(), size_t(2));
    QCOMPARE(firstPage[0].partition, 0);
    QCOMPARE(firstPage[0].index, 2u);
    QCOMPARE(firstPage[1].offset, int64_t(10));
    const auto secondPage = store.value()->failures(10, firstPage[1].key()).value();
    QCOMPARE(secondPage.size(), size_t(2));
    QCOMPARE(secondPage[0].offset, int64_t(20));
    QCOMPARE(secondPage[1].offset, int64_t(30));

    const FailureEntry& entry = secondPage[1];
    const FailureEntry expected = failure(1, 30);
    QCOMPARE(entry.payload, expected.payload);
    QCOMPARE(entry.stage, expected.stage);
    QCOMPARE(entry.reason, expected.reason);
    QVERIFY(!entry.unknownStage && !entry.unknownReason);
    QCOMPARE(entry.message, expected.message);
    QCOMPARE(entry.attempts, expected.attempts);
    QCOMPARE(entry.lastTimeMs, expected.lastTimeMs);

    QVERIFY(store.value()->removeFailures({firstPage[0].key()}).ok());
    QCOMPARE(store.value()->failureCount(), uint64_t(3));
    CheckpointBatch resolve;
    resolve.resolvedFailures.push_back(secondPage[0].key());
    QVERIFY(store.value()->commit(resolve).ok());
    QCOMPARE(store.value()->failureCount(), uint64_t(2));
    auto cleared = store.value()->clearFailures();
    QVERIFY(cleared.ok());
    QCOMPARE(cleared.value(), uint64_t(2));
    QCOMPARE(store.value()->failureCount(), uint64_t(0));
}

void TestStore::unknownNamesAreWrittenBackAsRead_data() {
    // Names a newer worker may write, and names that only look like this build's.
    QTest::addColumn<QByteArray>("stage");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("newer stage") << QByteArray("enrich") << QByteArray("bad_time");
    QTest::newRow("newer reason") << QByteArray("sink") << QByteArray("sink_throttled");
    QTest::newRow("both newer") << QByteArray("enrich") << QByteArray("geo_lookup");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
    QTest::newRow("case differs") << QByteArray("Sink") << QByteArray("Sink_Unavailable");
    QTest::newRow("non-ASCII") << QByteArray("阶段") << QByteArray("原因");
}

void TestStore::unknownNamesAreWrittenBackAsRead() {
    QFETCH(QByteArray, stage);
    QFETCH(QByteArray, reason);
    const std::string stored = storedFailure(stage.toStdString(), reason.toStdString());
    const std::optional<FailureEntry> entry = decodeFailure(stored);
    QVERIFY(entry);
    QCOMPARE(entry->unknownStage.has_value(), !parseFailureStage(stage.toStdString()));
    QCOMPARE(entry->unknownReason.has_value(), !parseFailureReason(reason.toStdString()));
    QCOMPARE(entry->unknownStage.value_or(stage.toStdString()), stage.toStdString());
    QCOMPARE(entry->unknownReason.value_or(reason.toStdString()), reason.toStdString());
    if (entry->unknownStage) {
        QVERIFY(!entry->isStage(entry->stage));  // whatever the enum holds, it is no match
    }
    QVERIFY(!entry->isTransient());  // a reason not known is never tried on the timer
    QCOMPARE(encodeFailure(*entry), stored);

    const std::optional<FailureEntry> reread = throughStore(*entry);
    QVERIFY(reread);
    QCOMPARE(encodeFailure(*reread), stored);
}

void TestStore::knownNamesRoundTrip_data() {
    QTest::addColumn<FailureStage>("stage");
    QTest::addColumn<FailureReason>("reason");
    for (size_t i = 0; i <= static_cast<size_t>(FailureStage::Sink); ++i) {
        const auto stage = static_cast<FailureStage>(i);
        QTest::addRow("stage %s", failureStageName(stage).data())
            << stage << FailureReason::BadTime;
    }
    for (size_t i = 0; i <= static_cast<size_t>(FailureReason::SinkRejected); ++i) {
        const auto reason = static_cast<FailureReason>(i);
        QTest::addRow("reason %s", failureReasonName(reason).data())
            << FailureStage::Transform << reason;
    }
}

void TestStore::knownNamesRoundTrip() {
    QFETCH(FailureStage, stage);
    QFETCH(FailureReason, reason);
    FailureEntry entry = failure(0, 17);
    entry.stage = stage;
    entry.reason = reason;
    // The bytes are the names as they have always been stored (tst_failurecodes pins them).
    const std::string stored =
        storedFailure(std::string(failureStageName(stage)), std::string(failureReasonName(reason)));
    QCOMPARE(encodeFailure(entry), stored);

    const std::optional<FailureEntry> decoded = decodeFailure(stored);
    QVERIFY(decoded);
    QCOMPARE(decoded->stage, stage);
    QCOMPARE(decoded->reason, reason);
    QVERIFY(!decoded->unknownStage);
    QVERIFY(!decoded->unknownReason);
    QCOMPARE(decoded->isTransient(), reason == FailureReason::SinkUnavailable);
    QCOMPARE(encodeFailure(*decoded), stored);

    const std::optional<FailureEntry> reread = throughStore(entry);
    QVERIFY(reread);
    QCOMPARE(reread->stage, stage);
    QCOMPARE(reread->reason, reason);
    QCOMPARE(encodeFailure(*reread), stored);
}

void TestStore::auditLogKeepsOrderAcrossReopen() {
    QTemporaryDir dir;
    {
        auto store = Store::open(dir.path(), true);
        QVERIFY(store.ok());
        QVERIFY(store.value()->audit("start", R"({"instance":"a"})").ok());
        QVERIFY(store.value()->audit("clear_failures", R"({"count":3})").ok());
    }
    auto store = Store::open(dir.path(), true);
    QVERIFY(store.ok());
    QVERIFY(store.value()->audit("stop", "{}").ok());
    const auto log = store.value()->auditLog(10).value();
    QCOMPARE(log.size(), size_t(3));
    QCOMPARE(log[0].kind, std::string("start"));
    QCOMPARE(log[1].details, std::string(R"({"count":3})"));
    QCOMPARE(log[2].kind, std::string("stop"));
    QVERIFY(log[0].timeMs > 0);
    QCOMPARE(store.value()->auditLog(1).value().front().kind, std::string("stop"));
}

void TestStore::refusesUnknownFormatAndBadPath() {
    QTemporaryDir dir;
    {
        auto store = Store::open(dir.path(), true);
        QVERIFY(store.ok());
        QCOMPARE(store.value()->meta("format_version").value().value_or(""), std::string("1"));
        QVERIFY(store.value()->setMeta("format_version", "99").ok());
    }
    auto future = Store::open(dir.path(), true);
    QVERIFY(!future.ok());
    QVERIFY(future.error().message.contains(QLatin1String("format 99")));

    QFile file(dir.filePath(QStringLiteral("plain-file")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    auto blocked = Store::open(file.fileName(), true);
    QVERIFY(!blocked.ok());
    QVERIFY(blocked.error().message.contains(file.fileName()));
}

void TestStore::unreadableCheckpointsAreAnErrorNotFewer() {
    // A read error (here a corrupt table file) must not look like fewer checkpoints: those
    // partitions would start over from the group's commit or start_from.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store"));
    {
        auto store = Store::open(path, true);
        QVERIFY(store);
        CheckpointBatch batch;
        for (int32_t partition = 0; partition < 200; ++partition) {
            batch.nextOffsets[{"corrupt_me_topic", partition}] = 1000 + partition;
        }
        QVERIFY(store.value()->commit(batch));
    }
    // Reopened once, the log is replayed into table files (RocksDB flushes on recovery).
    QVERIFY(Store::open(path, true));
    QStringList corrupted;
    for (const QFileInfo& table : QDir(path).entryInfoList({QStringLiteral("*.sst")})) {
        QFile file(table.filePath());
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        const qsizetype at = bytes.indexOf("corrupt_me_topic");
        if (at < 0) {
            continue;
        }
        // Garble the data block that holds the offsets; its checksum no longer matches.
        for (qsizetype i = at; i < std::min<qsizetype>(at + 64, bytes.size()); ++i) {
            bytes[i] = static_cast<char>(~bytes[i]);
        }
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(bytes), bytes.size());
        corrupted << table.fileName();
    }
    QVERIFY2(!corrupted.isEmpty(), "no table file holds the checkpoints");
    auto store = Store::open(path, true);
    QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
    const auto offsets = store.value()->nextOffsets();
    QVERIFY2(!offsets,
             offsets
                 ? qPrintable(
                       QStringLiteral("read %1 offsets from a corrupt store").arg(offsets->size()))
                 : "");
    QCOMPARE(offsets.error().code, ErrorCode::StoreError);
    QVERIFY2(offsets.error().message.contains(QLatin1String("cannot read the checkpoints")),
             qPrintable(offsets.error().message));
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
