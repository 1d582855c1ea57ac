// The recovery set: which events already in the files are skipped when they come again, and when
// it is safe to forget them. Horizons are offsets: a partition whose messages were all filtered,
// or that gets no message at all, must not keep the set alive.

#include "worker/pipeline/recoveryset.h"

#include <QtTest>

using namespace mtga;

namespace {

std::string lineWithUuid(int n) {
    return "{\"#uuid\":\"" + QByteArray::number(n).rightJustified(36, '0').toStdString() +
           "\",\"#event_name\":\"x\"}\n";
}

PartitionPosition at(int32_t partition, int64_t next, int64_t high) {
    return {{"t", partition}, next, high};
}

}  // namespace

class TestRecoverySet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aLineIsKnownByItsIdentity();
    void aRememberedLineIsSkippedOnce();
    void tailLinesWaitForAHighSeenAfterTheStart_data();
    void tailLinesWaitForAHighSeenAfterTheStart();
    void writtenLinesExpireAtTheirOwnOffsets();
    void savedIdentitiesComeBackWithTheTailHorizon();
    void anEmptySetHasNothingToExpire();
};

void TestRecoverySet::aLineIsKnownByItsIdentity() {
    // The same event may come back as a line that differs elsewhere: its #uuid decides
    // (EventIdentity, tested in tst_eventidentity), not a property that looks like one.
    RecoverySet set;
    set.addTailLine(lineWithUuid(7));
    QVERIFY(
        set.take("{\"#uuid\":\"" + lineWithUuid(7).substr(10, 36) + "\",\"#event_name\":\"y\"}"));
    set.addTailLine("{\"a\":1,\"properties\":{\"#uuid\":\"" + lineWithUuid(8).substr(10, 36) +
                    "\"}}\n");
    QVERIFY(!set.take(lineWithUuid(8)));
    QVERIFY(!set.take("{\"a\":2}\n"));
    QVERIFY(set.take("{\"a\":1,\"properties\":{\"#uuid\":\"" + lineWithUuid(8).substr(10, 36) +
                     "\"}}"));
    QVERIFY(set.empty());
}

void TestRecoverySet::aRememberedLineIsSkippedOnce() {
    RecoverySet set;
    set.addTailLine(lineWithUuid(1));
    QVERIFY(set.dirty());
    set.markSaved();
    QVERIFY(!set.take(lineWithUuid(2)));
    QVERIFY(!set.dirty());
    QVERIFY(set.take(lineWithUuid(1)));
    QVERIFY(set.dirty());
    QVERIFY(!set.take(lineWithUuid(1)));
    QVERIFY(set.empty());

    // Without #uuid, two events can make the same line: each copy is skipped once.
    set.addTailLine("{\"a\":1}\n");
    set.addTailLine("{\"a\":1}\n");
    QCOMPARE(set.size(), size_t(2));
    RecoverySet reloaded;
    reloaded.load(set.serialize());
    QCOMPARE(reloaded.size(), size_t(2));
    QVERIFY(reloaded.take("{\"a\":1}\n"));
    QVERIFY(reloaded.take("{\"a\":1}\n"));
    QVERIFY(!reloaded.take("{\"a\":1}\n"));
}

void TestRecoverySet::tailLinesWaitForAHighSeenAfterTheStart_data() {
    QTest::addColumn<QList<qint64>>("nexts");  // per partition, -1: unknown
    QTest::addColumn<QList<qint64>>("highs");  // per partition, -1: not seen yet
    QTest::addColumn<bool>("expired");
    QTest::newRow("no High seen yet") << QList<qint64>{100} << QList<qint64>{-1} << false;
    QTest::newRow("before the High") << QList<qint64>{99} << QList<qint64>{100} << false;
    QTest::newRow("at the High") << QList<qint64>{100} << QList<qint64>{100} << true;
    QTest::newRow("one partition behind")
        << QList<qint64>{100, 5} << QList<qint64>{100, 6} << false;
    // A partition with nothing to consume (or only filtered events) is at its High.
    QTest::newRow("idle partition") << QList<qint64>{100, 0} << QList<qint64>{100, 0} << true;
    QTest::newRow("position unknown") << QList<qint64>{100, -1} << QList<qint64>{100, 3} << false;
}

void TestRecoverySet::tailLinesWaitForAHighSeenAfterTheStart() {
    QFETCH(QList<qint64>, nexts);
    QFETCH(QList<qint64>, highs);
    QFETCH(bool, expired);
    RecoverySet set;
    set.addTailLine(lineWithUuid(1));
    std::vector<PartitionPosition> positions;
    for (qsizetype i = 0; i < nexts.size(); ++i) {
        positions.push_back(at(static_cast<int32_t>(i), nexts[i], highs[i]));
    }
    QCOMPARE(set.expire(positions), expired);
    QCOMPARE(set.empty(), expired);
}

void TestRecoverySet::writtenLinesExpireAtTheirOwnOffsets() {
    RecoverySet set;
    set.addWrittenLine(lineWithUuid(1), {"t", 0}, 41);
    set.addWrittenLine(lineWithUuid(2), {"t", 0}, 40);
    // The horizon is one past the newest line, whatever the High says; partition 1 has none.
    QVERIFY(!set.expire({at(0, 41, 1000), at(1, 0, 1000)}));
    QVERIFY(set.expire({at(0, 42, 1000), at(1, 0, 1000)}));
    QVERIFY(set.empty());

    // The first High seen counts, not a later one: the tail lies below it.
    set.addTailLine(lineWithUuid(3));
    QVERIFY(!set.expire({at(0, 10, 20)}));
    QVERIFY(set.expire({at(0, 20, 5000)}));

    set.remember(lineWithUuid(4));
    set.raiseHorizon({"t", 3}, 7);
    QVERIFY(!set.expire({at(3, 6, -1)}));
    QVERIFY(set.expire({at(3, 7, -1)}));
    QVERIFY(!set.expire({at(3, 7, -1)}));  // nothing left
}

void TestRecoverySet::savedIdentitiesComeBackWithTheTailHorizon() {
    RecoverySet before;
    before.addWrittenLine(lineWithUuid(1), {"t", 0}, 5);
    before.addWrittenLine(lineWithUuid(2), {"t", 0}, 6);
    RecoverySet after;
    after.load(before.serialize());
    QCOMPARE(after.size(), size_t(2));
    QVERIFY(!after.dirty());
    // Their offsets were not saved: a High seen after the start bounds them.
    QVERIFY(!after.expire({at(0, 7, -1)}));
    QVERIFY(!after.expire({at(0, 7, 9)}));
    QVERIFY(after.take(lineWithUuid(2)));
    QVERIFY(after.expire({at(0, 9, 9)}));
}

void TestRecoverySet::anEmptySetHasNothingToExpire() {
    RecoverySet set;
    QVERIFY(!set.expire({at(0, 0, 0)}));
    set.addTailLine(lineWithUuid(1));
    QVERIFY(!set.expire({}));  // nothing assigned yet: nothing is known
    QVERIFY(!set.empty());
}

QTEST_GUILESS_MAIN(TestRecoverySet)
#include "tst_recoveryset.moc"
