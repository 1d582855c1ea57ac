// OffsetResetPlanner (worker/pipeline/offsetresetplanner.h): where each kind of target takes a
// partition, with the expected values worked out from what kafka-consumer-groups.sh
// --reset-offsets does (ConsumerGroupCommand): earliest is Low, latest is High, an offset, a shift
// or a file's offset outside [Low, High] is moved to the nearer end, a date-time with no message
// at or after it is High, a shift needs a known position. Then what the rows add to Kafka's
// answer: --strict, partitions not owned, the lag after, the messages skipped and replayed, and
// which partitions a scope covers.

#include "shared/errorcode.h"
#include "tests/support/qtestprinters.h"
#include "worker/pipeline/offsetresetplanner.h"

#include <QtTest>

#include <algorithm>
#include <vector>

using namespace mtga;

namespace {

// The partition most cases plan: a log [100, 1000) with the worker at 600.
constexpr qint64 kLow = 100;
constexpr qint64 kHigh = 1000;
constexpr qint64 kCurrent = 600;
constexpr qint64 kCheckpointed = 550;
constexpr qint64 kNull = -2;  // lag_after is null: the row is refused

OffsetResetRequest requestOf(ResetTarget target, qint64 value, bool strict) {
    OffsetResetRequest request;
    request.target = target;
    request.strict = strict;
    request.allTopics = target != ResetTarget::Offsets;
    switch (target) {
        case ResetTarget::Offset:
            request.offset = value;
            break;
        case ResetTarget::Datetime:
            request.timestampMs = value;
            break;
        case ResetTarget::Duration:
            request.durationMs = value;
            break;
        case ResetTarget::Shift:
            request.shift = value;
            break;
        case ResetTarget::Offsets:
            request.offsets = {{{QStringLiteral("t"), 0}, value}};
            break;
        case ResetTarget::Earliest:
        case ResetTarget::Latest:
            break;
    }
    return request;
}

OffsetResetPlanner::State stateOf(const char* topic, int partition, bool owned = true,
                                  qint64 current = kCurrent) {
    OffsetResetPlanner::State state;
    state.partition = {topic, partition};
    state.owned = owned;
    state.current = current;
    state.checkpointed = kCheckpointed;
    state.low = kLow;
    state.high = kHigh;
    return state;
}

std::vector<TopicPartition> partitionsOf(std::initializer_list<TopicPartition> list) {
    return list;
}

}  // namespace

Q_DECLARE_METATYPE(mtga::ResetTarget)
Q_DECLARE_METATYPE(std::vector<mtga::TopicPartition>)

class TestOffsetResetPlanner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void targets_data();
    void targets();
    void rowsKeepTheStateAndTheOrder();
    void offsetsFileNamingUnknownPartitions();
    void checkApplicable();
    void timeLookup();
    void scope_data();
    void scope();
    void scopeOfATopicNotOwned_data();
    void scopeOfATopicNotOwned();
};

