// SelfCheck: findings replace earlier ones of the same check; the checkpoint-against-group
// comparison names every partition that differs.

#include "worker/pipeline/selfcheck.h"

#include <QtTest>

using namespace mtga;

class TestSelfCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aCheckDoneAgainReplacesItsResult();
    void compareCheckpoints_data();
    void compareCheckpoints();
};

void TestSelfCheck::aCheckDoneAgainReplacesItsResult() {
    SelfCheck checks;
    checks.add({"store", true, QStringLiteral("opened")});
    checks.add({"log_position", false, QStringLiteral("went back")});
    checks.add({"log_position", true, QStringLiteral("fine")});
    const auto findings = checks.findings();
    QCOMPARE(findings.size(), size_t(2));
    QCOMPARE(findings[0].check, std::string("store"));
    QCOMPARE(findings[1].check, std::string("log_position"));
    QVERIFY(findings[1].ok);
    QCOMPARE(findings[1].detail, QStringLiteral("fine"));
}

using Decisions = std::vector<StartOffsetDecision>;
Q_DECLARE_METATYPE(Decisions)

void TestSelfCheck::compareCheckpoints_data() {
    QTest::addColumn<Decisions>("decisions");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("mismatches");
    QTest::addColumn<QString>("detail");
    const auto decision = [](int32_t partition, int64_t checkpointed, int64_t committed,
                             int64_t chosen) {
        StartOffsetDecision d;
        d.partition = {"log", partition};
        d.checkpointed = checkpointed;
        d.committed = committed;
        d.chosen = chosen;
        return d;
    };
    QTest::newRow("none") << Decisions{} << true << 0 << QStringLiteral("0 partition(s)");
    QTest::newRow("agree") << Decisions{decision(0, 5, 5, 5), decision(1, 7, 7, 7)} << true << 0
                           << QStringLiteral("2 partition(s) with both");
    QTest::newRow("only one side is not compared")
        << Decisions{decision(0, -1, 5, 5), decision(1, 7, -1, 7)} << true << 0
        << QStringLiteral("0 partition(s)");
    QTest::newRow("ours ahead after a crash")
        << Decisions{decision(0, 9, 5, 9), decision(1, 7, 7, 7)} << false << 1
        << QStringLiteral("log[0]: local checkpoint 9, group commit 5; starting at 9");
    QTest::newRow("two differ") << Decisions{decision(0, 9, 5, 9), decision(3, 2, 8, 8)} << false
                                << 2
                                << QStringLiteral(
                                       "log[0]: local checkpoint 9, group commit 5; "
                                       "starting at 9; log[3]: local checkpoint 2, "
                                       "group commit 8; starting at 8");
}

void TestSelfCheck::compareCheckpoints() {
    QFETCH(Decisions, decisions);
    QFETCH(bool, ok);
    QFETCH(int, mismatches);
    QFETCH(QString, detail);
    std::vector<CheckpointMismatch> found;
    const SelfCheckFinding finding = SelfCheck::compareCheckpoints(decisions, &found);
    QCOMPARE(finding.check, std::string("checkpoint_vs_group"));
    QCOMPARE(finding.ok, ok);
    QCOMPARE(int(found.size()), mismatches);
    QVERIFY2(finding.detail.contains(detail), qPrintable(finding.detail));
    for (const CheckpointMismatch& mismatch : found) {
        QVERIFY(mismatch.checkpointed != mismatch.committed);
    }
}

QTEST_GUILESS_MAIN(TestSelfCheck)
#include "tst_selfcheck.moc"
