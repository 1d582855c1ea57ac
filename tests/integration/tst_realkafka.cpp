// Against a real Apache Kafka broker only: Kafka's own tools as a peer. What mtga says of its
// consumer group (checkpointed offsets, High, lag from the checkpoint) is what
// `kafka-consumer-groups --describe` says of the same group, for every partition, while the
// worker has taken part of the topic and its output is blocked.

#include "shared/controlclient.h"
#include "tests/support/processrunner.h"
#include "tests/support/realkafka.h"
#include "tests/support/workertest.h"
#include "worker/kafka/kafkaclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace mtga;
using namespace mtga::test;

namespace {

struct GroupRow {
    qint64 current = -1;  // the group's committed offset; -1: none
    qint64 logEnd = -1;
    qint64 lag = -1;
};

// `kafka-consumer-groups --describe`'s table, by partition: columns found by their headers.
std::map<int, GroupRow> parseDescribe(const QString& output) {
    std::map<int, GroupRow> rows;
    QStringList header;
    for (const QString& line : output.split(QLatin1Char('\n'))) {
        const QStringList cells = line.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (cells.value(0) == QLatin1String("GROUP")) {
            header = cells;
            continue;
        }
        if (header.isEmpty() || cells.size() < header.size() - 3) {
            continue;
        }
        const auto cell = [&](const char* name) {
            const qsizetype at = header.indexOf(QLatin1String(name));
            bool ok = false;
            const qint64 value = at >= 0 ? cells.value(at).toLongLong(&ok) : -1;
            return ok ? value : qint64(-1);
        };
        rows[static_cast<int>(cell("PARTITION"))] = {cell("CURRENT-OFFSET"), cell("LOG-END-OFFSET"),
                                                     cell("LAG")};
    }
    return rows;
}

// How many of the topic's partitions broker `id` leads (-1: no metadata).
int partitionsLedBy(const std::string& bootstrap, const char* topicName, int32_t id) {
    auto conf = makeKafkaConf({{"bootstrap.servers", bootstrap}});
    auto client = conf ? makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value())
                       : Result<KafkaHandle>(conf.error());
    if (!client) {
        return -1;
    }
    const KafkaTopic topic(rd_kafka_topic_new(client->get(), topicName, nullptr));
    const rd_kafka_metadata_t* metadata = nullptr;
    int led = -1;
    if (rd_kafka_metadata(client->get(), 0, topic.get(), &metadata, 10'000) ==
            RD_KAFKA_RESP_ERR_NO_ERROR &&
        metadata->topic_cnt == 1) {
        led = 0;
        for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) {
            led += metadata->topics[0].partitions[i].leader == id ? 1 : 0;
        }
    }
    if (metadata != nullptr) {
        rd_kafka_metadata_destroy(metadata);
    }
    return led;
}

QString stateOf(const QString& socket) {
    auto status = ControlClient::status(socket);
    return status ? status->state : status.error().message;
}

}  // namespace

class TestRealKafka : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void groupViewMatchesKafkaConsumerGroups();
    void brokerOfThreeFailsWhileStreaming();
};