void TestOffsetResetPlanner::targets_data() {
    QTest::addColumn<ResetTarget>("target");
    QTest::addColumn<qint64>("value");  // the target's offset, time, duration or shift
    QTest::addColumn<bool>("strict");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<qint64>("atTime");  // offsets-for-times' answer; -2: the cluster gave none
    QTest::addColumn<bool>("owned");
    QTest::addColumn<qint64>("next");
    QTest::addColumn<qint64>("lagAfter");  // kNull: null
    QTest::addColumn<qint64>("skipped");
    QTest::addColumn<qint64>("replayed");
    QTest::addColumn<QString>("clamped");
    QTest::addColumn<QString>("refused");  // the code; empty: not refused

    const auto row = [](const char* name, ResetTarget target, qint64 value, qint64 next,
                        qint64 skipped, qint64 replayed, const char* clamped = "") {
        QTest::newRow(name) << target << value << false << kCurrent << qint64(-1) << true << next
                            << kHigh - next << skipped << replayed << QString::fromLatin1(clamped)
                            << QString();
    };
    using T = ResetTarget;
    // Earliest and latest are the log's ends (consumer.beginningOffsets / endOffsets).
    row("earliest", T::Earliest, 0, kLow, 0, kCurrent - kLow);
    row("latest", T::Latest, 0, kHigh, kHigh - kCurrent, 0);
    // --to-offset: the offset itself inside the log, its ends included; outside, the nearer end
    // (checkOffsetsRange: "New offset (N) is lower than earliest offset. Value will be set to").
    row("offset forwards", T::Offset, 700, 700, 100, 0);
    row("offset backwards", T::Offset, 300, 300, 0, 300);
    row("offset where it is", T::Offset, kCurrent, kCurrent, 0, 0);
    row("offset = Low", T::Offset, kLow, kLow, 0, kCurrent - kLow);
    row("offset = High", T::Offset, kHigh, kHigh, kHigh - kCurrent, 0);
    row("offset below Low", T::Offset, 50, kLow, 0, kCurrent - kLow, "low");
    row("offset 0 below Low", T::Offset, 0, kLow, 0, kCurrent - kLow, "low");
    row("offset above High", T::Offset, 5000, kHigh, kHigh - kCurrent, 0, "high");
    row("offset High + 1", T::Offset, kHigh + 1, kHigh, kHigh - kCurrent, 0, "high");
    // --shift-by: from the current position, clamped like an offset.
    row("shift back", T::Shift, -100, 500, 0, 100);
    row("shift forwards", T::Shift, 150, 750, 150, 0);
    row("shift 0", T::Shift, 0, kCurrent, 0, 0);
    row("shift back past Low", T::Shift, -1000, kLow, 0, kCurrent - kLow, "low");
    row("shift forwards past High", T::Shift, 1000, kHigh, kHigh - kCurrent, 0, "high");
    row("shift exactly to Low", T::Shift, kLow - kCurrent, kLow, 0, kCurrent - kLow);
    row("shift exactly to High", T::Shift, kHigh - kCurrent, kHigh, kHigh - kCurrent, 0);
    // --from-file: the file's offset, clamped like --to-offset.
    row("file offset", T::Offsets, 250, 250, 0, 350);
    row("file offset above High", T::Offsets, 2000, kHigh, kHigh - kCurrent, 0, "high");
    row("file offset below Low", T::Offsets, 3, kLow, 0, kCurrent - kLow, "low");

    // Date-times and durations land where offsets-for-times says; none means High (Kafka: "no
    // offset for the time: the log end offset").
    const auto timed = [](const char* name, ResetTarget target, qint64 atTime, qint64 next,
                          qint64 skipped, qint64 replayed) {
        QTest::newRow(name) << target << qint64(1'764'680'000'000) << false << kCurrent << atTime
                            << true << next << kHigh - next << skipped << replayed << QString()
                            << QString();
    };
    timed("datetime", T::Datetime, 400, 400, 0, 200);
    timed("datetime after current", T::Datetime, 800, 800, 200, 0);
    timed("datetime before the log: Low", T::Datetime, kLow, kLow, 0, kCurrent - kLow);
    timed("datetime after every message: High", T::Datetime, -1, kHigh, kHigh - kCurrent, 0);
    timed("duration", T::Duration, 900, 900, 300, 0);
    timed("duration after every message: High", T::Duration, -1, kHigh, kHigh - kCurrent, 0);
    // --strict does not refuse a date-time that has no message: High is inside the log.
    QTest::newRow("strict datetime after every message")
        << T::Datetime << qint64(1) << true << kCurrent << qint64(-1) << true << kHigh << qint64(0)
        << kHigh - kCurrent << qint64(0) << QString() << QString();

    // Refused rows: no new position, no lag after, nothing skipped or replayed.
    const auto refused = [](const char* name, ResetTarget target, qint64 value, bool strict,
                            qint64 current, qint64 atTime, bool owned, ErrorCode code) {
        QTest::newRow(name) << target << value << strict << current << atTime << owned << qint64(-1)
                            << kNull << qint64(0) << qint64(0) << QString()
                            << QString(errorCodeName(code));
    };
    refused("strict offset below Low", T::Offset, 50, true, kCurrent, -1, true,
            ErrorCode::OutOfRange);
    refused("strict offset above High", T::Offset, 1001, true, kCurrent, -1, true,
            ErrorCode::OutOfRange);
    refused("strict shift past Low", T::Shift, -1000, true, kCurrent, -1, true,
            ErrorCode::OutOfRange);
    refused("strict shift past High", T::Shift, 401, true, kCurrent, -1, true,
            ErrorCode::OutOfRange);
    refused("strict file offset above High", T::Offsets, 2000, true, kCurrent, -1, true,
            ErrorCode::OutOfRange);
    // kafka-consumer-groups: "Cannot shift offset for partition since there is no current
    // committed offset".
    refused("shift without a position", T::Shift, -10, false, -1, -1, true,
            ErrorCode::InvalidArgument);
    refused("datetime the cluster did not answer", T::Datetime, 1, false, kCurrent, -2, true,
            ErrorCode::KafkaError);
    refused("duration the cluster did not answer", T::Duration, 1, false, kCurrent, -2, true,
            ErrorCode::KafkaError);
    refused("not owned", T::Earliest, 0, false, kCurrent, -1, false, ErrorCode::NotOwned);
    // Not owned comes first: this worker cannot say anything else about the partition.
    refused("not owned and strict out of range", T::Offset, 5, true, kCurrent, -1, false,
            ErrorCode::NotOwned);
    refused("not owned shift without position", T::Shift, 5, false, -1, -1, false,
            ErrorCode::NotOwned);

    // --strict keeps what is inside the log, its ends included.
    QTest::newRow("strict offset = Low")
        << T::Offset << kLow << true << kCurrent << qint64(-1) << true << kLow << kHigh - kLow
        << qint64(0) << kCurrent - kLow << QString() << QString();
    QTest::newRow("strict offset = High")
        << T::Offset << kHigh << true << kCurrent << qint64(-1) << true << kHigh << qint64(0)
        << kHigh - kCurrent << qint64(0) << QString() << QString();

    // A position not known yet (nothing stored, nothing fetched): a reset that does not count
    // from it still has a target, but nothing can be said to be skipped or replayed.
    QTest::newRow("earliest without a position")
        << T::Earliest << qint64(0) << false << qint64(-1) << qint64(-1) << true << kLow
        << kHigh - kLow << qint64(0) << qint64(0) << QString() << QString();
    QTest::newRow("latest without a position")
        << T::Latest << qint64(0) << false << qint64(-1) << qint64(-1) << true << kHigh << qint64(0)
        << qint64(0) << qint64(0) << QString() << QString();

    // A position outside the log (retention deleted past it, or the log was truncated under
    // it): only messages that are in the log [Low, High) can be skipped or replayed.
    QTest::newRow("earliest from below Low skips nothing")
        << T::Earliest << qint64(0) << false << qint64(40) << qint64(-1) << true << kLow
        << kHigh - kLow << qint64(0) << qint64(0) << QString() << QString();
    QTest::newRow("latest from below Low skips the log")
        << T::Latest << qint64(0) << false << qint64(40) << qint64(-1) << true << kHigh << qint64(0)
        << kHigh - kLow << qint64(0) << QString() << QString();
    QTest::newRow("earliest from above High replays the log")
        << T::Earliest << qint64(0) << false << qint64(1200) << qint64(-1) << true << kLow
        << kHigh - kLow << qint64(0) << kHigh - kLow << QString() << QString();
    QTest::newRow("latest from above High replays nothing")
        << T::Latest << qint64(0) << false << qint64(1200) << qint64(-1) << true << kHigh
        << qint64(0) << qint64(0) << qint64(0) << QString() << QString();
    QTest::newRow("shift back from above High")
        << T::Shift << qint64(-300) << false << qint64(1200) << qint64(-1) << true << qint64(900)
        << qint64(100) << qint64(0) << qint64(100) << QString() << QString();
}

