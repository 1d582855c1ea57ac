// The embedded Kafka cluster with real librdkafka clients: what is produced (snappy) is what a
// consumer reads back, and injected faults really fail requests.

#include "tests/support/partitionreader.h"
#include "tests/support/qtestprinters.h"
#include "worker/demo/trafficproducer.h"
#include "worker/devtools/embeddedkafka.h"

#include <QtTest>

#include <map>

using namespace mtga;

class TestEmbeddedKafka : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void startsWithBootstrapAddress();
    void snappyRoundTripOfTenThousandEvents();
    void brokerDownFailsDeliveryUntilUp();
    void rejectsBadBrokerCount();
};

void TestEmbeddedKafka::startsWithBootstrapAddress() {
    auto kafka = EmbeddedKafka::start(3);
    QVERIFY2(kafka.ok(), qPrintable(kafka.ok() ? QString() : kafka.error().message));
    const QString bootstrap = QString::fromStdString(kafka.value()->bootstrapServers());
    QCOMPARE(bootstrap.split(QLatin1Char(',')).size(), 3);
    for (const QString& address : bootstrap.split(QLatin1Char(','))) {
        QVERIFY2(address.startsWith(QLatin1String("127.0.0.1:")), qPrintable(address));
    }
    QCOMPARE(kafka.value()->brokerCount(), 3);
}

void TestEmbeddedKafka::snappyRoundTripOfTenThousandEvents() {
    constexpr size_t kEvents = 10'000;
    constexpr int kPartitions = 6;
    auto kafka = EmbeddedKafka::start(3);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({"mulog_clean_24", kPartitions}).ok());

    TrafficOptions options;
    options.bootstrapServers = kafka.value()->bootstrapServers();
    options.topic = "mulog_clean_24";
    options.seed = 42;
    auto producer = TrafficProducer::create(options);
    QVERIFY2(producer.ok(), qPrintable(producer.ok() ? QString() : producer.error().message));
    QCOMPARE(producer.value()->partitionCount(), kPartitions);
    QVERIFY(producer.value()->produce(kEvents).ok());
    QVERIFY(producer.value()->flush(30'000).ok());
    QCOMPARE(producer.value()->delivered(), uint64_t(kEvents));
    QCOMPARE(producer.value()->failed(), uint64_t(0));

    auto records = test::PartitionReader::readAll(kafka.value()->bootstrapServers(),
                                                  "mulog_clean_24", kEvents, 60'000);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), kEvents);

    // Event i went to partition i % 6 in order, so offset k of partition p is event k * 6 + p.
    const SampleEventGenerator expected(42);
    std::map<int32_t, int64_t> nextOffset;
    for (const test::KafkaRecord& record : records.value()) {
        QCOMPARE(record.offset, nextOffset[record.partition]++);
        const uint64_t index = static_cast<uint64_t>(record.offset) * kPartitions +
                               static_cast<uint64_t>(record.partition);
        const SampleEvent event = expected.event(index);
        QCOMPARE(record.value, event.value);
        QCOMPARE(record.key, event.key);
    }
    QCOMPARE(nextOffset.size(), size_t(kPartitions));
}

void TestEmbeddedKafka::brokerDownFailsDeliveryUntilUp() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({"faults", 2}).ok());
    TrafficOptions options;
    options.bootstrapServers = kafka.value()->bootstrapServers();
    options.topic = "faults";
    options.extraProperties = {{"message.timeout.ms", "1500"}};
    auto producer = TrafficProducer::create(options);
    QVERIFY(producer.ok());

    QVERIFY(kafka.value()->setBrokerDown(1).ok());
    QVERIFY(producer.value()->produce(20).ok());
    QVERIFY(producer.value()->flush(15'000).ok());
    QCOMPARE(producer.value()->delivered(), uint64_t(0));
    QCOMPARE(producer.value()->failed(), uint64_t(20));
    QVERIFY(!producer.value()->lastDeliveryError().isEmpty());

    QVERIFY(kafka.value()->setBrokerUp(1).ok());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const uint64_t before = producer.value()->delivered();
            (void)producer.value()->produce(1);
            (void)producer.value()->flush(3000);
            return producer.value()->delivered() > before;
        }(),
        20'000);

    QVERIFY(!kafka.value()->setBrokerDown(99).ok());
}

void TestEmbeddedKafka::rejectsBadBrokerCount() {
    QVERIFY(!EmbeddedKafka::start(0).ok());
    auto tooMany = EmbeddedKafka::start(17);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(TestEmbeddedKafka)
#include "tst_embeddedkafka.moc"
