// The failure queue's stages and reasons (shared/failurecodes.h): each has one stable name, the
// names are what the store holds today (the transform's failure codes and stages, the sinks'
// rejections), and only sink_unavailable is transient.

#include "shared/failurecodes.h"
#include "worker/transform/outcome.h"

#include <QtTest>

#include <set>
#include <string>

using namespace mtga;

Q_DECLARE_METATYPE(mtga::FailureStage)
Q_DECLARE_METATYPE(mtga::FailureReason)

class TestFailureCodes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stages_data();
    void stages();
    void reasons_data();
    void reasons();
    void everyTransformCodeIsAReason();
    void transientMatchesTheSinks();
    void unknownNamesAreNotGuessed();
};

void TestFailureCodes::stages_data() {
    QTest::addColumn<FailureStage>("stage");
    QTest::addColumn<QString>("name");
    // The transform's stages (worker/transform/) and the sink's, as stored.
    QTest::newRow("decode") << FailureStage::Decode << QStringLiteral("decode");
    QTest::newRow("parse") << FailureStage::Parse << QStringLiteral("parse");
    QTest::newRow("route") << FailureStage::Route << QStringLiteral("route");
    QTest::newRow("transform") << FailureStage::Transform << QStringLiteral("transform");
    QTest::newRow("ta_check") << FailureStage::TaCheck << QStringLiteral("ta_check");
    QTest::newRow("sink") << FailureStage::Sink << QStringLiteral("sink");
}

void TestFailureCodes::stages() {
    QFETCH(FailureStage, stage);
    QFETCH(QString, name);
    QCOMPARE(QString::fromLatin1(failureStageName(stage)), name);
    QCOMPARE(parseFailureStage(name.toStdString()), std::optional<FailureStage>(stage));
}

void TestFailureCodes::reasons_data() {
    QTest::addColumn<FailureReason>("reason");
    QTest::addColumn<QString>("name");
    QTest::newRow("invalid_json") << FailureReason::InvalidJson << QStringLiteral("invalid_json");
    QTest::newRow("missing_headers")
        << FailureReason::MissingHeaders << QStringLiteral("missing_headers");
    QTest::newRow("missing_logs") << FailureReason::MissingLogs << QStringLiteral("missing_logs");
    QTest::newRow("unknown_app") << FailureReason::UnknownApp << QStringLiteral("unknown_app");
    QTest::newRow("no_identity") << FailureReason::NoIdentity << QStringLiteral("no_identity");
    QTest::newRow("bad_time") << FailureReason::BadTime << QStringLiteral("bad_time");
    QTest::newRow("missing_event_id")
        << FailureReason::MissingEventId << QStringLiteral("missing_event_id");
    QTest::newRow("bad_field") << FailureReason::BadField << QStringLiteral("bad_field");
    QTest::newRow("payload_decode")
        << FailureReason::PayloadDecode << QStringLiteral("payload_decode");
    QTest::newRow("too_large") << FailureReason::TooLarge << QStringLiteral("too_large");
    QTest::newRow("ta_format") << FailureReason::TaFormat << QStringLiteral("ta_format");
    QTest::newRow("sink_unavailable")
        << FailureReason::SinkUnavailable << QStringLiteral("sink_unavailable");
    QTest::newRow("sink_rejected")
        << FailureReason::SinkRejected << QStringLiteral("sink_rejected");
}

void TestFailureCodes::reasons() {
    QFETCH(FailureReason, reason);
    QFETCH(QString, name);
    QCOMPARE(QString::fromLatin1(failureReasonName(reason)), name);
    QCOMPARE(parseFailureReason(name.toStdString()), std::optional<FailureReason>(reason));
}

void TestFailureCodes::everyTransformCodeIsAReason() {
    // The transform's codes are the first reasons, under the names the store has always held.
    QCOMPARE(kFailureCodeCount, size_t{11});
    std::set<std::string> seen;
    for (size_t i = 0; i < kFailureCodeCount; ++i) {
        const std::string name(failureCodeName(static_cast<FailureCode>(i)));
        const auto reason = parseFailureReason(name);
        QVERIFY2(reason.has_value(), name.c_str());
        QCOMPARE(std::string(failureReasonName(*reason)), name);
        seen.insert(name);
    }
    QCOMPARE(seen.size(), kFailureCodeCount);
}

void TestFailureCodes::transientMatchesTheSinks() {
    for (size_t i = 0; i <= static_cast<size_t>(FailureReason::SinkRejected); ++i) {
        const auto reason = static_cast<FailureReason>(i);
        QCOMPARE(isTransient(reason), reason == FailureReason::SinkUnavailable);
    }
}

void TestFailureCodes::unknownNamesAreNotGuessed() {
    for (const char* name : {"", "Sink", "sink ", "sink_gone", "decoder"}) {
        QVERIFY(!parseFailureStage(name).has_value());
        QVERIFY(!parseFailureReason(name).has_value());
    }
}

QTEST_GUILESS_MAIN(TestFailureCodes)
#include "tst_failurecodes.moc"