void TestOffsetResetPlanner::targets() {
    QFETCH(ResetTarget, target);
    QFETCH(qint64, value);
    QFETCH(bool, strict);
    QFETCH(qint64, current);
    QFETCH(qint64, atTime);
    QFETCH(bool, owned);
    QFETCH(qint64, next);
    QFETCH(qint64, lagAfter);
    QFETCH(qint64, skipped);
    QFETCH(qint64, replayed);
    QFETCH(QString, clamped);
    QFETCH(QString, refused);

    OffsetResetPlanner::State state = stateOf("t", 0, owned, current);
    state.atTimeKnown = atTime != -2;
    state.atTime = atTime == -2 ? -1 : atTime;
    const std::vector<ResetRow> rows =
        OffsetResetPlanner::plan(requestOf(target, value, strict), {state});
    QCOMPARE(rows.size(), size_t(1));
    const ResetRow& row = rows.front();
    QCOMPARE(row.refusedCode, refused);
    QCOMPARE(row.refused(), !refused.isEmpty());
    if (row.refused()) {
        QVERIFY2(row.refusedMessage.contains(QLatin1String("t:0")), qPrintable(row.refusedMessage));
    }
    QCOMPARE(row.next, next);
    QCOMPARE(row.lagAfter, lagAfter == kNull ? std::nullopt : std::optional<qint64>(lagAfter));
    QCOMPARE(row.skipped, skipped);
    QCOMPARE(row.replayed, replayed);
    QCOMPARE(row.clamped, clamped);
}

