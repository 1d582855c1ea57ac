// The failure-queue commands against a real worker (WorkerHost in-process, its pipeline on the
// embedded Kafka) whose traffic has broken events: invalid JSON, and events of an app without
// settings (unknown_app). failure_queue_count agrees with the store, failure_queue_list pages
// through every entry once, clear_failure_queue by reason removes only those and is audited, a
// non-admin is refused, and a clear while events flow stays cleared after the next checkpoints.

#include "shared/values/failurequeue.h"
#include "tests/support/controltest.h"
#include "tests/support/qtestprinters.h"
#include "tests/support/workertest.h"
#include "worker/control/failurecommands.h"
#include "worker/demo/trafficproducer.h"
#include "worker/devtools/embeddedkafka.h"
#include "worker/host/workerhost.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

using namespace std::chrono_literals;
using namespace mtga;

namespace {

constexpr int kPartitions = 3;
constexpr uint64_t kEvents = 400;
constexpr int kSettleMs = 60'000;

using EntryKey = std::tuple<QString, int, qint64, qint64>;

EntryKey keyOf(const FailureRecord& record) {
    return {record.topic, record.partition, record.offset, record.index};
}

EntryKey keyOf(const FailureEntry& entry) {
    return {QString::fromStdString(entry.topic), entry.partition, entry.offset, entry.index};
}

// App 25 has no settings (only 24 does): its events fail with unknown_app.
TrafficOptions trafficFor(const std::string& bootstrap, const std::string& topic,
                          uint64_t first = 0) {
    TrafficOptions traffic;
    traffic.bootstrapServers = bootstrap;
    traffic.topic = topic;
    traffic.seed = test::kTrafficSeed;
    traffic.appIds = {24, 25};
    traffic.firstIndex = first;
    traffic.invalidPerMille = 100;
    return traffic;
}

Result<QJsonObject> call(const QString& socket, QLatin1String cmd, const QJsonObject& args = {}) {
    test::ThreadedCall done = test::callInThread(socket, QString(cmd), args);
    if (!done.result) {
        return Error::of(ErrorCode::Timeout, QStringLiteral("no answer"));
    }
    return *done.result;
}

// Every entry of the store, in key order.
std::vector<FailureEntry> storedEntries(const Store& store, const FailureFilter& filter = {}) {
    auto scan = store.failurePage(filter, std::string(), 1'000'000);
    return scan ? scan->entries : std::vector<FailureEntry>{};
}

// 0 for a reason that has no entries (never throws: an exception would end the whole test).
qint64 countOf(const std::map<QString, qint64>& counts, const char* reason) {
    const auto found = counts.find(QString::fromLatin1(reason));
    return found == counts.end() ? 0 : found->second;
}

std::map<QString, qint64> storedByReason(const Store& store) {
    std::map<QString, qint64> counts;
    const auto stored = store.failureCountsByReason();
    if (!stored) {
        qWarning("failureCountsByReason: %s", qPrintable(stored.error().message));
        return counts;
    }
    for (const auto& [reason, count] : stored.value()) {
        counts[QString::fromStdString(reason)] = static_cast<qint64>(count);
    }
    return counts;
}

}  // namespace

class TestFailureQueue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void countMatchesTheStore();
    void listPagesThroughEveryEntryOnce();
    void clearByReasonRemovesOnlyThoseAndIsAudited();
    void nonAdminIsForbidden();
    void clearWhileEventsFlowStaysCleared();

private:
    // A host on `topic` (its partitions assigned statically), listening on m_dir/mtga.sock; the
    // control socket's admins are `admins`.
    std::unique_ptr<WorkerHost> startHost(const std::string& topic, std::vector<uint32_t> admins);
    // Produces kEvents events and waits until the worker consumed them and its store holds every
    // failure (they reach the queue at checkpoints).
    bool fill(WorkerHost& host, const std::string& topic);
    QString socketPath() const { return m_dir->filePath(QStringLiteral("mtga.sock")); }

    std::unique_ptr<EmbeddedKafka> m_kafka;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFailureQueue::initTestCase() {
    auto kafka = EmbeddedKafka::start(1);
    QVERIFY2(kafka.ok(), kafka.ok() ? "" : qPrintable(kafka.error().message));
    m_kafka = std::move(kafka).value();
}

