// The file sink when the disk lets it down for good: a failed fdatasync is never followed by a
// committed length (Linux may report the next one as a success with the pages gone), and lines
// dropped because their partitions went elsewhere never reach a file.

#include "tests/support/qtestprinters.h"
#include "worker/sink/filesink.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>

using mtga::ErrorCode;
using mtga::FileSink;
using mtga::FileSinkOptions;

namespace {

std::string lines(int first, int count) {
    std::string out;
    for (int i = first; i < first + count; ++i) {
        out += "{\"n\":" + std::to_string(i) + "}\n";
    }
    return out;
}

FileSinkOptions optionsIn(const QTemporaryDir& dir) {
    FileSinkOptions options;
    options.directory = dir.path();
    options.instance = QStringLiteral("w1");
    options.mode = FileSinkOptions::Mode::Batch;
    return options;
}

QByteArray contentOf(const QString& folder) {
    QByteArray all;
    for (const QString& name : QDir(folder).entryList(QDir::Files, QDir::Name)) {
        QFile file(folder + u'/' + name);
        if (file.open(QIODevice::ReadOnly)) {
            all += file.readAll();
        }
    }
    return all;
}

}  // namespace

class TestFileSinkLoss : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void failedSyncIsForGood();
    void discardDropsHeldLinesOnly();
    void fileDeletedWhileOpen_data();
    void fileDeletedWhileOpen();
    void unknownFileIsNotContinued();
    void closedFilesAreReportedOnce();
};

void TestFileSinkLoss::failedSyncIsForGood() {
    QTemporaryDir dir;
    FileSinkOptions options = optionsIn(dir);
    int failures = 0;  // how many syncs fail from now on
    options.syncFile = [&failures](int fd) { return failures-- > 0 ? EIO : ::fdatasync(fd); };
    FileSink sink(options);
    QVERIFY(sink.append(24, lines(0, 3)).ok());
    auto first = sink.flush();
    QVERIFY(first.ok());
    QCOMPARE(first->size(), size_t(1));
    const qint64 committed = first->front().length;
    QCOMPARE(committed, qint64(lines(0, 3).size()));

    failures = 1;
    QVERIFY(sink.append(24, lines(3, 3)).ok());
    auto failed = sink.flush();
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::SinkLost);
    QVERIFY2(failed.error().message.contains(QLatin1String("restart the worker")),
             qPrintable(failed.error().message));
    // The next sync would succeed, but it proves nothing: no length is committed any more.
    QCOMPARE(failures, 0);
    QVERIFY(sink.append(24, lines(6, 1)).ok());
    auto later = sink.flush();
    QVERIFY(!later.ok());
    QCOMPARE(later.error().code, ErrorCode::SinkLost);
    QCOMPARE(sink.openFiles().front().length, committed);
}

void TestFileSinkLoss::discardDropsHeldLinesOnly() {
    QTemporaryDir dir;
    FileSink sink(optionsIn(dir));
    QVERIFY(sink.append(24, lines(0, 2)).ok());
    QVERIFY(sink.flush().ok());
    QVERIFY(sink.append(24, lines(2, 2)).ok());  // batch mode: held, not written
    QVERIFY(sink.pendingBytes() > 0);
    QCOMPARE(QByteArray::fromStdString(sink.discardUnwritten()),
             QByteArray::fromStdString(lines(2, 2)));
    QCOMPARE(sink.pendingBytes(), qint64(0));
    auto flushed = sink.flush();
    QVERIFY(flushed.ok());
    QCOMPARE(contentOf(dir.filePath(QStringLiteral("24"))), QByteArray::fromStdString(lines(0, 2)));
    QCOMPARE(flushed->front().length, qint64(lines(0, 2).size()));
}

void TestFileSinkLoss::fileDeletedWhileOpen_data() {
    QTest::addColumn<bool>("replaced");
    QTest::newRow("deleted") << false;
    QTest::newRow("replaced by another file") << true;
}

void TestFileSinkLoss::fileDeletedWhileOpen() {
    // The lines since the last checkpoint went into an inode nobody reads: they are written
    // again to a new file, and the old one is reported closed.
    QFETCH(bool, replaced);
    QTemporaryDir dir;
    FileSinkOptions options = optionsIn(dir);
    options.mode = FileSinkOptions::Mode::Stream;
    FileSink sink(options);
    QStringList created;
    sink.setFileCreatedHook([&](const QString& path) -> mtga::Result<void> {
        created << path;
        return {};
    });
    QVERIFY(sink.append(24, lines(0, 2)).ok());
    auto first = sink.flush();
    QVERIFY(first.ok());
    const QString path = first->front().path;
    QVERIFY(sink.append(24, lines(2, 3)).ok());  // written, not checkpointed
    QVERIFY(QFile::remove(path));
    if (replaced) {
        QFile other(path);
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("someone else's\n");
    }
    auto second = sink.flush();
    QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
    QCOMPARE(created.size(), 2);
    QCOMPARE(second->size(), size_t(1));
    QVERIFY(second->front().path != path);
    QCOMPARE(second->front().length, qint64(lines(2, 3).size()));
    QFile moved(second->front().path);
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), QByteArray::fromStdString(lines(2, 3)));
    auto checkpoint = sink.prepareCheckpoint();
    QVERIFY(checkpoint.ok());
    QCOMPARE(checkpoint->closed, std::vector<QString>{path});
    // New lines follow in the new file.
    QVERIFY(sink.append(24, lines(5, 1)).ok());
    QCOMPARE(sink.flush()->front().length, qint64(lines(2, 4).size()));
}

void TestFileSinkLoss::unknownFileIsNotContinued() {
    QTemporaryDir dir;
    FileSinkOptions options = optionsIn(dir);
    options.clock = [] { return qint64{1'700'000'000'000}; };
    QString first;
    {
        FileSink sink(options);
        QVERIFY(sink.append(24, lines(0, 1)).ok());
        auto flushed = sink.flush();
        QVERIFY(flushed.ok());
        first = flushed->front().path;
    }
    FileSink known(options);
    known.setKnownFileCheck([&](const QString& path) { return path == first; });
    QVERIFY(known.append(24, lines(1, 1)).ok());
    QCOMPARE(known.flush()->front().path, first);  // continued

    FileSink fresh(options);  // a new store: it knows no file
    fresh.setKnownFileCheck([](const QString&) { return false; });
    QVERIFY(fresh.append(24, lines(2, 1)).ok());
    auto flushed = fresh.flush();
    QVERIFY(flushed.ok());
    QVERIFY(flushed->front().path != first);
    QCOMPARE(flushed->front().length, qint64(lines(2, 1).size()));
}

void TestFileSinkLoss::closedFilesAreReportedOnce() {
    QTemporaryDir dir;
    FileSinkOptions options = optionsIn(dir);
    qint64 now = 1'700'000'000'000;
    options.clock = [&now] { return now; };
    options.idleClose = std::chrono::milliseconds(1000);
    FileSink sink(options);
    QVERIFY(sink.append(24, lines(0, 1)).ok());
    auto first = sink.prepareCheckpoint();
    QVERIFY(first.ok());
    QVERIFY(first->closed.empty());
    now += 5000;
    QCOMPARE(sink.closeIdle().size(), size_t(1));
    auto second = sink.prepareCheckpoint();
    QVERIFY(second.ok());
    QCOMPARE(second->closed, std::vector<QString>{first->files.front().path});
    QVERIFY(sink.prepareCheckpoint()->closed.empty());
}

QTEST_GUILESS_MAIN(TestFileSinkLoss)
#include "tst_filesinkloss.moc"