void TestOffsetResetPlanner::rowsKeepTheStateAndTheOrder() {
    OffsetResetPlanner::State b = stateOf("b", 2);
    b.low = 10;
    b.high = 20;
    b.current = 15;
    b.checkpointed = 12;
    OffsetResetPlanner::State a = stateOf("a", 7, false);
    a.low = -1;  // the cluster says nothing of a partition not owned
    a.high = -1;
    OffsetResetPlanner::State c = stateOf("c", 0);
    c.low = -1;  // owned, but the watermarks did not come
    const std::vector<ResetRow> rows =
        OffsetResetPlanner::plan(requestOf(ResetTarget::Latest, 0, false), {b, a, c});
    QCOMPARE(rows.size(), size_t(3));
    // One row per state, in the order given (the scope sorted them).
    QCOMPARE(rows[0].topic, QStringLiteral("b"));
    QCOMPARE(rows[0].partition, 2);
    QCOMPARE(rows[0].low, 10);
    QCOMPARE(rows[0].high, 20);
    QCOMPARE(rows[0].current, 15);
    QCOMPARE(rows[0].checkpointed, 12);
    QCOMPARE(rows[0].next, 20);
    QCOMPARE(rows[0].lagAfter, std::optional<qint64>(0));
    QCOMPARE(rows[0].skipped, 5);
    QCOMPARE(rows[1].topic, QStringLiteral("a"));
    QCOMPARE(rows[1].refusedCode, QStringLiteral("not_owned"));
    QCOMPARE(rows[1].current, kCurrent);  // shown as it is, though refused
    QCOMPARE(rows[2].refusedCode, QStringLiteral("kafka_error"));
    QVERIFY2(rows[2].refusedMessage.contains(QLatin1String("c:0")),
             qPrintable(rows[2].refusedMessage));
}

