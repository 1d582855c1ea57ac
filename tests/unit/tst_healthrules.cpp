// HealthRules from scripted histories: every state reached and left, an idle topic stays idle,
// an operator's reset is not a rewind, a crash's replay from its checkpoint is not one either,
// retention past the position is data_loss with the count; the rates, the catch-up estimate, and
// the record's round trip through the store's encoding.

#include "worker/health/healthrules.h"

#include <QtTest>

using namespace mtga;
using namespace std::chrono_literals;

namespace {

// Window 4 samples a second apart; stall after 3 s without progress, stopped after 6 s.
HealthOptions testOptions() {
    HealthOptions options;
    options.sampleInterval = 1000ms;
    options.window = 4;
    options.stallAfter = 3000ms;
    options.stoppedAfter = 6000ms;
    return options;
}

// "HIGH/POSITION" with ",key=value" extras (low, ckpt, read, lost, serial, back); low defaults
// to 0, checkpointed and read to the position.
HealthSample sampleOf(const QByteArray& token, int64_t timeMs) {
    const QList<QByteArray> parts = token.split(',');
    const QList<QByteArray> core = parts.at(0).split('/');
    HealthSample sample;
    sample.timeMs = timeMs;
    sample.low = 0;
    sample.high = core.at(0).toLongLong();
    sample.position = core.at(1).toLongLong();
    sample.checkpointed = sample.position;
    sample.read = sample.position;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QList<QByteArray> pair = parts[i].split('=');
        const QByteArray& key = pair.at(0);
        const qint64 value = pair.at(1).toLongLong();
        if (key == "low") {
            sample.low = value;
        } else if (key == "ckpt") {
            sample.checkpointed = value;
        } else if (key == "read") {
            sample.read = value;
        } else if (key == "lost") {
            sample.lost = value;
        } else if (key == "serial") {
            sample.resetSerial = value;
        } else if (key == "back") {
            sample.logWentBack = value != 0;
        } else {
            qFatal("unknown key %s in %s", key.constData(), token.constData());
        }
    }
    return sample;
}

}  // namespace

class TestHealthRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scriptedHistories_data();
    void scriptedHistories();
    void transitionsAreRecorded();
    void ratesAndCatchUp_data();
    void ratesAndCatchUp();
    void recordSurvivesTheStore();
    void keptSamplesCoverTheWindowAndAMinute();
    void namesReadBackAsStates();
};

void TestHealthRules::scriptedHistories_data() {
    // QTest stores a literal as a QString.
    QTest::addColumn<QString>("samplesText");
    QTest::addColumn<QString>("statesText");  // after each sample
    QTest::addColumn<qint64>("lost");         // after the last

    QTest::newRow("idle topic stays idle") << "10/10 10/10 10/10 10/10 10/10 10/10 10/10"
                                           << "ok ok ok idle idle idle idle" << qint64(0);
    QTest::newRow("empty topic is idle") << "0/0 0/0 0/0 0/0"
                                         << "ok ok ok idle" << qint64(0);
    QTest::newRow("busy and keeping up is ok") << "10/10 20/20 30/30 40/40 50/48 60/60"
                                               << "ok ok ok ok ok ok" << qint64(0);
    QTest::newRow("catching up is ok") << "100/10 100/40 100/70 100/90 110/110"
                                       << "ok ok ok ok ok" << qint64(0);
    QTest::newRow("lag grows over the window: warn, then it catches up")
        << "100/90 110/95 120/100 130/105 140/110 150/150"
        << "ok ok ok warn warn ok" << qint64(0);
    QTest::newRow("lag grows but not over the whole window")
        << "100/90 110/95 120/118 130/125 140/130"
        << "ok ok ok ok ok" << qint64(0);
    QTest::newRow("data waits, no progress: stall, then stopped, then it moves")
        << "100/50 100/50 100/50 100/50 100/50 100/50 100/50 100/50 120/120"
        << "ok ok ok stall stall stall stopped stopped ok" << qint64(0);
    QTest::newRow("processed into an output that takes nothing: the checkpoint stalls")
        << "100/60,ckpt=50 100/80,ckpt=50 100/100,ckpt=50 100/100,ckpt=50 100/100,ckpt=50 "
           "100/100,ckpt=100"
        << "ok ok ok stall stall idle" << qint64(0);
    QTest::newRow("new data after an idle spell starts the stall clock then")
        << "50/50 50/50 50/50 50/50 60/50 60/50 60/50 60/50 60/50"
        << "ok ok ok idle ok ok ok stall stall" << qint64(0);
    QTest::newRow("an operator's reset back is not a rewind")
        << "100/80 100/20,serial=1 100/30,serial=1 100/40,serial=1 100/50,serial=1"
        << "ok ok ok ok ok" << qint64(0);
    QTest::newRow("going back without a reset is a rewind while in the window")
        << "100/80 100/20 100/30 100/40 100/50 100/60"
        << "ok rewind rewind rewind rewind ok" << qint64(0);
    QTest::newRow("a crash's replay from its checkpoint is not a rewind")
        << "100/80,ckpt=50 100/50 100/60 100/70"
        << "ok ok ok ok" << qint64(0);
    QTest::newRow("the log went back: rewind until reset")
        << "100/80 100/80,back=1 100/80,back=1 100/0,serial=1 100/10,serial=1"
        << "ok rewind rewind ok ok" << qint64(0);
    QTest::newRow("retention passes the waiting position: data_loss with the count")
        << "100/10 100/10,low=30 100/10,low=40"
        << "ok data_loss data_loss" << qint64(30);
    QTest::newRow("what was taken already is not lost")
        << "100/10 100/10,low=30,read=50 100/20,low=30,read=60"
        << "ok ok ok" << qint64(0);
    QTest::newRow("the guard's report of a jump counts once, then clears")
        << "100/10 100/10,low=30 100/30,low=30,lost=20 100/40,low=30 100/50,low=30 "
           "100/60,low=30 100/70,low=30"
        << "ok data_loss data_loss data_loss data_loss data_loss ok" << qint64(0);
    QTest::newRow("a sample without High or a position changes nothing")
        << "10/10 10/10 10/10 10/10 -1/10 10/-1 10/10"
        << "ok ok ok idle idle idle idle" << qint64(0);
    QTest::newRow("a start below Low is data_loss at once") << "100/10,low=25,lost=15"
                                                            << "data_loss" << qint64(15);
}

