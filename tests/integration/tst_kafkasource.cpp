// KafkaSource against the embedded cluster, with a listener standing in for the pipeline: what
// the source hands over across rebalances is exactly what the group gave this member, each
// partition contiguous from its checkpoint, never a message of a partition already revoked.

#include "worker/devtools/embeddedkafka.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/source/kafkasource.h"

#include <QtTest>

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

using namespace mtga;

namespace {

const char* const kTopic = "revokes";
constexpr int kPartitions = 4;
constexpr int kPerPartition = 3000;  // at first; each of the 3 rounds adds kPerRound
constexpr int kPerRound = 500;
constexpr int kRounds = 3;
constexpr int kTotalPerPartition = kPerPartition + kRounds * kPerRound;

// Whether the source said it paused its partitions (it logs through Qt's handler).
std::atomic<bool> g_pausedSeen{false};
QtMessageHandler g_previousHandler = nullptr;
void watchForPause(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (message.contains(QLatin1String("partitions paused"))) {
        g_pausedSeen.store(true);
    }
    g_previousHandler(type, context, message);
}

// The checkpoints of a group's members: one store, as the group's commits would share them.
struct SharedCheckpoints {
    std::mutex mutex;
    std::map<TopicPartition, int64_t> next;  // the next offset to read
    QStringList violations;
    int64_t total = 0;
};

// Takes a few messages per offer, so the source always holds a backlog of every partition it
// owns when a rebalance comes: the case where a revoked partition's messages could leak.
class SlowListener : public KafkaSourceListener {
public:
    SlowListener(QString name, SharedCheckpoints& shared)
        : m_name(std::move(name)), m_shared(shared) {}

    Result<std::map<TopicPartition, int64_t>> checkpointedOffsets() override {
        std::lock_guard lock(m_shared.mutex);
        return m_shared.next;
    }
    void partitionsAssigned(const std::vector<TopicPartition>& partitions) override {
        std::lock_guard lock(m_shared.mutex);
        m_assigned.insert(partitions.begin(), partitions.end());
        ++m_assignments;
    }
    void partitionsRevoking(const std::vector<TopicPartition>& partitions) override {
        std::lock_guard lock(m_shared.mutex);
        for (const TopicPartition& partition : partitions) {
            m_assigned.erase(partition);
        }
        ++m_revocations;
    }
    bool messagesArrived(std::vector<KafkaMessage>& messages) override {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        std::lock_guard lock(m_shared.mutex);
        if (m_holdNext && m_source) {
            m_source->hold({*m_holdNext});  // on the source's thread, as the pipeline does
            m_holdNext.reset();
        }
        const size_t taken = m_refusing ? 0 : std::min<size_t>(messages.size(), m_perOffer);
        for (size_t i = 0; i < taken; ++i) {
            const TopicPartition key{rd_kafka_topic_name(messages[i]->rkt), messages[i]->partition};
            const int64_t offset = messages[i]->offset;
            if (!m_assigned.contains(key)) {
                m_shared.violations << QStringLiteral("%1 got %2[%3] offset %4, not assigned to it")
                                           .arg(m_name, QString::fromStdString(key.topic))
                                           .arg(key.partition)
                                           .arg(offset);
            } else if (const int64_t expected = m_shared.next[key]; offset != expected) {
                m_shared.violations << QStringLiteral("%1 got %2[%3] offset %4, expected %5")
                                           .arg(m_name, QString::fromStdString(key.topic))
                                           .arg(key.partition)
                                           .arg(offset)
                                           .arg(expected);
            }
            m_shared.next[key] = std::max(m_shared.next[key], offset + 1);
            ++m_shared.total;
        }
        messages.erase(messages.begin(), messages.begin() + static_cast<ptrdiff_t>(taken));
        return true;
    }
    void errorOccurred(const QString&) override {}

