// Offset resets on a running worker, end to end: the real `mtga run` on the embedded Kafka (or a
// real broker), `mtga reset_offsets` and the control socket, and the output files checked per
// event. A reset must change nothing as a dry run, replay or skip exactly the messages it says,
// leave the other partitions alone while events flow, and change nothing when it cannot drain.

#include "shared/controlclient.h"
#include "tests/support/controltest.h"
#include "tests/support/resettest.h"
#include "worker/store/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <unistd.h>
#include <algorithm>
#include <thread>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr auto kApplyTimeout = std::chrono::seconds(60);

// `mtga reset_offsets ARGS -c CONFIG --json`, the reply read back.
Result<OffsetResetReply> resetByCli(const ResetBench& bench, QStringList arguments,
                                    int* exitCode = nullptr) {
    arguments.prepend(QStringLiteral("reset_offsets"));
    arguments << QStringLiteral("-c") << bench.config() << QStringLiteral("--json");
    const CliRun run = runMtga(arguments);
    if (exitCode != nullptr) {
        *exitCode = run.exitCode;
    }
    const QJsonDocument json = QJsonDocument::fromJson(run.out.toUtf8());
    if (!json.isObject()) {
        return Error::of(
            ErrorCode::BadReply,
            QStringLiteral("exit %1, no JSON: %2 %3").arg(run.exitCode).arg(run.out, run.err));
    }
    return OffsetResetReply::fromJson(json.object());
}

OffsetResetRequest onPartitions(ResetTarget target, std::vector<int> partitions,
                                const QString& topic = QStringLiteral("reset")) {
    OffsetResetRequest request;
    request.target = target;
    for (const int partition : partitions) {
        request.partitions.push_back({topic, partition});
    }
    return request;
}

const ResetRow* rowOf(const OffsetResetReply& reply, int partition) {
    for (const ResetRow& row : reply.partitions) {
        if (row.partition == partition) {
            return &row;
        }
    }
    return nullptr;
}

void addTimes(std::map<std::string, int>& times, const std::vector<std::string>& pids, int by) {
    for (const std::string& pid : pids) {
        times[pid] += by;
    }
}

}  // namespace

class TestOffsetReset : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void dryRunChangesNothing_data();
    void dryRunChangesNothing();
    void earliestReplaysOnePartition();
    void latestSkipsAndUndoRestores();
    void resetWhileEventsFlow();
    void latestWhileEventsFlowReplaysNothing();
    void blockedOutputGivesUpAndChangesNothing();
    void partitionsNotOwnedAreRefused();
};

void TestOffsetReset::dryRunChangesNothing_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QList<int>>("partitions");
    QTest::addColumn<QList<qint64>>("next");  // -1: High
    QTest::newRow("earliest, all topics")
        << QStringList{QStringLiteral("--to-earliest"), QStringLiteral("--all-topics")}
        << QList<int>{0, 1, 2} << QList<qint64>{0, 0, 0};
    QTest::newRow("latest, one topic")
        << QStringList{QStringLiteral("--to-latest"), QStringLiteral("--topic"),
                       QStringLiteral("reset")}
        << QList<int>{0, 1, 2} << QList<qint64>{-1, -1, -1};
    QTest::newRow("shift back, one partition")
        << QStringList{QStringLiteral("--shift-by"), QStringLiteral("-100"),
                       QStringLiteral("--topic"), QStringLiteral("reset:1")}
        << QList<int>{1} << QList<qint64>{900};
    QTest::newRow("an offset, two partitions")
        << QStringList{QStringLiteral("--to-offset"), QStringLiteral("5"),
                       QStringLiteral("--topic"), QStringLiteral("reset:0,2")}
        << QList<int>{0, 2} << QList<qint64>{5, 5};
}

