// Health end to end on the embedded Kafka, against a real `mtga run`: the output stopped (a
// file-size limit, as a full disk) turns its partitions to stall, then stopped, with the lag in
// time the broker's own; they recover when it returns, every event written once. A restart
// (kill -9) goes on with the state history it kept. The mock dropping old data while the worker
// waits (Low past its position) is data_loss with the count, and reading goes on.

#include "shared/controlclient.h"
#include "tests/support/processrunner.h"
#include "tests/support/resettest.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QtTest>

#include <csignal>

using namespace mtga;
using namespace mtga::test;

namespace {

// Samples five times a second: every state is reached within seconds.
const QString kHealthSection = QStringLiteral(
    "health:\n"
    "  sample_interval: 200ms\n"
    "  window: 5\n"
    "  stall_after: 2s\n"
    "  stopped_after: 5s\n");

void useFastHealth(ResetBench& bench) {
    bench.configure([](mtga::test::WorkerConfig& config) { config.sections = kHealthSection; });
}

QString describe(const Result<OffsetsReply>& rows) {
    return rows ? QString::fromUtf8(QJsonDocument(rows->toJson()).toJson(QJsonDocument::Compact))
                : rows.error().message;
}

// Whether every row's health is one of `states`.
bool allIn(const ResetBench& bench, const QStringList& states) {
    const auto rows = bench.offsets();
    if (!rows || rows->partitions.empty()) {
        return false;
    }
    return std::all_of(rows->partitions.begin(), rows->partitions.end(),
                       [&](const PartitionRow& row) { return states.contains(row.health); });
}

std::optional<PartitionRow> rowOf(const ResetBench& bench, int partition) {
    const auto rows = bench.offsets();
    if (rows) {
        for (const PartitionRow& row : rows->partitions) {
            if (row.partition == partition) {
                return row;
            }
        }
    }
    return std::nullopt;
}

QString healthOf(const QString& socket) {
    const auto status = ControlClient::status(socket, std::chrono::seconds(5));
    return status ? status->health : status.error().message;
}

}  // namespace

class TestHealth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stoppedOutputStallsThenStopsThenRecovers();
    void restartGoesOnWithTheHistory();
    void retentionPastThePositionIsDataLoss();
};