void TestFailureQueue::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestFailureQueue::cleanup() {
    m_dir.reset();
}

std::unique_ptr<WorkerHost> TestFailureQueue::startHost(const std::string& topic,
                                                        std::vector<uint32_t> admins) {
    if (!m_kafka->createTopic({topic, kPartitions})) {
        qWarning("cannot create topic %s", topic.c_str());
        return nullptr;
    }
    // The settings of app 24 (denying log_logout); app 25 has none.
    (void)test::writeConfig(*m_dir, test::staticWorker(m_kafka->bootstrapServers(),
                                                       QString::fromStdString(topic), kPartitions));
    PipelineOptions options;
    options.source.brokers = m_kafka->bootstrapServers();
    options.source.topics = {topic};
    options.source.group = "failure-queue-tests";
    options.source.assignment = KafkaSourceOptions::Assignment::Static;
    for (int32_t partition = 0; partition < kPartitions; ++partition) {
        options.source.staticPartitions.emplace_back(topic, partition);
    }
    options.source.watermarkRefresh = 1s;
    options.checkpointInterval = 300ms;
    options.settingsDir = m_dir->filePath(QStringLiteral("settings"));
    options.sink.directory = m_dir->filePath(QStringLiteral("out"));
    options.sink.instance = QStringLiteral("test");
    options.store.path = m_dir->filePath(QStringLiteral("store"));

    ControlServerOptions control = test::controlConfig(socketPath(), std::move(admins));
    auto host = std::make_unique<WorkerHost>(control, QStringLiteral("tst_failurequeue"));
    for (const Result<void>& step :
         {host->createPipeline(std::move(options)), host->startPipeline(), host->listen()}) {
        if (!step) {
            qWarning("the host did not start: %s", qPrintable(step.error().message));
            return nullptr;
        }
    }
    return host;
}