void TestOffsetReset::dryRunChangesNothing() {
    QFETCH(QStringList, arguments);
    QFETCH(QList<int>, partitions);
    QFETCH(QList<qint64>, next);
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(3000));
    QVERIFY(bench.startWorker(3));
    QVERIFY(bench.waitCaughtUp(60'000));
    const auto before = bench.offsets();
    QVERIFY(before);

    int exitCode = -1;
    const auto reply = resetByCli(bench, arguments, &exitCode);
    QVERIFY2(reply, qPrintable(reply ? QString() : reply.error().message));
    QCOMPARE(exitCode, 0);
    QVERIFY(reply->dryRun);
    QVERIFY(!reply->journalId);
    QCOMPARE(reply->partitions.size(), static_cast<size_t>(partitions.size()));
    for (qsizetype i = 0; i < partitions.size(); ++i) {
        const ResetRow* row = rowOf(reply.value(), partitions[i]);
        QVERIFY(row != nullptr);
        QCOMPARE(row->low, 0);
        QCOMPARE(row->high, 1000);
        QCOMPARE(row->current, 1000);
        const qint64 expectedNext = next[i] < 0 ? 1000 : next[i];
        QCOMPARE(row->next, expectedNext);
        QCOMPARE(row->replayed, 1000 - expectedNext);
        QCOMPARE(row->skipped, 0);
        QCOMPARE(row->lagAfter.value_or(-1), 1000 - expectedNext);
    }

    QTest::qWait(1500);  // a reset applied by mistake would replay by now
    const auto after = bench.offsets();
    QVERIFY(after);
    QCOMPARE(after->toJson(), before->toJson());
    const auto journal = ControlClient::resetJournal(bench.socket(), 10);
    QVERIFY2(journal, qPrintable(journal ? QString() : journal.error().message));
    QVERIFY(journal->entries.empty());
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));
    QVERIFY(stopCleanly(bench.worker(), 30'000));
}

void TestOffsetReset::earliestReplaysOnePartition() {
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(3000));
    QVERIFY(bench.startWorker(3));
    QVERIFY(bench.waitCaughtUp(60'000));
    const std::map<std::string, std::set<std::string>> uuidsBefore = uuidsByPid(bench.out());

    int exitCode = -1;
    const auto reply = resetByCli(bench,
                                  {QStringLiteral("--to-earliest"), QStringLiteral("--topic"),
                                   QStringLiteral("reset:1"), QStringLiteral("--execute")},
                                  &exitCode);
    QVERIFY2(reply, qPrintable(reply ? QString() : reply.error().message));
    QCOMPARE(exitCode, 0);
    QVERIFY(!reply->dryRun);
    QVERIFY(reply->journalId);
    QCOMPARE(reply->partitions.size(), size_t(1));
    QCOMPARE(reply->partitions[0].next, 0);
    QCOMPARE(reply->partitions[0].replayed, 1000);

    std::map<std::string, int> times = bench.onceEach();
    addTimes(times, bench.pidsAt(1, 0, 1000), 1);
    QVERIFY(bench.waitCaughtUp(60'000));
    QTest::qWait(1000);  // a third copy would show now
    QVERIFY(writtenTimes(bench.out(), times));
    // The replayed lines carry the #uuid the first ones did: TA drops them as duplicates.
    const auto uuidsAfter = uuidsByPid(bench.out());
    QCOMPARE(uuidsAfter, uuidsBefore);

    const auto journal = ControlClient::resetJournal(bench.socket(), 10);
    QVERIFY(journal);
    QCOMPARE(journal->entries.size(), size_t(1));
    const ResetJournalEntry& entry = journal->entries[0];
    QCOMPARE(entry.id, *reply->journalId);
    QCOMPARE(entry.target, QStringLiteral("earliest"));
    QCOMPARE(entry.uid, static_cast<qint64>(getuid()));
    QVERIFY(!entry.undoes);
    QCOMPARE(entry.partitions.size(), size_t(1));
    QCOMPARE(entry.partitions[0].partition, 1);
    QCOMPARE(entry.partitions[0].before, 1000);
    QCOMPARE(entry.partitions[0].after, 0);
    QVERIFY(stopCleanly(bench.worker(), 30'000));
    QVERIFY2(bench.worker().standardError().contains(QLatin1String("offsets reset (earliest)")),
             qPrintable(bench.worker().standardError().right(1500)));
    // The audit log has who did it and each partition's before and after.
    auto store = Store::open(bench.dir() + QStringLiteral("/store"), true);
    QVERIFY(store.ok());
    const auto audit = store.value()->auditLog(100);
    QVERIFY(audit);
    const auto found = std::find_if(audit->begin(), audit->end(), [](const AuditEntry& entry) {
        return entry.kind == "control:reset_offsets";
    });
    QVERIFY(found != audit->end());
    const QJsonObject details =
        QJsonDocument::fromJson(QByteArray::fromStdString(found->details)).object();
    QCOMPARE(details.value(QStringLiteral("before"))
                 .toObject()
                 .value(QStringLiteral("reset:1"))
                 .toInteger(),
             1000);
    QCOMPARE(details.value(QStringLiteral("after"))
                 .toObject()
                 .value(QStringLiteral("reset:1"))
                 .toInteger(),
             0);
}

void TestOffsetReset::latestSkipsAndUndoRestores() {
    // The brokers answer late and each fetch brings one small batch per partition, so the
    // worker is far behind when partition 0 is reset to its end; the undo brings back exactly
    // what the reset skipped.
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    if (bench.kafka().real()) {
        QSKIP("needs a broker that answers late on purpose: the embedded cluster's rtt");
    }
    QVERIFY(bench.produce(3000, 100));
    QVERIFY(bench.kafka().command("rtt 400"));
    QVERIFY(
        bench.startWorker(3, QStringLiteral("  properties:\n    max.partition.fetch.bytes: 1\n")));
    QTRY_VERIFY_WITH_TIMEOUT(bench.currentOf(0) > 0, 60'000);

    OffsetResetRequest request = onPartitions(ResetTarget::Latest, {0});
    request.dryRun = false;
    const auto reply = ControlClient::resetOffsets(bench.socket(), request, kApplyTimeout);
    QVERIFY2(reply, qPrintable(reply ? QString() : reply.error().message));
    QCOMPARE(reply->partitions.size(), size_t(1));
    const ResetRow row = reply->partitions[0];
    QCOMPARE(row.next, 1000);
    QVERIFY2(row.skipped > 0 && row.current + row.skipped == 1000,
             qPrintable(QString::fromUtf8(QJsonDocument(row.toJson()).toJson())));
    QVERIFY(bench.kafka().command("rtt 0"));
    QVERIFY(bench.waitCaughtUp(120'000));
    QTest::qWait(1000);
    std::map<std::string, int> times = bench.onceEach();
    for (const std::string& pid : bench.pidsAt(0, row.current, 1000)) {
        times.erase(pid);
    }
    QVERIFY(writtenTimes(bench.out(), times));

    const auto preview = ControlClient::undoReset(bench.socket(), std::nullopt, true);
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QVERIFY(preview->dryRun);
    QCOMPARE(preview->undoes, reply->journalId);
    QCOMPARE(preview->partitions.size(), size_t(1));
    QCOMPARE(preview->partitions[0].next, row.current);
    QCOMPARE(preview->partitions[0].replayed, row.skipped);
    const auto undone =
        ControlClient::undoReset(bench.socket(), std::nullopt, false, kApplyTimeout);
    QVERIFY2(undone, qPrintable(undone ? QString() : undone.error().message));
    QVERIFY(!undone->dryRun);
    QVERIFY(bench.waitCaughtUp(60'000));
    QTest::qWait(1000);
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));

    const auto journal = ControlClient::resetJournal(bench.socket(), 10);
    QVERIFY(journal);
    QCOMPARE(journal->entries.size(), size_t(2));
    QCOMPARE(journal->entries[0].undoes, reply->journalId);
    QCOMPARE(journal->entries[0].partitions[0].after, row.current);
    // An undo is undone by undoing it: nothing is left to undo before the first reset.
    QVERIFY(stopCleanly(bench.worker(), 30'000));
}

void TestOffsetReset::resetWhileEventsFlow() {
    // Events keep coming on every partition while partition 2 goes back 500 messages: the other
    // partitions are written exactly once, partition 2 has [next, current) twice and the rest
    // once.
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(3000));
    QVERIFY(bench.startWorker(3));
    QVERIFY(bench.waitCaughtUp(60'000));

    bool produced = false;
    std::thread producer([&] { produced = bench.produce(9000, 30); });
    QTest::qWait(1000);
    OffsetResetRequest request = onPartitions(ResetTarget::Shift, {2});
    request.shift = -500;
    request.dryRun = false;
    const auto reply = ControlClient::resetOffsets(bench.socket(), request, kApplyTimeout);
    producer.join();
    QVERIFY(produced);
    QVERIFY2(reply, qPrintable(reply ? QString() : reply.error().message));
    const ResetRow row = reply->partitions.at(0);
    QVERIFY2(row.current >= 1000 && row.next == row.current - 500 && row.replayed == 500,
             qPrintable(QString::fromUtf8(QJsonDocument(row.toJson()).toJson())));

    std::map<std::string, int> times = bench.onceEach();
    addTimes(times, bench.pidsAt(2, row.next, row.current), 1);
    QVERIFY(bench.waitCaughtUp(120'000));
    QTest::qWait(1000);
    QVERIFY(writtenTimes(bench.out(), times));
    QVERIFY(stopCleanly(bench.worker(), 30'000));
}

void TestOffsetReset::latestWhileEventsFlowReplaysNothing() {
    // High moves while the reset drains: the end of the log it lands on must be asked after the
    // drain, or it lies behind what was written meanwhile and "latest" replays.
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(300));
    QVERIFY(bench.startWorker(3));
    QVERIFY(bench.waitCaughtUp(60'000));

    bool produced = false;
    std::thread producer([&] { produced = bench.produce(15'000, 500); });
    std::vector<ResetRow> rows;
    OffsetResetRequest request = onPartitions(ResetTarget::Latest, {0});
    request.dryRun = false;
    for (int reset = 0; reset < 10; ++reset) {
        QTest::qWait(300);
        const auto reply = ControlClient::resetOffsets(bench.socket(), request, kApplyTimeout);
        QVERIFY2(reply, qPrintable(reply ? QString() : reply.error().message));
        rows.push_back(reply->partitions.at(0));
    }
    producer.join();
    QVERIFY(produced);
    std::map<std::string, int> times = bench.onceEach();
    for (const ResetRow& row : rows) {
        QVERIFY2(row.replayed == 0 && row.next >= row.current && row.next <= row.high,
                 qPrintable(QString::fromUtf8(QJsonDocument(row.toJson()).toJson())));
        for (const std::string& pid : bench.pidsAt(0, row.current, row.next)) {
            times.erase(pid);
        }
    }
    QVERIFY(bench.waitCaughtUp(120'000));
    QTest::qWait(1000);
    QVERIFY(writtenTimes(bench.out(), times));
    QVERIFY(stopCleanly(bench.worker(), 30'000));
}

void TestOffsetReset::blockedOutputGivesUpAndChangesNothing() {
    // A full disk: what is in flight cannot be written, so the drain never ends. The reset is
    // given up after the drain timeout and changes nothing; once the disk has room, every event
    // is written once.
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(15'000));
    QVERIFY(bench.startWorker(3));
    QVERIFY(limitFileSize(bench.worker().processId(), QStringLiteral("2000000")));
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            auto status = ControlClient::status(bench.socket(), std::chrono::seconds(2));
            return status ? status->state : status.error().message;
        }(),
        QStringLiteral("blocked"), 60'000);

    const CliRun run =
        runMtga({QStringLiteral("reset_offsets"), QStringLiteral("-c"), bench.config(),
                 QStringLiteral("--to-earliest"), QStringLiteral("--topic"),
                 QStringLiteral("reset:0"), QStringLiteral("--execute")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("nothing changed")), qPrintable(run.err));
    const auto journal = ControlClient::resetJournal(bench.socket(), 10);
    QVERIFY(journal);
    QVERIFY(journal->entries.empty());

    QVERIFY(limitFileSize(bench.worker().processId(), QStringLiteral("unlimited")));
    QVERIFY(bench.waitCaughtUp(180'000));
    QTest::qWait(1000);
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));
    QVERIFY(stopCleanly(bench.worker(), 30'000));
}

void TestOffsetReset::partitionsNotOwnedAreRefused() {
    ResetBench bench(QStringLiteral("reset"), 3);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(300));
    QVERIFY(bench.startWorker(2));  // partitions 0 and 1 of 3
    QVERIFY(bench.waitCaughtUp(60'000));

    int exitCode = -1;
    const QStringList both{QStringLiteral("--to-earliest"), QStringLiteral("--topic"),
                           QStringLiteral("reset:1,2")};
    const auto preview = resetByCli(bench, both, &exitCode);
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QCOMPARE(exitCode, 1);
    QVERIFY(rowOf(preview.value(), 1) != nullptr && !rowOf(preview.value(), 1)->refused());
    QVERIFY(rowOf(preview.value(), 2) != nullptr);
    QCOMPARE(rowOf(preview.value(), 2)->refusedCode, QStringLiteral("not_owned"));

    const CliRun applied =
        runMtga(QStringList{QStringLiteral("reset_offsets"), QStringLiteral("-c"), bench.config(),
                            QStringLiteral("--execute")} +
                both);
    QCOMPARE(applied.exitCode, 1);
    QVERIFY2(applied.err.contains(QLatin1String("reset:2")) ||
                 applied.out.contains(QLatin1String("not assigned")),
             qPrintable(applied.out + applied.err));
    const auto other = ControlClient::resetOffsets(bench.socket(), [] {
        OffsetResetRequest request;
        request.topics = {QStringLiteral("elsewhere")};
        return request;
    }());
    QVERIFY(!other);
    QCOMPARE(other.error().codeName(), QStringLiteral("not_owned"));

    const auto journal = ControlClient::resetJournal(bench.socket(), 10);
    QVERIFY(journal);
    QVERIFY(journal->entries.empty());
    QTest::qWait(1000);
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));
    QVERIFY(stopCleanly(bench.worker(), 30'000));
}

QTEST_MAIN(TestOffsetReset)
#include "tst_offsetreset.moc"