void TestOffsetResetPlanner::offsetsFileNamingUnknownPartitions() {
    // A CSV naming a partition this worker owns, one of another member, and a topic that does
    // not exist: all of them are rows (the file's own scope), the strangers refused.
    OffsetResetRequest request;
    request.target = ResetTarget::Offsets;
    request.offsets = {{{QStringLiteral("t"), 1}, 300},
                       {{QStringLiteral("nope"), 0}, 5},
                       {{QStringLiteral("t"), 0}, 200},
                       {{QStringLiteral("t"), 9}, 7}};
    const std::vector<TopicPartition> owned{{"t", 0}, {"t", 1}, {"t", 2}};
    const auto scope = OffsetResetPlanner::scope(request, owned);
    QVERIFY(scope);
    QCOMPARE(scope.value(), partitionsOf({{"nope", 0}, {"t", 0}, {"t", 1}, {"t", 9}}));
    std::vector<OffsetResetPlanner::State> states;
    for (const TopicPartition& partition : scope.value()) {
        const bool mine = std::find(owned.begin(), owned.end(), partition) != owned.end();
        states.push_back(stateOf(partition.topic.c_str(), partition.partition, mine));
    }
    const std::vector<ResetRow> rows = OffsetResetPlanner::plan(request, states);
    QCOMPARE(rows.size(), size_t(4));
    QCOMPARE(rows[0].refusedCode, QStringLiteral("not_owned"));
    QVERIFY2(rows[0].refusedMessage.contains(QLatin1String("nope:0")),
             qPrintable(rows[0].refusedMessage));
    QCOMPARE(rows[1].next, 200);
    QCOMPARE(rows[1].replayed, kCurrent - 200);
    QCOMPARE(rows[2].next, 300);
    QCOMPARE(rows[3].refusedCode, QStringLiteral("not_owned"));
    // Applying refuses the whole file with the first refusal; nothing is half done.
    const auto applicable = OffsetResetPlanner::checkApplicable(rows);
    QVERIFY(!applicable);
    QCOMPARE(applicable.error().code, ErrorCode::NotOwned);
    QCOMPARE(applicable.error().message, rows[0].refusedMessage);

    // The same offset named twice: one row, the last one counts (as a map of the CSV would).
    request.offsets = {{{QStringLiteral("t"), 0}, 200}, {{QStringLiteral("t"), 0}, 250}};
    const auto once = OffsetResetPlanner::scope(request, owned);
    QVERIFY(once);
    QCOMPARE(once.value(), partitionsOf({{"t", 0}}));
    const std::vector<ResetRow> single = OffsetResetPlanner::plan(request, {stateOf("t", 0)});
    QCOMPARE(single.size(), size_t(1));
    QCOMPARE(single[0].next, 250);
}

void TestOffsetResetPlanner::checkApplicable() {
    const OffsetResetRequest earliest = requestOf(ResetTarget::Earliest, 0, false);
    QVERIFY(OffsetResetPlanner::checkApplicable(
        OffsetResetPlanner::plan(earliest, {stateOf("t", 0), stateOf("t", 1)})));

    // Clamped rows apply; the first refused row is the error.
    const OffsetResetRequest strict = requestOf(ResetTarget::Offset, 5000, true);
    const std::vector<ResetRow> rows = OffsetResetPlanner::plan(
        strict, {stateOf("t", 0), stateOf("t", 1, false), stateOf("t", 2)});
    const auto refused = OffsetResetPlanner::checkApplicable(rows);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::OutOfRange);
    QVERIFY2(refused.error().message.contains(QLatin1String("t:0")),
             qPrintable(refused.error().message));
    QVERIFY(OffsetResetPlanner::checkApplicable(
        OffsetResetPlanner::plan(requestOf(ResetTarget::Offset, 5000, false), {stateOf("t", 0)})));

    // Nothing to reset at all (every partition went to another member) is not a success.
    const auto none = OffsetResetPlanner::checkApplicable({});
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::NotOwned);
}

void TestOffsetResetPlanner::timeLookup() {
    const qint64 now = 1'764'680'000'000;
    const OffsetResetRequest datetime = requestOf(ResetTarget::Datetime, 1'700'000'000'123, false);
    QVERIFY(OffsetResetPlanner::needsTimeLookup(datetime));
    QCOMPARE(OffsetResetPlanner::lookupTimeMs(datetime, now), 1'700'000'000'123);
    // --by-duration PT1H: an hour before now (Kafka: now.minus(duration)).
    const OffsetResetRequest hour = requestOf(ResetTarget::Duration, 3'600'000, false);
    QVERIFY(OffsetResetPlanner::needsTimeLookup(hour));
    QCOMPARE(OffsetResetPlanner::lookupTimeMs(hour, now), now - 3'600'000);
    QCOMPARE(OffsetResetPlanner::lookupTimeMs(requestOf(ResetTarget::Duration, 0, false), now),
             now);
    // Longer than the epoch: the first message of all, not a negative time (which the
    // offsets-for-times request reads as "latest" or "earliest").
    QCOMPARE(
        OffsetResetPlanner::lookupTimeMs(requestOf(ResetTarget::Duration, now + 1, false), now), 0);
    for (const ResetTarget target :
         {ResetTarget::Earliest, ResetTarget::Latest, ResetTarget::Offset, ResetTarget::Shift,
          ResetTarget::Offsets}) {
        QVERIFY(!OffsetResetPlanner::needsTimeLookup(requestOf(target, 1, false)));
    }
}