void TestHealth::stoppedOutputStallsThenStopsThenRecovers() {
    ResetBench bench(QStringLiteral("stall"), 2);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(6000));
    // Small buffers: the output's refusal reaches back into Kafka at once, so the partitions
    // lag there (and the lag in time is the broker's) rather than in the worker's memory.
    bench.configure([](mtga::test::WorkerConfig& config) {
        config.sections = kHealthSection;
        config.pipeline = QStringLiteral("  queue_max_messages: 100\n");
        config.sink = QStringLiteral("  batch_bytes: 16KiB\n");
    });
    QVERIFY(bench.startWorker(2));
    QVERIFY(bench.waitCaughtUp(60'000));
    // Nothing new: idle, nothing to catch up, no lag in time.
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("idle")}),
                              qPrintable(describe(bench.offsets())), 20'000);
    QCOMPARE(healthOf(bench.socket()), QStringLiteral("idle"));
    const auto rows1 = bench.offsets();
    QVERIFY(rows1);
    for (const PartitionRow& row : rows1->partitions) {
        QCOMPARE(row.lagSeconds, std::optional<double>(0.0));
        QCOMPARE(row.etaSeconds, std::optional<qint64>(0));
    }

    QVERIFY(
        limitFileSize(bench.worker().processId(), QString::number(largestOutputFile(bench.out()))));
    const qint64 producedAt = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(bench.produce(4000));
    // stall first: the position stays while data waits ...
    bool stalled = false;
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&] {
            const auto rows = bench.offsets();
            stalled =
                stalled || (rows && std::any_of(rows->partitions.begin(), rows->partitions.end(),
                                                [](const PartitionRow& row) {
                                                    return row.health == QLatin1String("stall");
                                                }));
            return stalled;
        }(),
        qPrintable(describe(bench.offsets())), 30'000);
    QVERIFY2(!allIn(bench, {QStringLiteral("stopped")}), "stopped before it stalled");
    // ... then stopped, once it has waited stopped_after.
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("stopped")}),
                              qPrintable(describe(bench.offsets())), 30'000);
    QCOMPARE(healthOf(bench.socket()), QStringLiteral("stopped"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto rows2 = bench.offsets();
    QVERIFY(rows2);
    for (const PartitionRow& row : rows2->partitions) {
        QVERIFY(row.lag && *row.lag > 0);
        // The broker's timestamp of the first message not written: produced just after
        // producedAt (the producer's CreateTime).
        QVERIFY2(row.lagSeconds, qPrintable(describe(bench.offsets())));
        QVERIFY(row.checkpointed < row.current || row.current < row.high);
        const double expected = static_cast<double>(now - producedAt) / 1000.0;
        QVERIFY2(*row.lagSeconds <= expected + 0.5 && *row.lagSeconds >= expected - 2.0,
                 qPrintable(QStringLiteral("lag_seconds %1, produced %2 s ago")
                                .arg(*row.lagSeconds)
                                .arg(expected)));
        QVERIFY2(!row.etaSeconds, "no catch-up estimate while nothing moves");
        QVERIFY(row.healthSinceMs > producedAt);
    }

    QVERIFY(limitFileSize(bench.worker().processId(), QStringLiteral("unlimited")));
    QVERIFY(bench.waitCaughtUp(60'000));
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("ok"), QStringLiteral("idle")}),
                              qPrintable(describe(bench.offsets())), 20'000);
    const auto rows3 = bench.offsets();
    QVERIFY(rows3);
    for (const PartitionRow& row : rows3->partitions) {
        QVERIFY(row.consumeRate && *row.consumeRate > 0);  // 2000 events in the last minute
        QVERIFY(row.produceRate && *row.produceRate > 0);
        QCOMPARE(row.etaSeconds, std::optional<qint64>(0));
    }
    QVERIFY(stopCleanly(bench.worker(), 60'000));
    const QString log = bench.worker().standardError();
    QVERIFY2(log.contains(QLatin1String("-> stall (")), qPrintable(log.right(3000)));
    QVERIFY(log.contains(QLatin1String("health stall -> stopped")));
    QVERIFY(log.contains(QLatin1String("health stopped -> ")));
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));
}

void TestHealth::restartGoesOnWithTheHistory() {
    ResetBench bench(QStringLiteral("history"), 2);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(1000));
    useFastHealth(bench);
    QVERIFY(bench.startWorker(2));
    QVERIFY(bench.waitCaughtUp(60'000));
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("idle")}),
                              qPrintable(describe(bench.offsets())), 20'000);
    const auto before = rowOf(bench, 0);
    QVERIFY(before && before->healthSinceMs > 0);

    bench.worker().sendSignal(SIGKILL);
    QVERIFY(bench.worker().waitForExit(10'000));
    QVERIFY(bench.startWorker(2));
    // A worker without its history would judge its first samples ok (the window not full yet)
    // since now; this one is idle since before the kill.
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(bench, 0) && rowOf(bench, 0)->healthSinceMs > 0, 20'000);
    const auto after = rowOf(bench, 0);
    QCOMPARE(after->health, QStringLiteral("idle"));
    QCOMPARE(after->healthSinceMs, before->healthSinceMs);
    QVERIFY(after->consumeRate.has_value());  // the rates come from the kept samples too
    QVERIFY(stopCleanly(bench.worker(), 60'000));
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));
}

void TestHealth::retentionPastThePositionIsDataLoss() {
    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    QVERIFY2(!kcat.isEmpty(), "kcat is not installed (installer/setup.sh installs it)");
    ResetBench bench(QStringLiteral("retention"), 1);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(2000));
    // Small queues: what the worker holds in memory must stay far below what the mock drops.
    bench.configure([](mtga::test::WorkerConfig& config) {
        config.sections = kHealthSection;
        config.pipeline = QStringLiteral("  queue_max_messages: 100\n");
        config.kafka += QStringLiteral(
            "  properties:\n"
            "    queued.max.messages.kbytes: 256\n"
            "    max.partition.fetch.bytes: 65536\n");
    });
    QVERIFY(bench.startWorker(1));
    QVERIFY(bench.waitCaughtUp(60'000));
    QVERIFY(
        limitFileSize(bench.worker().processId(), QString::number(largestOutputFile(bench.out()))));
    QVERIFY(bench.produce(200));
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("stall"), QStringLiteral("stopped")}),
                              qPrintable(describe(bench.offsets())), 30'000);
    const qint64 position = bench.currentOf(0);
    QVERIFY(position >= 2000);

    // 8 MiB that does not compress: the mock keeps 5 MiB of a partition and drops the oldest
    // message sets, the unwritten events among them.
    QByteArray junk;
    for (int line = 0; line < 400; ++line) {
        QByteArray random(15'000, '\0');
        for (char& c : random) {
            c = static_cast<char>(QRandomGenerator::global()->bounded(33, 127));
        }
        junk += random + '\n';
    }
    const QString junkFile = QDir(bench.dir()).filePath(QStringLiteral("junk.txt"));
    QFile file(junkFile);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(junk) == junk.size());
    file.close();
    int exitCode = -1;
    const QString written = runToCompletion(
        kcat,
        {QStringLiteral("-P"), QStringLiteral("-b"),
         QString::fromStdString(bench.kafka().bootstrap()), QStringLiteral("-t"), bench.topic(),
         QStringLiteral("-p"), QStringLiteral("0"), QStringLiteral("-z"), QStringLiteral("none"),
         QStringLiteral("-l"), junkFile},
        60'000, &exitCode);
    QVERIFY2(exitCode == 0, qPrintable(written));
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("data_loss")}),
                              qPrintable(describe(bench.offsets())), 30'000);
    const auto lossRow = rowOf(bench, 0);
    QVERIFY(lossRow->low > position);
    // Neither written nor held by the worker: at most what lies between its position and Low.
    QVERIFY2(lossRow->lost > 0 && lossRow->lost <= lossRow->low - position,
             qPrintable(describe(bench.offsets())));
    QCOMPARE(healthOf(bench.socket()), QStringLiteral("data_loss"));

    // Back: reading goes on at Low, the gap is reported, and once it is out of the window and
    // the worker caught up, the partition is well again.
    QVERIFY(limitFileSize(bench.worker().processId(), QStringLiteral("unlimited")));
    QTRY_VERIFY2_WITH_TIMEOUT(rowOf(bench, 0) && rowOf(bench, 0)->lag == 0,
                              qPrintable(describe(bench.offsets())), 60'000);
    QTRY_VERIFY2_WITH_TIMEOUT(allIn(bench, {QStringLiteral("ok"), QStringLiteral("idle")}),
                              qPrintable(describe(bench.offsets())), 30'000);
    // The alert history (no webhooks: kept all the same) has the data loss, the failed
    // self-check and the error the position guard logged, each with what to run next.
    QSet<QString> firing;
    const auto alerted = [&] {
        const auto history = ControlClient::alerts(bench.socket(), 100);
        firing.clear();
        for (const Alert& alert : history ? history->alerts : std::vector<Alert>{}) {
            if (alert.firing() && !alert.hint.isEmpty()) {
                firing.insert(alert.key);
            }
        }
        return firing.contains(QStringLiteral("health:data_loss")) &&
               firing.contains(QStringLiteral("self_check:log_position")) &&
               firing.contains(QStringLiteral("log:mtga.pipeline.position"));
    };
    QTRY_VERIFY2_WITH_TIMEOUT(alerted(), qPrintable(QStringList(firing.values()).join(u' ')),
                              10'000);
    QVERIFY(stopCleanly(bench.worker(), 60'000));
    const QString log = bench.worker().standardError();
    QVERIFY2(log.contains(QLatin1String("-> data_loss (")), qPrintable(log.right(3000)));
    QVERIFY(log.contains(QLatin1String("deleted by retention before they were read")));
}

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
