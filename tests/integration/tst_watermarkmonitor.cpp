// WatermarkMonitor against the embedded cluster: Low and High follow what the cluster really
// holds, including a Low that moves up when the cluster drops old data, and a failed refresh
// keeps the last known values.

#include "worker/devtools/embeddedkafka.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/source/watermarkmonitor.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace mtga;

namespace {

const TopicPartition kPartition{"marks", 0};

KafkaHandle makeProducer(const std::string& brokers) {
    auto conf = makeKafkaConf({{"bootstrap.servers", brokers},
                               {"linger.ms", "5"},
                               {"message.max.bytes", "2000000"},
                               {"compression.type", "none"}});
    if (!conf) {
        return nullptr;
    }
    auto client = makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value());
    return client ? std::move(client).value() : nullptr;
}

// Produces `count` values of `size` random (incompressible) bytes to kPartition.
bool produce(rd_kafka_t* producer, int count, int size) {
    QByteArray value(size, Qt::Uninitialized);
    const KafkaTopic topic(rd_kafka_topic_new(producer, kPartition.topic.c_str(), nullptr));
    bool queued = true;
    for (int i = 0; i < count && queued; ++i) {
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(value.data()),
                                              static_cast<qsizetype>(size / 4));
        queued =
            rd_kafka_produce(topic.get(), kPartition.partition, RD_KAFKA_MSG_F_COPY, value.data(),
                             static_cast<size_t>(value.size()), nullptr, 0, nullptr) == 0;
        rd_kafka_poll(producer, 0);
    }
    return queued && rd_kafka_flush(producer, 30'000) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace

class TestWatermarkMonitor : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void followsHighAndLow();
    void refreshesOnItsOwnThread();
    void keepsLastValuesWhileTheClusterIsDown();
};

void TestWatermarkMonitor::followsHighAndLow() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({kPartition.topic, 2}).ok());
    KafkaHandle producer = makeProducer(kafka.value()->bootstrapServers());
    QVERIFY(producer);
    WatermarkMonitor monitor(
        producer.get(), [] { return std::vector<TopicPartition>{kPartition}; },
        std::chrono::hours(1));

    QVERIFY(!monitor.watermarks(kPartition).has_value());
    QVERIFY(monitor.refresh().ok());
    auto marks = monitor.watermarks(kPartition);
    QVERIFY(marks.has_value());
    QCOMPARE(marks->low, int64_t(0));
    QCOMPARE(marks->high, int64_t(0));
    QVERIFY(marks->refreshedAtMs > 0);

    QVERIFY(produce(producer.get(), 25, 1000));
    QVERIFY(monitor.refresh().ok());
    QCOMPARE(monitor.watermarks(kPartition)->high, int64_t(25));
    QCOMPARE(monitor.watermarks(kPartition)->low, int64_t(0));

    // The mock cluster keeps at most 5 MiB per partition: 8 MiB more moves Low up.
    QVERIFY(produce(producer.get(), 64, 128 * 1024));
    QVERIFY(monitor.refresh().ok());
    marks = monitor.watermarks(kPartition);
    QCOMPARE(marks->high, int64_t(25 + 64));
    QVERIFY2(marks->low > 0, qPrintable(QString::number(marks->low)));
    QVERIFY(marks->low < marks->high);
    // A partition nobody asked about stays unknown.
    QVERIFY(!monitor.watermarks({kPartition.topic, 1}).has_value());
}

void TestWatermarkMonitor::refreshesOnItsOwnThread() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({kPartition.topic, 1}).ok());
    KafkaHandle producer = makeProducer(kafka.value()->bootstrapServers());
    QVERIFY(producer);
    std::atomic<int> asked{0};
    WatermarkMonitor monitor(
        producer.get(),
        [&] {
            ++asked;
            return std::vector<TopicPartition>{kPartition};
        },
        std::chrono::milliseconds(200));
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.watermarks(kPartition).has_value(), 20'000);
    QVERIFY(produce(producer.get(), 7, 100));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.watermarks(kPartition)->high, int64_t(7), 20'000);
    QVERIFY(asked.load() >= 2);  // asked again and again, not once
    monitor.stop();
}

void TestWatermarkMonitor::keepsLastValuesWhileTheClusterIsDown() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({kPartition.topic, 1}).ok());
    KafkaHandle producer = makeProducer(kafka.value()->bootstrapServers());
    QVERIFY(producer);
    QVERIFY(produce(producer.get(), 3, 100));
    WatermarkMonitor monitor(
        producer.get(), [] { return std::vector<TopicPartition>{kPartition}; },
        std::chrono::hours(1));
    QVERIFY(monitor.refresh().ok());
    const qint64 refreshedAt = monitor.watermarks(kPartition)->refreshedAtMs;

    QVERIFY(kafka.value()->setBrokerDown(1).ok());
    const Result<void> failed = monitor.refresh(std::chrono::milliseconds(1500));
    QVERIFY(!failed.ok());
    QVERIFY2(failed.error().message.contains(QLatin1String("Low/High")),
             qPrintable(failed.error().message));
    QCOMPARE(monitor.watermarks(kPartition)->high, int64_t(3));
    QCOMPARE(monitor.watermarks(kPartition)->refreshedAtMs, refreshedAt);

    QVERIFY(kafka.value()->setBrokerUp(1).ok());
    QTRY_VERIFY_WITH_TIMEOUT(monitor.refresh(std::chrono::milliseconds(2000)).ok(), 30'000);
    QVERIFY(monitor.watermarks(kPartition)->refreshedAtMs > refreshedAt);
}

QTEST_GUILESS_MAIN(TestWatermarkMonitor)
#include "tst_watermarkmonitor.moc"