    int assignments() {
        std::lock_guard lock(m_shared.mutex);
        return m_assignments;
    }
    int revocations() {
        std::lock_guard lock(m_shared.mutex);
        return m_revocations;
    }
    void setSource(KafkaSource* source) { m_source = source; }
    void setPerOffer(size_t perOffer) { m_perOffer = perOffer; }
    void holdAtNextOffer(const TopicPartition& partition) {
        std::lock_guard lock(m_shared.mutex);
        m_holdNext = partition;
    }
    void setRefusing(bool refusing) {
        std::lock_guard lock(m_shared.mutex);
        m_refusing = refusing;
    }

private:
    QString m_name;
    SharedCheckpoints& m_shared;
    std::set<TopicPartition> m_assigned;
    int m_assignments = 0;
    int m_revocations = 0;
    size_t m_perOffer = 5;
    KafkaSource* m_source = nullptr;
    std::optional<TopicPartition> m_holdNext;
    bool m_refusing = false;
};

// Produces `count` messages into each of `partitions`.
bool produce(const std::string& brokers, const std::vector<int>& partitions, int count) {
    auto conf = makeKafkaConf({{"bootstrap.servers", brokers}, {"linger.ms", "5"}});
    auto producer = conf ? makeKafkaClient(RD_KAFKA_PRODUCER, std::move(conf).value())
                         : Result<KafkaHandle>(conf.error());
    if (!producer) {
        return false;
    }
    const KafkaTopic topic(rd_kafka_topic_new(producer.value().get(), kTopic, nullptr));
    bool queued = true;
    for (const int partition : partitions) {
        for (int i = 0; i < count && queued; ++i) {
            const QByteArray value = QByteArray::number(i);
            queued = rd_kafka_produce(topic.get(), partition, RD_KAFKA_MSG_F_COPY,
                                      const_cast<char*>(value.constData()),
                                      static_cast<size_t>(value.size()), nullptr, 0, nullptr) == 0;
            rd_kafka_poll(producer.value().get(), 0);
        }
    }
    return queued && rd_kafka_flush(producer.value().get(), 30'000) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

std::unique_ptr<KafkaSource> startMember(const std::string& brokers, KafkaSourceListener& listener,
                                         std::vector<TopicPartition> staticPartitions = {}) {
    KafkaSourceOptions options;
    options.brokers = brokers;
    options.topics = {kTopic};
    options.group = "revokes-group";
    options.assignment = staticPartitions.empty() ? KafkaSourceOptions::Assignment::Group
                                                  : KafkaSourceOptions::Assignment::Static;
    options.staticPartitions = std::move(staticPartitions);
    options.properties = {{"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "500"}};
    auto source = KafkaSource::create(options, listener);
    if (!source) {
        qWarning("%s", qPrintable(source.error().message));
        return nullptr;
    }
    source.value()->start();
    return std::move(source).value();
}

}  // namespace

class TestKafkaSource : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rebalancesNeverHandOverRevokedPartitions();
    void heldPartitionStaysStoppedThroughPauses();
};

void TestKafkaSource::rebalancesNeverHandOverRevokedPartitions() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({kTopic, kPartitions}).ok());
    const std::string brokers = kafka.value()->bootstrapServers();
    QVERIFY(produce(brokers, {0, 1, 2, 3}, kPerPartition));

    SharedCheckpoints shared;
    const auto total = [&] {
        std::lock_guard lock(shared.mutex);
        return shared.total;
    };
    SlowListener firstListener(QStringLiteral("first"), shared);
    auto first = startMember(brokers, firstListener);
    QVERIFY(first);
    QTRY_VERIFY_WITH_TIMEOUT(total() > 500, 30'000);

    // Members join and leave while the first one holds a backlog of every partition: each join
    // and each leave is a rebalance that revokes everything the first member holds.
    for (int round = 0; round < kRounds; ++round) {
        SlowListener otherListener(QStringLiteral("other %1").arg(round), shared);
        auto other = startMember(brokers, otherListener);
        QVERIFY(other);
        QTRY_VERIFY_WITH_TIMEOUT(otherListener.assignments() > 0, 30'000);
        const int64_t before = total();
        // Fresh messages, so the round has something to take whatever the first member took.
        QVERIFY(produce(brokers, {0, 1, 2, 3}, kPerRound));
        QTRY_VERIFY_WITH_TIMEOUT(total() > before + 300, 30'000);
        other->stop();
    }
    // Every join revoked what the first member held (the group rebalances eagerly).
    QVERIFY(firstListener.revocations() >= 3);
    QTRY_COMPARE_WITH_TIMEOUT(total(), int64_t(kPartitions) * kTotalPerPartition, 120'000);
    first->stop();

    std::lock_guard lock(shared.mutex);
    QVERIFY2(shared.violations.isEmpty(), qPrintable(QStringLiteral("%1 violation(s), first: %2")
                                                         .arg(shared.violations.size())
                                                         .arg(shared.violations.value(0))));
    for (int32_t partition = 0; partition < kPartitions; ++partition) {
        const TopicPartition key{kTopic, partition};
        QCOMPARE(shared.next[key], int64_t(kTotalPerPartition));
    }
}

void TestKafkaSource::heldPartitionStaysStoppedThroughPauses() {
    // A partition the pipeline stops (its log went back) stays stopped when the source pauses
    // everything for back-pressure and resumes: the resume is for the partitions it paused.
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY(kafka.ok());
    QVERIFY(kafka.value()->createTopic({kTopic, 2}).ok());
    const std::string brokers = kafka.value()->bootstrapServers();
    QVERIFY(produce(brokers, {0, 1}, 100));
    SharedCheckpoints shared;
    const auto taken = [&](int partition) {
        std::lock_guard lock(shared.mutex);
        return shared.next[{kTopic, partition}];
    };
    SlowListener listener(QStringLiteral("held"), shared);
    listener.setPerOffer(1000);
    auto source = startMember(brokers, listener, {{kTopic, 0}, {kTopic, 1}});
    QVERIFY(source);
    listener.setSource(source.get());
    QTRY_VERIFY_WITH_TIMEOUT(taken(0) == 100 && taken(1) == 100, 30'000);

    listener.holdAtNextOffer({kTopic, 0});
    QVERIFY(produce(brokers, {1}, 1));
    QTRY_COMPARE_WITH_TIMEOUT(taken(1), int64_t(101), 30'000);
    // Nothing taken for more than 5 s: the source pauses its partitions, then resumes them.
    g_pausedSeen.store(false);
    g_previousHandler = qInstallMessageHandler(watchForPause);
    listener.setRefusing(true);
    QVERIFY(produce(brokers, {1}, 10));
    QTRY_VERIFY_WITH_TIMEOUT(g_pausedSeen.load(), 30'000);
    qInstallMessageHandler(g_previousHandler);
    listener.setRefusing(false);
    QTRY_COMPARE_WITH_TIMEOUT(taken(1), int64_t(111), 30'000);

    QVERIFY(produce(brokers, {0, 1}, 10));
    QTRY_COMPARE_WITH_TIMEOUT(taken(1), int64_t(121), 30'000);
    QTest::qWait(1000);  // partition 0's would have come with them
    QCOMPARE(taken(0), int64_t(100));
    source->stop();
    std::lock_guard lock(shared.mutex);
    QVERIFY2(shared.violations.isEmpty(), qPrintable(shared.violations.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestKafkaSource)
#include "tst_kafkasource.moc"
