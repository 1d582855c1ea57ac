// CrashRecovery over a real FileSink and store: the lines past a checkpoint are remembered (and
// skipped once when they come again), a torn fragment is cut, a short file is reported, and a
// sink with nothing to read back recovers nothing.

#include "worker/pipeline/crashrecovery.h"
#include "worker/sink/filesink.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace mtga;

namespace {

bool writeFile(const QString& path, const QByteArray& content) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

class NoTailSink : public Sink {
public:
    bool wantsOrigins() const override { return true; }
    Result<size_t> write(int, std::string_view lines, std::span<const LineOrigin>) override {
        return lines.size();
    }
    Result<SinkCheckpoint> prepareCheckpointBy(std::chrono::steady_clock::time_point) override {
        return SinkCheckpoint{};
    }
    std::vector<QString> closeIdle() override { return {}; }
};

}  // namespace

class TestCrashRecovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tailsPastTheCheckpointAreRemembered();
    void aShortFileIsReported();
    void savedIdentitiesComeBack();
    void aSinkWithoutTailsRecoversNothing();
    void openFilesRememberCompleteLinesOnly();
};

void TestCrashRecovery::tailsPastTheCheckpointAreRemembered() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.log"));
    const QByteArray checkpointed = "{\"#uuid\":\"a\"}\n";
    QVERIFY(writeFile(path, checkpointed + "{\"#uuid\":\"b\"}\n{\"#uuid\":\"c\"}\n{\"#uu"));
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    CheckpointBatch batch;
    batch.files.push_back({path, checkpointed.size()});
    QVERIFY(store.value()->commit(batch));
    FileSinkOptions options;
    options.directory = dir.filePath(QStringLiteral("out"));
    options.instance = QStringLiteral("test");
    FileSink sink(options);
    RecoverySet recovery;
    CrashRecovery crash(*store.value(), sink, recovery);

    const auto found = crash.atStart();
    QVERIFY2(found, qPrintable(found ? QString() : found.error().message));
    QCOMPARE(found->tailLines, size_t(2));
    QCOMPARE(found->shortOutputs, size_t(0));
    QCOMPARE(found->recoveredFiles.size(), size_t(1));
    // The torn fragment is cut; complete lines stay, and the first checkpoint records them all.
    QCOMPARE(readFile(path), checkpointed + "{\"#uuid\":\"b\"}\n{\"#uuid\":\"c\"}\n");
    QCOMPARE(found->recoveredFiles[0].length, readFile(path).size());
    QCOMPARE(recovery.size(), size_t(2));
    QVERIFY(!recovery.take("{\"#uuid\":\"a\"}\n"));  // checkpointed: not in the set
    QVERIFY(recovery.take("{\"#uuid\":\"b\"}\n"));
    QVERIFY(!recovery.take("{\"#uuid\":\"b\"}\n"));  // skipped once only
    const auto audit = store.value()->auditLog(10).value();
    QVERIFY(std::any_of(audit.begin(), audit.end(),
                        [](const AuditEntry& entry) { return entry.kind == "recovery"; }));
}

void TestCrashRecovery::aShortFileIsReported() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.log"));
    QVERIFY(writeFile(path, "{\"#uuid\":\"a\"}\n"));
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    CheckpointBatch batch;
    batch.files.push_back({path, 1000});  // something cut the file after its checkpoint
    QVERIFY(store.value()->commit(batch));
    FileSink sink(FileSinkOptions{});
    RecoverySet recovery;
    const auto found = CrashRecovery(*store.value(), sink, recovery).atStart();
    QVERIFY(found);
    QCOMPARE(found->shortOutputs, size_t(1));
    QVERIFY(recovery.empty());
    QCOMPARE(readFile(path), QByteArray("{\"#uuid\":\"a\"}\n"));  // left alone
}

void TestCrashRecovery::savedIdentitiesComeBack() {
    QTemporaryDir dir;
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    RecoverySet earlier;
    earlier.addTailLine("{\"#uuid\":\"x\"}");
    CheckpointBatch batch;
    batch.meta["recovery.identities"] = earlier.serialize();
    QVERIFY(store.value()->commit(batch));
    FileSink sink(FileSinkOptions{});
    RecoverySet recovery;
    QVERIFY(CrashRecovery(*store.value(), sink, recovery).atStart());
    QVERIFY(recovery.take("{\"#uuid\":\"x\"}"));
}

void TestCrashRecovery::aSinkWithoutTailsRecoversNothing() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.log"));
    QVERIFY(writeFile(path, "{\"#uuid\":\"a\"}\n{\"#uuid\":\"b\"}\n"));
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    CheckpointBatch batch;
    batch.files.push_back({path, 0});
    QVERIFY(store.value()->commit(batch));
    NoTailSink sink;
    RecoverySet recovery;
    const auto found = CrashRecovery(*store.value(), sink, recovery).atStart();
    QVERIFY(found);
    QCOMPARE(found->tailLines, size_t(0));
    QVERIFY(recovery.empty());
}

void TestCrashRecovery::openFilesRememberCompleteLinesOnly() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.log"));
    QVERIFY(writeFile(path, "{\"#uuid\":\"a\"}\n{\"#uuid\":\"b\"}\n{\"#uuid\":\"c"));
    auto store = Store::open(dir.filePath(QStringLiteral("store")), false);
    QVERIFY(store);
    CheckpointBatch batch;
    batch.files.push_back({path, 0});
    QVERIFY(store.value()->commit(batch));
    FileSink sink(FileSinkOptions{});
    RecoverySet recovery;
    CrashRecovery crash(*store.value(), sink, recovery);
    QCOMPARE(crash.rememberUncheckpointed(), size_t(2));
    QVERIFY(recovery.take("{\"#uuid\":\"a\"}"));
    QVERIFY(recovery.take("{\"#uuid\":\"b\"}"));
    // The open file is not cut: a writer may be finishing that line.
    QVERIFY(readFile(path).endsWith("{\"#uuid\":\"c"));
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