void TestHealthRules::scriptedHistories() {
    QFETCH(QString, samplesText);
    QFETCH(QString, statesText);
    const QByteArray samples = samplesText.toLatin1();
    const QByteArray states = statesText.toLatin1();
    QFETCH(qint64, lost);
    const HealthRules rules(testOptions());
    HealthRecord record;
    QList<QByteArray> tokens = samples.split(' ');
    tokens.removeAll(QByteArray());
    QCOMPARE(tokens.size(), states.split(' ').size());
    QList<QByteArray> seen;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        (void)rules.update(record, sampleOf(tokens[i], 1'000'000 + i * 1000));
        seen << QByteArray(healthStateName(record.state).data());
    }
    QCOMPARE(seen.join(' '), states);
    QCOMPARE(record.lost, lost);
}

void TestHealthRules::transitionsAreRecorded() {
    const HealthRules rules(testOptions());
    HealthRecord record;
    const QList<QByteArray> tokens{"100/50", "100/50", "100/50", "100/50", "130/130"};
    std::vector<HealthTransition> changes;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (const auto change = rules.update(record, sampleOf(tokens[i], 5000 + i * 1000))) {
            changes.push_back(*change);
        }
    }
    QCOMPARE(changes.size(), size_t(2));
    QCOMPARE(changes[0].from, HealthState::Ok);
    QCOMPARE(changes[0].to, HealthState::Stall);
    QCOMPARE(changes[0].atMs, 8000);
    QCOMPARE(changes[0].lag, 50);
    QCOMPARE(changes[1].to, HealthState::Ok);
    QCOMPARE(record.transitions.size(), size_t(2));
    QCOMPARE(record.sinceMs, 9000);
    // Rewind and idle in turn: a change at every sample, of which the newest 50 are kept.
    int changed = 0;
    for (int i = 0; i < 200; ++i) {
        changed +=
            rules.update(record, sampleOf(i % 2 ? "10/10,back=1" : "10/10", 10000 + i * 1000)) ? 1
                                                                                               : 0;
    }
    QVERIFY(changed > static_cast<int>(HealthRecord::kKeptTransitions));
    QCOMPARE(record.transitions.size(), HealthRecord::kKeptTransitions);
    QCOMPARE(record.transitions.back().atMs, 10000 + 199 * 1000);
}

