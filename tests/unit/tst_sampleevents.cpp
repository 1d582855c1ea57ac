// The sample traffic generator: deterministic for a seed, shaped like the original input.

#include "worker/demo/sampleevents.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <set>

using mtga::SampleEventGenerator;

class TestSampleEvents : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameEvents_data();
    void sameSeedSameEvents();
    void differentSeedsDiffer();
    void shapedLikeTheSample();
    void variesAcrossEvents();
    void appIdsComeFromTheList();
};

void TestSampleEvents::sameSeedSameEvents_data() {
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed 0") << quint64(0);
    QTest::newRow("seed 1") << quint64(1);
    QTest::newRow("seed 2^63") << (quint64(1) << 63);
}

void TestSampleEvents::sameSeedSameEvents() {
    QFETCH(quint64, seed);
    const SampleEventGenerator first(seed);
    const SampleEventGenerator second(seed);
    for (uint64_t index : {0ULL, 1ULL, 2ULL, 999ULL, 123456789ULL}) {
        const auto a = first.event(index);
        const auto b = second.event(index);
        QCOMPARE(a.value, b.value);
        QCOMPARE(a.key, b.key);
    }
    // Random access gives the same event as sequential generation.
    QCOMPARE(first.event(5).value, SampleEventGenerator(seed).event(5).value);
}

void TestSampleEvents::differentSeedsDiffer() {
    const SampleEventGenerator one(1);
    const SampleEventGenerator two(2);
    int differing = 0;
    for (uint64_t i = 0; i < 100; ++i) {
        differing += one.event(i).value != two.event(i).value ? 1 : 0;
    }
    QCOMPARE(differing, 100);
}

void TestSampleEvents::shapedLikeTheSample() {
    QFile sampleFile(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.input.json"));
    QVERIFY(sampleFile.open(QIODevice::ReadOnly));
    const QJsonObject sample = QJsonDocument::fromJson(sampleFile.readAll()).object();
    const QJsonObject sampleLogs = sample.value(QStringLiteral("logs")).toObject();
    QVERIFY(!sampleLogs.isEmpty());

    const SampleEventGenerator generator(7);
    for (uint64_t index = 0; index < 50; ++index) {
        const auto event = generator.event(index);
        QJsonParseError error{};
        const QJsonObject parsed =
            QJsonDocument::fromJson(QByteArray::fromStdString(event.value), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject headers = parsed.value(QStringLiteral("headers")).toObject();
        QCOMPARE(headers.value(QStringLiteral("app_id")).toInt(), 24);
        QCOMPARE(headers.value(QStringLiteral("log_name")).toString().toStdString(), event.logName);
        const QJsonObject logs = parsed.value(QStringLiteral("logs")).toObject();
        QCOMPARE(logs.keys(), sampleLogs.keys());
        for (const QString& key : sampleLogs.keys()) {
            QCOMPARE(logs.value(key).type(), sampleLogs.value(key).type());
        }
        QCOMPARE(QString::number(logs.value(QStringLiteral("role_id")).toInteger()).toStdString(),
                 event.key);
        // Same order of fields as the original message, not just the same set.
        const QByteArray raw = QByteArray::fromStdString(event.value);
        QVERIFY(raw.indexOf("\"account_name\"") < raw.indexOf("\"zero_dateline\""));
        QVERIFY(raw.size() > 450 && raw.size() < 650);
    }
}

void TestSampleEvents::variesAcrossEvents() {
    const SampleEventGenerator generator(3);
    std::set<std::string> logNames;
    std::set<std::string> roleIds;
    std::set<std::string> values;
    for (uint64_t index = 0; index < 1000; ++index) {
        const auto event = generator.event(index);
        logNames.insert(event.logName);
        roleIds.insert(event.key);
        values.insert(event.value);
    }
    QCOMPARE(logNames.size(), SampleEventGenerator::logNames().size());
    QVERIFY(roleIds.size() > 900);
    QCOMPARE(values.size(), size_t(1000));
}

void TestSampleEvents::appIdsComeFromTheList() {
    const SampleEventGenerator generator(9, {24, 25, 31});
    std::set<int> seen;
    for (uint64_t index = 0; index < 300; ++index) {
        seen.insert(generator.event(index).appId);
    }
    QCOMPARE(seen, (std::set<int>{24, 25, 31}));
}

QTEST_GUILESS_MAIN(TestSampleEvents)
#include "tst_sampleevents.moc"