void TestOffsetResetPlanner::scope_data() {
    QTest::addColumn<QString>("kind");  // all, topics, partitions
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<std::vector<TopicPartition>>("expected");

    QTest::newRow("all topics") << QStringLiteral("all") << QStringList()
                                << partitionsOf({{"a", 0}, {"a", 2}, {"a", 10}, {"b", 1}});
    QTest::newRow("one topic") << QStringLiteral("topics") << QStringList{QStringLiteral("a")}
                               << partitionsOf({{"a", 0}, {"a", 2}, {"a", 10}});
    QTest::newRow("two topics, named out of order")
        << QStringLiteral("topics") << QStringList{QStringLiteral("b"), QStringLiteral("a")}
        << partitionsOf({{"a", 0}, {"a", 2}, {"a", 10}, {"b", 1}});
    QTest::newRow("a topic twice")
        << QStringLiteral("topics") << QStringList{QStringLiteral("b"), QStringLiteral("b")}
        << partitionsOf({{"b", 1}});
    // Partitions in topic and partition order, numbers as numbers (10 after 2).
    QTest::newRow("chosen partitions")
        << QStringLiteral("partitions")
        << QStringList{QStringLiteral("a:10"), QStringLiteral("b:1"), QStringLiteral("a:2")}
        << partitionsOf({{"a", 2}, {"a", 10}, {"b", 1}});
    // Named partitions are rows even when not owned: the row says why they cannot be reset.
    QTest::newRow("partitions not owned")
        << QStringLiteral("partitions")
        << QStringList{QStringLiteral("a:1"), QStringLiteral("zz:0"), QStringLiteral("a:0")}
        << partitionsOf({{"a", 0}, {"a", 1}, {"zz", 0}});
    QTest::newRow("a partition twice")
        << QStringLiteral("partitions") << QStringList{QStringLiteral("a:2"), QStringLiteral("a:2")}
        << partitionsOf({{"a", 2}});
}

void TestOffsetResetPlanner::scope() {
    QFETCH(QString, kind);
    QFETCH(QStringList, names);
    QFETCH(std::vector<TopicPartition>, expected);
    // As the pipeline gives them: ascending.
    const std::vector<TopicPartition> owned{{"a", 0}, {"a", 2}, {"a", 10}, {"b", 1}};
    OffsetResetRequest request;
    request.allTopics = kind == QLatin1String("all");
    if (kind == QLatin1String("topics")) {
        request.topics = names;
    } else if (kind == QLatin1String("partitions")) {
        for (const QString& name : names) {
            request.partitions.push_back(parsePartitionRef(name).value());
        }
    }
    const auto scope = OffsetResetPlanner::scope(request, owned);
    QVERIFY2(scope, scope ? "" : qPrintable(scope.error().message));
    QCOMPARE(scope.value(), expected);
}

void TestOffsetResetPlanner::scopeOfATopicNotOwned_data() {
    QTest::addColumn<QStringList>("topics");
    QTest::newRow("unknown topic") << QStringList{QStringLiteral("c")};
    // One topic the worker does not read spoils the request: no half of it is reset.
    QTest::newRow("one known, one not") << QStringList{QStringLiteral("a"), QStringLiteral("c")};
}

void TestOffsetResetPlanner::scopeOfATopicNotOwned() {
    QFETCH(QStringList, topics);
    OffsetResetRequest request;
    request.topics = topics;
    const auto scope = OffsetResetPlanner::scope(request, {{"a", 0}, {"b", 1}});
    QVERIFY(!scope);
    QCOMPARE(scope.error().code, ErrorCode::NotOwned);
    QVERIFY2(scope.error().message.contains(QLatin1String("topic c")),
             qPrintable(scope.error().message));

    // Every partition gone to other members: an empty scope, which nothing can apply.
    OffsetResetRequest all;
    all.allTopics = true;
    const auto none = OffsetResetPlanner::scope(all, {});
    QVERIFY(none);
    QVERIFY(none->empty());
}

QTEST_GUILESS_MAIN(TestOffsetResetPlanner)
#include "tst_offsetresetplanner.moc"