bool TestFailureQueue::fill(WorkerHost& host, const std::string& topic) {
    auto producer = TrafficProducer::create(trafficFor(m_kafka->bootstrapServers(), topic));
    if (!producer || !producer.value()->produce(kEvents) || !producer.value()->flush(60'000)) {
        qWarning("cannot produce the traffic");
        return false;
    }
    return QTest::qWaitFor(
        [&] {
            const PipelineStats stats = host.pipeline()->stats();
            return stats.messages == kEvents && stats.failed > 0 &&
                   host.pipeline()->store().failureCount() == stats.failed;
        },
        kSettleMs);
}

void TestFailureQueue::countMatchesTheStore() {
    const auto host = startHost("fq_count", {::getuid()});
    QVERIFY(host);
    QVERIFY(fill(*host, "fq_count"));
    const Store& store = host->pipeline()->store();

    const auto reply = call(socketPath(), kFailureQueueCountCommand);
    QVERIFY2(reply, test::describe(reply).constData());
    const auto counts = FailureCounts::fromJson(reply.value(), QStringLiteral("count"));
    QVERIFY(counts);
    QCOMPARE(counts->total, static_cast<qint64>(store.failureCount()));
    QCOMPARE(counts->byReason, storedByReason(store));
    QVERIFY(!counts->matching);
    QVERIFY(countOf(counts->byReason, "invalid_json") > 0);
    QVERIFY(countOf(counts->byReason, "unknown_app") > 0);
    qint64 sum = 0;
    for (const auto& [reason, count] : counts->byReason) {
        sum += count;
    }
    QCOMPARE(sum, counts->total);

    // With filters: how many match, as the store counts them.
    FailureFilter partitionOne;
    partitionOne.topic = "fq_count";
    partitionOne.partitions = {1};
    partitionOne.reason = FailureReason::InvalidJson;
    const auto filtered =
        call(socketPath(), kFailureQueueCountCommand,
             QJsonObject{{QStringLiteral("reason"), QStringLiteral("invalid_json")},
                         {QStringLiteral("topic"), QStringLiteral("fq_count")},
                         {QStringLiteral("partitions"), QJsonArray{1}}});
    QVERIFY2(filtered, test::describe(filtered).constData());
    const auto matching = store.countFailures(partitionOne);
    QVERIFY(matching);
    QCOMPARE(filtered->value(QLatin1String("matching")).toInteger(),
             static_cast<qint64>(matching.value()));
    QVERIFY(filtered->value(QLatin1String("matching")).toInteger() > 0);
}

void TestFailureQueue::listPagesThroughEveryEntryOnce() {
    const auto host = startHost("fq_list", {::getuid()});
    QVERIFY(host);
    QVERIFY(fill(*host, "fq_list"));
    const std::vector<FailureEntry> stored = storedEntries(host->pipeline()->store());
    QVERIFY(stored.size() > 14);

    std::vector<EntryKey> listed;
    QString cursor;
    int pages = 0;
    do {
        QJsonObject args{{QStringLiteral("limit"), 7}};
        if (!cursor.isEmpty()) {
            args.insert(QStringLiteral("cursor"), cursor);
        }
        const auto reply = call(socketPath(), kFailureQueueListCommand, args);
        QVERIFY2(reply, test::describe(reply).constData());
        const auto page = FailurePage::fromJson(reply.value());
        QVERIFY(page);
        QVERIFY(page->entries.size() <= 7);
        for (const FailureRecord& record : page->entries) {
            listed.push_back(keyOf(record));
            QVERIFY(!record.payload.isEmpty());
        }
        cursor = page->nextCursor.value_or(QString());
        ++pages;
        QVERIFY(pages <= static_cast<int>(stored.size()));
    } while (!cursor.isEmpty());

    std::vector<EntryKey> expected;
    for (const FailureEntry& entry : stored) {
        expected.push_back(keyOf(entry));
    }
    QCOMPARE(listed, expected);  // every entry, once, in key order
    QCOMPARE(pages, static_cast<int>((stored.size() + 6) / 7));
    QCOMPARE(std::set<EntryKey>(listed.begin(), listed.end()).size(), listed.size());
}

void TestFailureQueue::clearByReasonRemovesOnlyThoseAndIsAudited() {
    const auto host = startHost("fq_clear", {::getuid()});
    QVERIFY(host);
    QVERIFY(fill(*host, "fq_clear"));
    const Store& store = host->pipeline()->store();
    const std::map<QString, qint64> before = storedByReason(store);
    const std::vector<FailureEntry> invalid = [&] {
        FailureFilter filter;
        filter.reason = FailureReason::InvalidJson;
        return storedEntries(store, filter);
    }();
    QVERIFY(countOf(before, "unknown_app") > 0);

    const auto reply = call(socketPath(), kClearFailureQueueCommand,
                            QJsonObject{{QStringLiteral("reason"), QStringLiteral("unknown_app")}});
    QVERIFY2(reply, test::describe(reply).constData());
    const auto cleared = FailureClearReply::fromJson(reply.value());
    QVERIFY(cleared);
    QCOMPARE(cleared->removed, countOf(before, "unknown_app"));
    QCOMPARE(cleared->before.byReason, before);
    std::map<QString, qint64> left = before;
    left.erase(QStringLiteral("unknown_app"));
    QCOMPARE(cleared->after.byReason, left);
    QCOMPARE(storedByReason(store), left);
    QCOMPARE(static_cast<qint64>(store.failureCount()), cleared->before.total - cleared->removed);

    // The others are untouched, entry by entry.
    std::vector<EntryKey> invalidKeys;
    for (const FailureEntry& entry : invalid) {
        invalidKeys.push_back(keyOf(entry));
    }
    std::vector<EntryKey> remaining;
    for (const FailureEntry& entry : storedEntries(store)) {
        remaining.push_back(keyOf(entry));
    }
    QCOMPARE(remaining, invalidKeys);

    const auto counted = call(socketPath(), kFailureQueueCountCommand);
    QVERIFY2(counted, test::describe(counted).constData());
    const auto countedAfter = FailureCounts::fromJson(counted.value(), QStringLiteral("count"));
    QVERIFY(countedAfter);
    QCOMPARE(countedAfter->byReason, left);

    // The audit log has the clear, with who asked and the counts before and after.
    const auto log = store.auditLog(50);
    QVERIFY(log);
    const auto record = std::find_if(log->rbegin(), log->rend(), [](const AuditEntry& entry) {
        return entry.kind == "control:clear_failure_queue";
    });
    QVERIFY(record != log->rend());
    const QJsonObject details =
        QJsonDocument::fromJson(QByteArray::fromStdString(record->details)).object();
    QVERIFY(details.value(QLatin1String("ok")).toBool());
    QCOMPARE(details.value(QLatin1String("args")).toObject(),
             (QJsonObject{{QStringLiteral("reason"), QStringLiteral("unknown_app")}}));
    QCOMPARE(details.value(QLatin1String("before")).toObject(), cleared->before.toJson());
    QCOMPARE(details.value(QLatin1String("after")).toObject(), cleared->after.toJson());
    QCOMPARE(
        details.value(QLatin1String("peer")).toObject().value(QLatin1String("uid")).toInteger(),
        qint64(::getuid()));
}

void TestFailureQueue::nonAdminIsForbidden() {
    const auto host = startHost("fq_forbidden", {::getuid() + 1});
    QVERIFY(host);
    QVERIFY(fill(*host, "fq_forbidden"));
    const uint64_t before = host->pipeline()->store().failureCount();

    for (const QJsonObject& args :
         {QJsonObject{{QStringLiteral("all"), true}},
          QJsonObject{{QStringLiteral("reason"), QStringLiteral("invalid_json")}}}) {
        const auto reply = call(socketPath(), kClearFailureQueueCommand, args);
        QVERIFY(!reply);
        QCOMPARE(reply.error().code, ErrorCode::Forbidden);
    }
    QCOMPARE(host->pipeline()->store().failureCount(), before);
    // Reading is for everyone who can open the socket.
    const auto counted = call(socketPath(), kFailureQueueCountCommand);
    QVERIFY2(counted, test::describe(counted).constData());
    QCOMPARE(counted->value(QLatin1String("total")).toInteger(), static_cast<qint64>(before));
}

void TestFailureQueue::clearWhileEventsFlowStaysCleared() {
    const std::string topic = "fq_flow";
    const auto host = startHost(topic, {::getuid()});
    QVERIFY(host);
    QVERIFY(fill(*host, topic));
    Store& store = host->pipeline()->store();

    // More broken events keep coming while the clear runs.
    constexpr uint64_t kMore = 3000;
    auto producer =
        TrafficProducer::create(trafficFor(m_kafka->bootstrapServers(), topic, kEvents));
    QVERIFY(producer.ok());
    QSignalSpy pumped(producer.value().get(), &TrafficProducer::pumpFinished);
    producer.value()->startPumping(1000, kMore);
    QTRY_VERIFY_WITH_TIMEOUT(host->pipeline()->stats().messages > kEvents + 300, kSettleMs);

    std::set<EntryKey> cleared;
    for (const FailureEntry& entry : storedEntries(store)) {
        cleared.insert(keyOf(entry));
    }
    const auto reply =
        call(socketPath(), kClearFailureQueueCommand, QJsonObject{{QStringLiteral("all"), true}});
    QVERIFY2(reply, test::describe(reply).constData());
    QVERIFY(reply->value(QLatin1String("removed")).toInteger() >=
            static_cast<qint64>(cleared.size()));
    QVERIFY(pumped.isEmpty());  // the clear happened while events flowed

    // Once everything is consumed and checkpointed a few times more, new failures are in the
    // queue and none of the cleared ones came back.
    QTRY_COMPARE_WITH_TIMEOUT(pumped.count(), 1, kSettleMs);
    const uint64_t checkpoints = host->pipeline()->stats().checkpoints;
    QTRY_VERIFY_WITH_TIMEOUT(host->pipeline()->stats().messages == kEvents + kMore &&
                                 host->pipeline()->stats().checkpoints >= checkpoints + 2,
                             kSettleMs);
    const std::vector<FailureEntry> after = storedEntries(store);
    QVERIFY(!after.empty());
    for (const FailureEntry& entry : after) {
        QVERIFY2(cleared.count(keyOf(entry)) == 0,
                 qPrintable(QStringLiteral("%1[%2] offset %3 came back")
                                .arg(QString::fromStdString(entry.topic))
                                .arg(entry.partition)
                                .arg(entry.offset)));
        QVERIFY(entry.offset >= 0);
    }
    QCOMPARE(store.failureCount(), static_cast<uint64_t>(after.size()));
    const auto counted = call(socketPath(), kFailureQueueCountCommand);
    QVERIFY2(counted, test::describe(counted).constData());
    QCOMPARE(counted->value(QLatin1String("total")).toInteger(), static_cast<qint64>(after.size()));
}

QTEST_GUILESS_MAIN(TestFailureQueue)
#include "tst_failurequeue.moc"