void TestRealKafka::groupViewMatchesKafkaConsumerGroups() {
    RealKafka kafka;
    auto started = kafka.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QVERIFY(kafka.createTopic("peer", 4, {}).ok());
    // 2,000 events written and committed in every partition; then the output is blocked and
    // 40,000 more come: every partition has a commit and a lag.
    const Traffic first = trafficOf("peer", 2000);
    const Expected expected = produce(kafka.bootstrap(), first);
    QVERIFY(!expected.pids.empty());
    QTemporaryDir dir;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("peer");
    config.pipeline = QStringLiteral("  queue_max_messages: 1000\n");
    const QString path = writeConfig(dir, config);
    const QString socket = dir.filePath(QStringLiteral("data/mtga.sock"));
    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    QTRY_VERIFY_WITH_TIMEOUT(
        scanOutput(dir.filePath(QStringLiteral("out"))).lines >= expected.pids.size(), 60'000);
    QTest::qWait(1500);  // checkpointed and committed
    QVERIFY(limitFileSize(worker.processId(), QStringLiteral("2000000")));
    Traffic second = first;
    second.first = first.count;
    second.count = 40'000;
    QVERIFY(!produce(kafka.bootstrap(), second).pids.empty());
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(socket), QStringLiteral("blocked"), 60'000);
    QTest::qWait(3000);  // checkpoints commit what was written; nothing moves any more
    // High as the worker last asked (every kafka.watermark_refresh): all 42,000 messages.
    Result<OffsetsReply> offsets = OffsetsReply{};
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            offsets = ControlClient::offsets(socket);
            qint64 highs = 0;
            for (const PartitionRow& row :
                 offsets ? offsets->partitions : std::vector<PartitionRow>()) {
                highs += row.high;
            }
            return highs == static_cast<qint64>(first.count + second.count);
        }(),
        30'000);
    auto described = kafka.runTool(
        QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
        {QStringLiteral("--describe"), QStringLiteral("--group"), QStringLiteral("tests")});
    QVERIFY2(described.ok(), qPrintable(described.ok() ? QString() : described.error().message));
    const std::map<int, GroupRow> group = parseDescribe(described.value());
    const std::vector<PartitionRow>& rows = offsets->partitions;
    QVERIFY2(rows.size() == 4, QJsonDocument(offsets->toJson()).toJson().constData());
    QCOMPARE(group.size(), size_t(4));
    for (const PartitionRow& row : rows) {
        const int partition = row.partition;
        const GroupRow& peer = group.at(partition);
        const QString where =
            QStringLiteral("partition %1: mtga %2, kafka-consumer-groups: %3 %4 %5")
                .arg(partition)
                .arg(QString::fromUtf8(QJsonDocument(row.toJson()).toJson(QJsonDocument::Compact)))
                .arg(peer.current)
                .arg(peer.logEnd)
                .arg(peer.lag);
        QVERIFY2(row.checkpointed == peer.current, qPrintable(where));
        QVERIFY2(row.high == peer.logEnd, qPrintable(where));
        // The group's lag counts from the commit, mtga's `lag` from what it has taken (Current,
        // ahead of the commit while the output holds lines it could not make durable).
        const qint64 high = row.high;
        const qint64 current = row.current;
        QVERIFY2(peer.current > 0, qPrintable(where));
        QVERIFY2(high - row.checkpointed == peer.lag, qPrintable(where));
        QVERIFY2(current >= peer.current && current <= high, qPrintable(where));
        QVERIFY2(row.lag == high - current, qPrintable(where));
        QVERIFY2(peer.lag > 0, qPrintable(where));
    }
    QVERIFY(limitFileSize(worker.processId(), QStringLiteral("unlimited")));
    QVERIFY(stopCleanly(worker, 60'000));
}

void TestRealKafka::brokerOfThreeFailsWhileStreaming() {
    // Three brokers, a replica of every partition (and of the group's offsets) on each. Broker 1,
    // the leader of some partitions, stops while events come, and comes back 10 s later:
    // leadership moves to the others (and stays there: Kafka moves it back only at its next
    // leader rebalance, minutes later), and every event is in the files once.
    RealKafka kafka(3);
    auto started = kafka.start();
    QVERIFY2(started.ok(), qPrintable(started.ok() ? QString() : started.error().message));
    QVERIFY(kafka.createTopic("three", 6, {}).ok());
    const Traffic first = trafficOf("three", 20'000);
    Expected expected = produce(kafka.bootstrap(), first);
    QVERIFY(!expected.pids.empty());
    QVERIFY2(partitionsLedBy(kafka.bootstrap(), "three", 1) > 0, "broker 1 leads nothing");
    QTemporaryDir dir;
    WorkerConfig config;
    config.bootstrap = kafka.bootstrap();
    config.topic = QStringLiteral("three");
    const QString path = writeConfig(dir, config);
    const QString out = dir.filePath(QStringLiteral("out"));
    ProcessRunner worker(runArguments(path));
    QVERIFY(worker.start());
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(out).lines > 0, 60'000);
    QVERIFY(kafka.stopBroker(1).ok());
    QTRY_COMPARE_WITH_TIMEOUT(partitionsLedBy(kafka.bootstrap(), "three", 1), 0, 30'000);
    Traffic second = first;
    second.first = first.count;
    second.count = 10'000;
    const Expected more = produce(kafka.bootstrap(), second);
    QVERIFY(!more.pids.empty());
    expected.add(more);
    QTest::qWait(10'000);
    QVERIFY(kafka.startBroker(1).ok());
    QTRY_VERIFY2_WITH_TIMEOUT(scanOutput(out).lines >= expected.pids.size(),
                              qPrintable(worker.standardError().right(1500)), 120'000);
    QTest::qWait(1500);  // a copy would show now
    QVERIFY(stopCleanly(worker, 60'000));
    QVERIFY(writtenExactlyOnce(scanOutput(out), expected.pids));
}

QTEST_GUILESS_MAIN(TestRealKafka)
#include "tst_realkafka.moc"
