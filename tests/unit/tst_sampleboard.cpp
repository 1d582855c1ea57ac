// SampleBoard and SampleGate: the rings `sample` reads (newest first, at most a ring per
// partition, payloads cut but their size kept, each outcome as the protocol names it) and the
// gate that keeps their cost bounded (a ring-full at once, then about a hundred a second).

#include "worker/pipeline/sampleboard.h"

#include <QtTest>

using namespace mtga;

namespace {

const TopicPartition kPartition{"t", 0};

TransformOutput outputOf(std::vector<RecordOutcome> outcomes, std::string text = {}) {
    TransformOutput output;
    output.text = std::move(text);
    output.outcomes = std::move(outcomes);
    return output;
}

}  // namespace

class TestSampleBoard : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ringKeepsTheNewest();
    void partitionsHaveRingsOfTheirOwn();
    void payloadIsCutButItsSizeKept();
    void outcomesAreNamed();
    void gateLetsABurstThenARate_data();
    void gateLetsABurstThenARate();
};

void TestSampleBoard::ringKeepsTheNewest() {
    SampleBoard board(3);
    for (int64_t offset = 0; offset < 5; ++offset) {
        board.keep(kPartition, offset, 1000 + offset, "x", outputOf({}));
    }
    const std::vector<SampleMessage> all = board.last(kPartition, 10);
    QCOMPARE(all.size(), size_t(3));
    QCOMPARE(all[0].offset, 4);
    QCOMPARE(all[1].offset, 3);
    QCOMPARE(all[2].offset, 2);
    QCOMPARE(all[0].timeMs, 1004);
    QCOMPARE(board.last(kPartition, 1).size(), size_t(1));
    board.drop(kPartition);
    QVERIFY(board.last(kPartition, 10).empty());
}

void TestSampleBoard::partitionsHaveRingsOfTheirOwn() {
    SampleBoard board(2);
    board.keep({"t", 0}, 7, 1, "a", outputOf({}));
    board.keep({"t", 1}, 9, 1, "b", outputOf({}));
    board.keep({"u", 0}, 11, 1, "c", outputOf({}));
    QCOMPARE(board.last({"t", 0}, 5).at(0).offset, 7);
    QCOMPARE(board.last({"t", 1}, 5).at(0).payload, QByteArray("b"));
    QCOMPARE(board.last({"u", 0}, 5).size(), size_t(1));
    QVERIFY(board.last({"u", 1}, 5).empty());
}

void TestSampleBoard::payloadIsCutButItsSizeKept() {
    SampleBoard board;
    const std::string big(100'000, 'p');
    board.keep(kPartition, 0, 1, big, outputOf({}));
    const SampleMessage message = board.last(kPartition, 1).at(0);
    QCOMPARE(message.payload.size(), SampleMessage::kMaxPayloadBytes);
    QCOMPARE(message.payloadBytes, qint64(100'000));
}

void TestSampleBoard::outcomesAreNamed() {
    RecordOutcome written;
    written.appId = 24;
    written.logName = "log_item";
    written.lineBegin = 0;
    written.lineEnd = 8;
    RecordOutcome filtered;
    filtered.kind = OutcomeKind::Filtered;
    filtered.index = 1;
    filtered.rule = "log_names.deny";
    RecordOutcome failed;
    failed.kind = OutcomeKind::Failed;
    failed.index = 2;
    failed.code = FailureReason::BadTime;
    failed.stage = FailureStage::Transform;
    failed.message = "mtime is not a time";
    failed.field = "mtime";
    SampleBoard board;
    board.keep(kPartition, 5, 1, "payload", outputOf({written, filtered, failed}, "{\"a\":1}\n"));
    const std::vector<SampleRecord> records = board.last(kPartition, 1).at(0).records;
    QCOMPARE(records.size(), size_t(3));
    QCOMPARE(records[0].outcome, QStringLiteral("written"));
    QCOMPARE(records[0].line, QStringLiteral("{\"a\":1}"));  // without its newline
    QCOMPARE(records[0].appId, 24);
    QCOMPARE(records[0].logName, QStringLiteral("log_item"));
    QCOMPARE(records[1].outcome, QStringLiteral("filtered"));
    QCOMPARE(records[1].index, 1);
    QCOMPARE(records[1].rule, QStringLiteral("log_names.deny"));
    QCOMPARE(records[2].outcome, QStringLiteral("failed"));
    QCOMPARE(records[2].reason, QStringLiteral("bad_time"));
    QCOMPARE(records[2].stage, QStringLiteral("transform"));
    QCOMPARE(records[2].field, QStringLiteral("mtime"));
}

void TestSampleBoard::gateLetsABurstThenARate_data() {
    QTest::addColumn<int>("messages");
    QTest::addColumn<int>("spacingMs");  // between two messages
    QTest::addColumn<int>("expected");   // let through
    QTest::newRow("a burst within the ring") << 40 << 0 << 40;
    QTest::newRow("a burst past the ring") << 500 << 0 << 50;
    QTest::newRow("slower than the rate") << 300 << 20 << 300;
    // 10,000 messages a second for 2 s: the burst, then 100 a second.
    QTest::newRow("far faster than the rate") << 20'000 << 0 << 50 + 200;
}

void TestSampleBoard::gateLetsABurstThenARate() {
    QFETCH(int, messages);
    QFETCH(int, spacingMs);
    QFETCH(int, expected);
    SampleGate gate(100.0, 50.0);
    const int topic = 0;
    int let = 0;
    for (int i = 0; i < messages; ++i) {
        // The last case: 10 messages per ms.
        const int64_t now = spacingMs > 0 ? int64_t(i) * spacingMs : (messages > 1000 ? i / 10 : 0);
        let += gate.due(&topic, 0, now) ? 1 : 0;
    }
    QVERIFY2(std::abs(let - expected) <= 1, qPrintable(QString::number(let)));
    // Another partition has a bucket of its own.
    QVERIFY(gate.due(&topic, 1, 0));
}

QTEST_MAIN(TestSampleBoard)
#include "tst_sampleboard.moc"