void TestHealthRules::ratesAndCatchUp_data() {
    QTest::addColumn<qint64>("consumePerSecond");
    QTest::addColumn<qint64>("producePerSecond");
    QTest::addColumn<qint64>("startLag");
    QTest::addColumn<double>("consume");
    QTest::addColumn<double>("produce");
    QTest::addColumn<qint64>("eta");  // -1: none (falling behind)

    QTest::newRow("catching up") << qint64(100) << qint64(50) << qint64(5000) << 100.0 << 50.0
                                 << qint64(30);
    QTest::newRow("falling behind")
        << qint64(50) << qint64(100) << qint64(100) << 50.0 << 100.0 << qint64(-1);
    QTest::newRow("keeping pace with a lag")
        << qint64(80) << qint64(80) << qint64(10) << 80.0 << 80.0 << qint64(-1);
    QTest::newRow("caught up") << qint64(20) << qint64(20) << qint64(0) << 20.0 << 20.0
                               << qint64(0);
}

void TestHealthRules::ratesAndCatchUp() {
    QFETCH(qint64, consumePerSecond);
    QFETCH(qint64, producePerSecond);
    QFETCH(qint64, startLag);
    QFETCH(double, consume);
    QFETCH(double, produce);
    QFETCH(qint64, eta);
    HealthOptions options = testOptions();
    options.sampleInterval = 5000ms;
    const HealthRules rules(options);
    HealthRecord record;
    // 20 samples 5 s apart: the rate is over the last minute of them only, so a slow start
    // (nothing consumed in the first samples) does not count.
    for (int i = 0; i < 20; ++i) {
        HealthSample sample;
        sample.timeMs = i * 5000;
        sample.low = 0;
        const int64_t moving = std::max(i - 5, 0) * 5;  // seconds since the start of the pace
        sample.high = startLag + moving * producePerSecond;
        sample.position = moving * consumePerSecond;
        (void)rules.update(record, sample);
    }
    const HealthRates rates = HealthRules::rates(record.samples);
    QVERIFY(rates.known);
    QCOMPARE(rates.consume, consume);
    QCOMPARE(rates.produce, produce);
    const int64_t lagNow = startLag + 70 * (producePerSecond - consumePerSecond);
    const auto estimate = HealthRules::etaSeconds(std::max<int64_t>(lagNow, 0), rates);
    if (eta < 0) {
        QVERIFY(!estimate.has_value());
    } else if (eta == 0) {
        QCOMPARE(estimate, std::optional<int64_t>(0));
    } else {
        QCOMPARE(estimate, std::optional<int64_t>(lagNow / (consumePerSecond - producePerSecond)));
    }
    QVERIFY(!HealthRules::rates({}).known);
    QVERIFY(!HealthRules::etaSeconds(10, HealthRates{}).has_value());
}

void TestHealthRules::recordSurvivesTheStore() {
    const HealthRules rules(testOptions());
    HealthRecord record;
    for (const char* token : {"100/10", "100/10,low=30,read=12,serial=3", "100/10,back=1,ckpt=7"}) {
        (void)rules.update(record, sampleOf(token, static_cast<int64_t>(record.samples.size())));
    }
    const auto decoded = HealthRecord::decode(record.encode());
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, record);
    QVERIFY(!HealthRecord::decode("not json").has_value());
    QVERIFY(!HealthRecord::decode(R"({"state":"bogus"})").has_value());
}

void TestHealthRules::keptSamplesCoverTheWindowAndAMinute() {
    HealthOptions options = testOptions();
    options.sampleInterval = 5000ms;
    options.window = 30;
    QCOMPARE(HealthRules(options).keptSamples(), size_t(30));
    options.window = 4;
    QCOMPARE(HealthRules(options).keptSamples(), size_t(14));
    options.sampleInterval = 100ms;
    QCOMPARE(HealthRules(options).keptSamples(), size_t(240));
}

void TestHealthRules::namesReadBackAsStates() {
    const std::vector<HealthState> states = allHealthStates();
    QCOMPARE(states.size(), std::size_t{7});
    QCOMPARE(states.front(), HealthState::Ok);
    QCOMPARE(states.back(), HealthState::DataLoss);
    for (const HealthState state : states) {
        const QString name = healthStateLatin1(state);
        QCOMPARE(parseHealthState(QStringView(name)), std::optional<HealthState>(state));
        QCOMPARE(parseHealthState(name.toStdString()), std::optional<HealthState>(state));
    }
    QCOMPARE(parseHealthState(QStringView(u"stalled")), std::nullopt);
    QCOMPARE(parseHealthState(QStringView(u"")), std::nullopt);
}

QTEST_APPLESS_MAIN(TestHealthRules)
#include "tst_healthrules.moc"
