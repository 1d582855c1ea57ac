// The Kafka sink against the embedded cluster: lines arrive whole, keyed by their source
// partition and in order; a line the cluster refuses comes back as a rejection (permanent or
// transient) with its origin; and the real pipeline writing to an unreachable output puts every
// event in the failure queue as transient, then writes each exactly once with the timed backoff
// replay once the output is back.

#include "tests/support/partitionreader.h"
#include "tests/support/qtestprinters.h"
#include "worker/control/workercommands.h"
#include "worker/demo/trafficproducer.h"
#include "worker/devtools/embeddedkafka.h"
#include "worker/pipeline/pipeline.h"
#include "worker/sink/kafkasink.h"

#include <algorithm>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace mtga;

namespace {

constexpr char kOutput[] = "ta_out";

std::unique_ptr<EmbeddedKafka> outputCluster(int partitions) {
    auto kafka = EmbeddedKafka::start(1);
    if (!kafka || !kafka.value()->createTopic({kOutput, partitions})) {
        return nullptr;
    }
    return std::move(kafka).value();
}

std::string lineFor(int source, int64_t offset, size_t padding = 0) {
    return "{\"#type\":\"track\",\"src\":" + std::to_string(source) +
           ",\"offset\":" + std::to_string(offset) + ",\"pad\":\"" + std::string(padding, 'x') +
           "\"}\n";
}

// Writes `count` lines per source partition (0 and 1) as the pipeline does: one call per batch.
Result<void> writeLines(KafkaSink& sink, int count, size_t padding = 0) {
    for (int source = 0; source < 2; ++source) {
        std::string lines;
        std::vector<LineOrigin> origins;
        for (int64_t offset = 0; offset < count; ++offset) {
            lines += lineFor(source, offset, padding);
            origins.push_back({"src", source, offset, 0});
        }
        // A slow output takes a prefix; the rest is offered again, as the pipeline does.
        size_t taken = 0;
        while (taken < lines.size()) {
            const size_t done = static_cast<size_t>(
                std::count(lines.begin(), lines.begin() + static_cast<ptrdiff_t>(taken), '\n'));
            auto written = sink.write(24, std::string_view(lines).substr(taken),
                                      std::span(origins).subspan(done));
            if (!written && !written.error().is(ErrorCode::SinkFull)) {
                return written.error();
            }
            taken += written ? written.value() : 0;
        }
    }
    return {};
}

// The number of lines in the output topic (reading up to `atMost`), or 0 when a #uuid is
// there twice.
size_t distinctUuidsIn(const EmbeddedKafka& output, size_t atMost) {
    auto records =
        test::PartitionReader::readAll(output.bootstrapServers(), kOutput, atMost, 15'000);
    if (!records) {
        return 0;
    }
    std::set<QString> uuids;
    for (const test::KafkaRecord& record : records.value()) {
        const QJsonObject line =
            QJsonDocument::fromJson(QByteArray::fromStdString(record.value)).object();
        if (!uuids.insert(line.value(QLatin1String("#uuid")).toString()).second) {
            qWarning("#uuid written twice: %s", record.value.c_str());
            return 0;
        }
    }
    return records->size();
}

// A source cluster holding `count` sample events (seed, apps) over 2 partitions.
std::unique_ptr<EmbeddedKafka> sourceWithEvents(uint64_t seed, int count, std::vector<int> apps) {
    auto kafka = EmbeddedKafka::start(1);
    if (!kafka || !kafka.value()->createTopic({"mulog_clean_24", 2})) {
        return nullptr;
    }
    TrafficOptions traffic;
    traffic.bootstrapServers = kafka.value()->bootstrapServers();
    traffic.topic = "mulog_clean_24";
    traffic.seed = seed;
    traffic.appIds = std::move(apps);
    auto producer = TrafficProducer::create(traffic);
    if (!producer || !producer.value()->produce(static_cast<uint64_t>(count)) ||
        !producer.value()->flush(30'000)) {
        return nullptr;
    }
    return std::move(kafka).value();
}

// The pipeline from `source` to the Kafka sink on `output`, with a 1 s replay backoff.
PipelineOptions kafkaSinkPipeline(const EmbeddedKafka& source, const EmbeddedKafka& output,
                                  const QString& settingsDir, const QString& storePath,
                                  const char* messageTimeoutMs,
                                  std::chrono::milliseconds flushTimeout) {
    PipelineOptions options;
    options.source.brokers = source.bootstrapServers();
    options.source.topics = {"mulog_clean_24"};
    options.source.group = "mtga-kafkasink";
    options.source.assignment = KafkaSourceOptions::Assignment::Static;
    options.source.staticPartitions = {{"mulog_clean_24", 0}, {"mulog_clean_24", 1}};
    options.workers = 2;
    options.checkpointInterval = std::chrono::milliseconds(300);
    options.settingsDir = settingsDir;
    options.store.path = storePath;
    options.sinkType = PipelineOptions::SinkType::Kafka;
    options.kafkaSink = {output.bootstrapServers(),
                         kOutput,
                         {{"message.timeout.ms", messageTimeoutMs}},
                         flushTimeout};
    options.replayBackoff = std::chrono::milliseconds(1000);
    options.replayBackoffMax = std::chrono::milliseconds(2000);
    return options;
}

}  // namespace

class TestKafkaSink : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversLinesKeyedAndInOrder();
    void tooLargeLineIsRefusedForGood();
    void unreachableOutputRefusesForNow();
    void checkpointWaitsForUnconfirmedLines();
    void fatalProducerIsReplaced();
    void transientReasons_data();
    void transientReasons();
    void pipelineReplaysTransientFailuresWithBackoff();
    void reloadReplayRefusedBySinkStaysQueued();
    void statusAnswersWhileTheSinkBlocks();
};

void TestKafkaSink::deliversLinesKeyedAndInOrder() {
    auto kafka = outputCluster(3);
    QVERIFY(kafka);
    auto sink = KafkaSink::create({kafka->bootstrapServers(), kOutput, {}});
    QVERIFY2(sink.ok(), qPrintable(sink.ok() ? QString() : sink.error().message));
    QVERIFY(writeLines(*sink.value(), 500).ok());
    auto checkpoint = sink.value()->prepareCheckpoint();
    QVERIFY2(checkpoint.ok(), qPrintable(checkpoint.ok() ? QString() : checkpoint.error().message));
    QVERIFY(checkpoint->rejected.empty());
    QVERIFY(checkpoint->files.empty());
    QCOMPARE(sink.value()->outstanding(), int64_t(0));

    auto records = test::PartitionReader::readAll(kafka->bootstrapServers(), kOutput, 1000, 30'000);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), size_t(1000));
    std::map<std::string, int64_t> next;  // per key: the next source offset expected
    std::map<std::string, std::set<int32_t>> partitionsOfKey;
    for (const test::KafkaRecord& record : records.value()) {
        const QJsonObject line =
            QJsonDocument::fromJson(QByteArray::fromStdString(record.value)).object();
        QVERIFY2(!line.isEmpty(), record.value.c_str());  // whole, without the newline
        QCOMPARE(record.key, "src:" + std::to_string(line.value(QLatin1String("src")).toInt()));
        QCOMPARE(line.value(QLatin1String("offset")).toInteger(), next[record.key]++);
        partitionsOfKey[record.key].insert(record.partition);
    }
    QCOMPARE(next.size(), size_t(2));
    for (const auto& [key, partitions] : partitionsOfKey) {
        QCOMPARE(partitions.size(), size_t(1));  // one source partition, one output partition
    }
}

void TestKafkaSink::tooLargeLineIsRefusedForGood() {
    auto kafka = outputCluster(1);
    QVERIFY(kafka);
    auto sink =
        KafkaSink::create({kafka->bootstrapServers(), kOutput, {{"message.max.bytes", "2000"}}});
    QVERIFY(sink.ok());
    const std::string lines = lineFor(0, 7) + lineFor(0, 8, 5000) + lineFor(0, 9);
    const std::vector<LineOrigin> origins{{"src", 0, 7, 0}, {"src", 0, 8, 2}, {"src", 0, 9, 0}};
    QVERIFY(sink.value()->write(25, lines, origins).ok());
    auto checkpoint = sink.value()->prepareCheckpoint();
    QVERIFY(checkpoint.ok());
    QCOMPARE(checkpoint->rejected.size(), size_t(1));
    const SinkRejection& rejected = checkpoint->rejected.front();
    QCOMPARE(rejected.reason, FailureReason::SinkRejected);
    QVERIFY(!rejected.transient);
    QCOMPARE(rejected.topic, std::string("src"));
    QCOMPARE(rejected.offset, int64_t(8));
    QCOMPARE(rejected.index, uint32_t(2));
    QCOMPARE(rejected.appId, 25);
    QCOMPARE(rejected.line + '\n', lineFor(0, 8, 5000));
    QVERIFY2(QString::fromStdString(rejected.message).contains(QLatin1String("too large")),
             rejected.message.c_str());
    // The others went out; the next checkpoint has nothing refused any more.
    auto records = test::PartitionReader::readAll(kafka->bootstrapServers(), kOutput, 2, 30'000);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), size_t(2));
    QVERIFY(sink.value()->prepareCheckpoint()->rejected.empty());
}

void TestKafkaSink::unreachableOutputRefusesForNow() {
    auto kafka = outputCluster(1);
    QVERIFY(kafka);
    QVERIFY(kafka->setBrokerDown(1).ok());
    auto sink = KafkaSink::create({kafka->bootstrapServers(),
                                   kOutput,
                                   {{"message.timeout.ms", "1500"}},
                                   std::chrono::milliseconds(20'000)});
    QVERIFY(sink.ok());
    QVERIFY(writeLines(*sink.value(), 20).ok());
    auto checkpoint = sink.value()->prepareCheckpoint();
    QVERIFY2(checkpoint.ok(), qPrintable(checkpoint.ok() ? QString() : checkpoint.error().message));
    QCOMPARE(checkpoint->rejected.size(), size_t(40));
    std::set<std::pair<int32_t, int64_t>> origins;
    for (const SinkRejection& rejected : checkpoint->rejected) {
        QCOMPARE(rejected.reason, FailureReason::SinkUnavailable);
        QVERIFY(rejected.transient);
        QVERIFY(isTransient(rejected.reason));
        QCOMPARE(rejected.line + '\n', lineFor(rejected.partition, rejected.offset));
        origins.insert({rejected.partition, rejected.offset});
    }
    QCOMPARE(origins.size(), size_t(40));
}

void TestKafkaSink::checkpointWaitsForUnconfirmedLines() {
    auto kafka = outputCluster(1);
    QVERIFY(kafka);
    QVERIFY(kafka->setBrokerDown(1).ok());
    auto sink = KafkaSink::create({kafka->bootstrapServers(),
                                   kOutput,
                                   {{"message.timeout.ms", "120000"}},
                                   std::chrono::milliseconds(300'000)});
    QVERIFY(sink.ok());
    QVERIFY(writeLines(*sink.value(), 5).ok());
    // A revoke's deadline bounds the wait, whatever the sink's own limit (5 minutes here).
    QElapsedTimer waited;
    waited.start();
    const auto waiting = sink.value()->prepareCheckpointBy(std::chrono::steady_clock::now() +
                                                           std::chrono::milliseconds(300));
    QVERIFY2(waited.elapsed() < 60'000, "the deadline was not kept");
    QVERIFY(!waiting.ok());
    QCOMPARE(waiting.error().code, ErrorCode::SinkWrite);
    QVERIFY2(waiting.error().message.contains(QLatin1String("10 event(s)")),
             qPrintable(waiting.error().message));
    // Back up: the same lines are confirmed, nothing refused, nothing written twice.
    QVERIFY(kafka->setBrokerUp(1).ok());
    bool refused = false;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto checkpoint = sink.value()->prepareCheckpointBy(
                std::chrono::steady_clock::now() + std::chrono::milliseconds(300));
            refused = refused || (checkpoint.ok() && !checkpoint->rejected.empty());
            return checkpoint.ok();
        }(),
        30'000);
    QVERIFY(!refused);
    auto records = test::PartitionReader::readAll(kafka->bootstrapServers(), kOutput, 10, 30'000);
    QVERIFY(records.ok());
    QCOMPARE(records->size(), size_t(10));
}

void TestKafkaSink::fatalProducerIsReplaced() {
    auto kafka = outputCluster(1);
    QVERIFY(kafka);
    auto sink = KafkaSink::create({kafka->bootstrapServers(), kOutput, {}});
    QVERIFY(sink.ok());
    QVERIFY(writeLines(*sink.value(), 10).ok());
    QVERIFY(sink.value()->prepareCheckpoint().ok());
    rd_kafka_t* failed = sink.value()->producer();
    QCOMPARE(sink.value()->replacements(), 0);
    // What an idempotent producer does when the cluster lost its sequence state: it refuses
    // everything from then on.
    QCOMPARE(rd_kafka_test_fatal_error(failed, RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER,
                                       "injected by the test"),
             RD_KAFKA_RESP_ERR_NO_ERROR);
    QVERIFY(writeLines(*sink.value(), 10).ok());
    QCOMPARE(sink.value()->replacements(), 1);
    auto checkpoint = sink.value()->prepareCheckpoint();
    QVERIFY2(checkpoint.ok(), qPrintable(checkpoint.ok() ? QString() : checkpoint.error().message));
    for (const SinkRejection& rejected : checkpoint->rejected) {
        QVERIFY2(rejected.transient, rejected.message.c_str());  // tried again, never lost
    }
    // Every line is either in the topic or refused for now, none is missing.
    auto records = test::PartitionReader::readAll(kafka->bootstrapServers(), kOutput, 40, 10'000);
    QVERIFY(records.ok());
    QCOMPARE(records->size() + checkpoint->rejected.size(), size_t(40));
}

void TestKafkaSink::transientReasons_data() {
    QTest::addColumn<int>("error");
    QTest::addColumn<bool>("transient");
    QTest::newRow("timed out") << int(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT) << true;
    QTest::newRow("no leader") << int(RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE) << true;
    QTest::newRow("not enough replicas") << int(RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS) << true;
    QTest::newRow("too large") << int(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE) << false;
    QTest::newRow("not authorized") << int(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED) << false;
    QTest::newRow("invalid record") << int(RD_KAFKA_RESP_ERR_INVALID_RECORD) << false;
}

void TestKafkaSink::transientReasons() {
    QFETCH(int, error);
    QFETCH(bool, transient);
    QCOMPARE(KafkaSink::isTransient(static_cast<rd_kafka_resp_err_t>(error)), transient);
}

void TestKafkaSink::pipelineReplaysTransientFailuresWithBackoff() {
    constexpr int kEvents = 2000;
    auto source = sourceWithEvents(7, kEvents, {24});
    QVERIFY(source);
    auto output = outputCluster(2);
    QVERIFY(output);
    QVERIFY(output->setBrokerDown(1).ok());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Checkpoints wait 0.5 s, lines time out after 2 s: while the output is away most
    // checkpoints fail, and a replay must never write an entry whose last replay is unsettled.
    const PipelineOptions options = kafkaSinkPipeline(
        *source, *output, QStringLiteral(MTGA_SOURCE_DIR "/resources/settings"),
        dir.filePath(QStringLiteral("store")), "2000", std::chrono::milliseconds(500));
    auto pipeline = Pipeline::create(options);
    QVERIFY(pipeline.ok());
    QVERIFY2(pipeline.value()->start().ok(), "start");

    // Every event is consumed and checkpointed, each one in the failure queue, transient.
    QTRY_COMPARE_WITH_TIMEOUT(pipeline.value()->store().failureCount(), uint64_t(kEvents), 60'000);
    QTRY_VERIFY_WITH_TIMEOUT(pipeline.value()->stats().transientFailures == uint64_t(kEvents),
                             10'000);
    QCOMPARE(pipeline.value()->stats().written, uint64_t(0));  // refused: not written after all
    QCOMPARE(pipeline.value()->stats().failed, uint64_t(kEvents));
    const auto offsets = pipeline.value()->store().nextOffsets().value();
    QCOMPARE(offsets.at({"mulog_clean_24", 0}) + offsets.at({"mulog_clean_24", 1}),
             int64_t(kEvents));
    const std::vector<FailureEntry> entries = pipeline.value()->store().failures(10).value();
    QCOMPARE(entries.front().stage, FailureStage::Sink);
    QCOMPARE(entries.front().reason, FailureReason::SinkUnavailable);
    QCOMPARE(entries.front().appId, 24);
    QVERIFY(entries.front().payload.starts_with("{\"#"));  // the TA line itself
    // While the output is away, the timer keeps trying: attempts grow.
    QTRY_VERIFY_WITH_TIMEOUT(pipeline.value()->store().failures(1).value().front().attempts >= 2,
                             30'000);
    QCOMPARE(pipeline.value()->store().failureCount(), uint64_t(kEvents));

    QVERIFY(output->setBrokerUp(1).ok());
    QTRY_COMPARE_WITH_TIMEOUT(pipeline.value()->store().failureCount(), uint64_t(0), 60'000);
    QCOMPARE(pipeline.value()->stats().transientFailures, uint64_t(0));
    QCOMPARE(pipeline.value()->nextTransientReplayMs(), int64_t(-1));
    QVERIFY(pipeline.value()->stop().ok());

    QCOMPARE(distinctUuidsIn(*output, kEvents + 1), size_t(kEvents));  // once each, none twice
    bool audited = false;
    const std::vector<AuditEntry> auditEntries = pipeline.value()->store().auditLog(1000).value();
    for (const AuditEntry& entry : auditEntries) {
        audited = audited || entry.kind == "replay_transient_failures";
    }
    QVERIFY(audited);
}

void TestKafkaSink::reloadReplayRefusedBySinkStaysQueued() {
    // App 25 has no settings: its events fail in the transform. Its settings come while the
    // output is away: the reload's replay is refused by the sink, and the entries must stay in
    // the queue (now holding their TA lines) until the timer writes them.
    constexpr int kEvents = 1000;
    auto source = sourceWithEvents(9, kEvents, {24, 25});
    QVERIFY(source);
    uint64_t expected25 = 0;
    uint64_t expected24 = 0;
    const SampleEventGenerator generator(9, {24, 25});
    for (uint64_t i = 0; i < kEvents; ++i) {
        const SampleEvent event = generator.event(i);
        ++(event.appId == 25 ? expected25 : expected24);
    }
    QVERIFY(expected25 > 0 && expected24 > 0);

    auto output = outputCluster(2);
    QVERIFY(output);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString settings = dir.filePath(QStringLiteral("settings"));
    QVERIFY(QDir().mkpath(settings));
    QVERIFY(QFile::copy(QStringLiteral(MTGA_SOURCE_DIR "/resources/settings/metadata.24.json"),
                        settings + QStringLiteral("/metadata.24.json")));
    const PipelineOptions options =
        kafkaSinkPipeline(*source, *output, settings, dir.filePath(QStringLiteral("store")), "1000",
                          std::chrono::milliseconds(5000));
    auto pipeline = Pipeline::create(options);
    QVERIFY(pipeline.ok());
    QVERIFY(pipeline.value()->start().ok());
    const auto findings = pipeline.value()->selfCheck();
    const auto outputTopic =
        std::find_if(findings.begin(), findings.end(),
                     [](const SelfCheckFinding& f) { return f.check == "output_topic"; });
    QVERIFY(outputTopic != findings.end());
    QVERIFY2(outputTopic->ok, qPrintable(outputTopic->detail));
    QVERIFY2(outputTopic->detail.contains(QLatin1String("2 partition(s)")),
             qPrintable(outputTopic->detail));
    QTRY_COMPARE_WITH_TIMEOUT(pipeline.value()->store().failureCount(), expected25, 60'000);
    QCOMPARE(pipeline.value()->store().failures(1).value().front().reason,
             FailureReason::UnknownApp);

    QVERIFY(output->setBrokerDown(1).ok());
    QVERIFY(QFile::copy(settings + QStringLiteral("/metadata.24.json"),
                        settings + QStringLiteral("/metadata.25.json")));
    QVERIFY(pipeline.value()->reloadSettings().ok());  // the replay runs on the checkpoint thread
    // The replay's lines were refused: still every entry, now as the sink's, one attempt more.
    QTRY_COMPARE_WITH_TIMEOUT(pipeline.value()->store().failures(1).value().front().stage,
                              FailureStage::Sink, 60'000);
    QCOMPARE(pipeline.value()->store().failureCount(), expected25);
    const FailureEntry entry = pipeline.value()->store().failures(1).value().front();
    QCOMPARE(entry.stage, FailureStage::Sink);
    QCOMPARE(entry.reason, FailureReason::SinkUnavailable);
    QCOMPARE(entry.appId, 25);
    QVERIFY(entry.attempts >= 2);
    QVERIFY(entry.payload.starts_with("{\"#"));

    QVERIFY(output->setBrokerUp(1).ok());
    QTRY_COMPARE_WITH_TIMEOUT(pipeline.value()->store().failureCount(), uint64_t(0), 60'000);
    QVERIFY(pipeline.value()->stop().ok());
    // Every event of both apps exactly once (no filter file: nothing is filtered).
    QCOMPARE(distinctUuidsIn(*output, kEvents + 1), size_t(kEvents));
}

void TestKafkaSink::statusAnswersWhileTheSinkBlocks() {
    // A producer queue of 5 lines and an output that is away: a worker waits for the sink, which
    // takes nothing. `status` must still answer, and stop must still end.
    auto source = sourceWithEvents(11, 500, {24});
    QVERIFY(source);
    auto output = outputCluster(1);
    QVERIFY(output);
    QVERIFY(output->setBrokerDown(1).ok());
    QTemporaryDir dir;
    PipelineOptions options = kafkaSinkPipeline(
        *source, *output, QStringLiteral(MTGA_SOURCE_DIR "/resources/settings"),
        dir.filePath(QStringLiteral("store")), "60000", std::chrono::milliseconds(500));
    options.kafkaSink.properties.emplace_back("queue.buffering.max.messages", "5");
    auto pipeline = Pipeline::create(options);
    QVERIFY(pipeline.ok());
    QVERIFY(pipeline.value()->start().ok());
    (void)pipeline.value()->stats();  // a first answer, before anything blocks
    for (const SelfCheckFinding& finding : pipeline.value()->selfCheck()) {
        QVERIFY2(finding.check != "output_topic" || !finding.ok, qPrintable(finding.detail));
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        WorkerCommands::status(*pipeline.value(), QStringLiteral("mtga.yml"), 0).state,
        QString(WorkerStatus::kBlocked), 30'000);
    QVERIFY(pipeline.value()->stats().blocked);
    // Stopping gives up on the output after the drain timeout and drops what the producer
    // holds: whether the final checkpoint then succeeds or not, it passes no line the output did
    // not confirm.
    (void)pipeline.value()->stop();
    const auto offsets = pipeline.value()->store().nextOffsets().value();
    int64_t checkpointed = 0;
    for (const auto& [partition, next] : offsets) {
        checkpointed += next;
    }
    QCOMPARE(checkpointed, int64_t(0));
}

QTEST_GUILESS_MAIN(TestKafkaSink)
#include "tst_kafkasink.moc"
