// WorkerConfig: defaults, every key, the overlay, ${VAR}, MTGA_* overrides, paths, errors with
// their locations, and toYaml() giving the same configuration back.

#include "tests/support/qtestprinters.h"
#include "worker/config/workerconfig.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <tuple>

using mtga::ControlServerOptions;
using mtga::ErrorCode;
using mtga::FileSinkOptions;
using mtga::KafkaSinkOptions;
using mtga::KafkaSourceOptions;
using mtga::LogOptions;
using mtga::PayloadCodec;
using mtga::PipelineOptions;
using mtga::StoreOptions;
using mtga::WorkerConfig;
using std::chrono::milliseconds;

using Env = QList<QPair<QString, QString>>;

namespace {

constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * kKiB;
constexpr qint64 kGiB = 1024 * kMiB;

constexpr QLatin1StringView kMain("mtga.yml");
constexpr QLatin1StringView kOverlay("mtga.local.yml");

QString write(const QString& path, const QByteArray& text) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

QProcessEnvironment environment(const Env& variables = {}) {
    QProcessEnvironment env;
    for (const auto& [name, value] : variables) {
        env.insert(name, value);
    }
    return env;
}

QString errorOf(const mtga::Result<WorkerConfig>& result) {
    return result.ok() ? QString() : result.error().message;
}

QString hostInstance() {
    static const QRegularExpression kInvalid(QStringLiteral("[^A-Za-z0-9_-]"));
    QString name = QSysInfo::machineHostName().left(64);
    name.replace(kInvalid, QStringLiteral("-"));
    return name.isEmpty() ? QStringLiteral("mtga") : name;
}

// What an empty file next to `dir` gives: the defaults, with paths resolved against `dir`.
WorkerConfig defaultsIn(const QString& dir) {
    WorkerConfig config;
    config.pipeline.settingsDir = dir + QStringLiteral("/settings");
    config.pipeline.sink.directory = dir + QStringLiteral("/data/ta");
    config.pipeline.sink.instance = hostInstance();
    config.pipeline.store.path = dir + QStringLiteral("/data/store");
    config.control.socket = dir + QStringLiteral("/data/mtga.sock");
    return config;
}

// A section's keys, so that sections compare key by key: the options also hold hooks and values
// that no key sets (FileSinkOptions::clock, KafkaSinkOptions::flushTimeout...). The kafka, store
// and control sections compare as a whole.
auto pipelineKeys(const PipelineOptions& o) {
    return std::tie(o.workers, o.queueMaxMessages, o.queueMaxBytes, o.checkpointInterval,
                    o.checkpointBytes, o.replayBackoff, o.replayBackoffMax,
                    o.transform.payloadCodec, o.transform.maxRecordBytes, o.settingsDir);
}

auto sinkKeys(const PipelineOptions& o) {
    return std::tie(o.sinkType, o.sink.directory, o.sink.instance, o.sink.rotation,
                    o.sink.maxFileBytes, o.sink.mode, o.sink.batchBytes, o.sink.fsync,
                    o.sink.idleClose, o.kafkaSink.brokers, o.kafkaSink.topic,
                    o.kafkaSink.properties);
}

auto logKeys(const LogOptions& o) {
    return std::tie(o.level, o.format, o.file, o.rotate, o.maxBytes, o.keep);
}

auto healthKeys(const mtga::HealthOptions& o) {
    return std::tie(o.sampleInterval, o.window, o.stallAfter, o.stoppedAfter);
}

// Compares section by section so that a failure names the section, and prints both as YAML.
void compareSections(const WorkerConfig& actual, const WorkerConfig& expected) {
    const QByteArray both = (QStringLiteral("actual:\n") + actual.toYaml() +
                             QStringLiteral("expected:\n") + expected.toYaml())
                                .toUtf8();
    QVERIFY2(actual.pipeline.source == expected.pipeline.source, both.constData());
    QVERIFY2(pipelineKeys(actual.pipeline) == pipelineKeys(expected.pipeline), both.constData());
    QVERIFY2(sinkKeys(actual.pipeline) == sinkKeys(expected.pipeline), both.constData());
    QVERIFY2(actual.pipeline.store == expected.pipeline.store, both.constData());
    QVERIFY2(actual.control == expected.control, both.constData());
    QVERIFY2(logKeys(actual.log) == logKeys(expected.log), both.constData());
    QVERIFY2(healthKeys(actual.pipeline.health) == healthKeys(expected.pipeline.health),
             both.constData());
    QVERIFY2(actual.alerts == expected.alerts, both.constData());
    QVERIFY2(actual.metricsListen == expected.metricsListen, both.constData());
}

// "section.key" for every key of a YAML text written in block style, two-space indented.
QSet<QString> keysOf(const QString& yaml) {
    static const QRegularExpression kKey(QStringLiteral("^(  )?([a-z_]+):"));
    QSet<QString> keys;
    QString section;
    for (const QString& line : yaml.split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch match = kKey.match(line);
        if (!match.hasMatch()) {
            continue;
        }
        if (match.captured(1).isEmpty()) {
            section = match.captured(2);
        } else {
            keys.insert(section + QLatin1Char('.') + match.captured(2));
        }
    }
    return keys;
}

constexpr char kEveryKey[] = R"(kafka:
  brokers: "k1:9092,k2:9092"
  topics: [t1, t2]
  group: g1
  start_from: latest
  assignment: static
  partitions: ["t1:0", "t2:5"]
  properties:
    security.protocol: sasl_ssl
    fetch.max.bytes: 1048576
    enable.idempotence: true
  watermark_refresh: 20s
pipeline:
  workers: 8
  queue_max_messages: 1000
  queue_max_bytes: 128MiB
  checkpoint_interval: 2m
  checkpoint_bytes: 1GiB
  replay_backoff: 5s
  replay_backoff_max: 2h
  payload_codec: snappy
  max_record_bytes: 512KiB
  settings: /etc/mtga/settings
sink:
  type: kafka
  directory: out
  instance: node-7
  rotation: daily
  max_file_bytes: 0
  mode: stream
  batch_bytes: 2MB
  fsync: false
  idle_close: 1500
  kafka_brokers: "s1:9092"
  kafka_topic: ta_out
  kafka_properties:
    acks: all
    message.timeout.ms: 30000
store:
  path: /var/lib/mtga/store
  sync: false
control:
  socket: run/mtga.sock
  pid_file: run/worker.pid
  admin_uids: [0, 1000]
  admin_gids: [27]
  max_connections: 16
  idle_timeout: 90s
log:
  level: debug
  format: json
  file: logs/mtga.log
  rotate: size
  max_bytes: 1GB
  keep: 30
health:
  sample_interval: 2s
  window: 30
  stall_after: 90s
  stopped_after: 10m
alerts:
  webhooks: ["wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1", "http://127.0.0.1:9/hook"]
  name: node-7
  timeout: 3s
  retries: 2
  retry_backoff: 500ms
  min_interval: 0
  repeat_interval: 1h
  failure_queue_threshold: 50
  max_pending: 100
metrics:
  listen: "0.0.0.0:9464"
)";

WorkerConfig everyKeyIn(const QString& dir) {
    WorkerConfig c = defaultsIn(dir);
    c.pipeline.source.brokers = "k1:9092,k2:9092";
    c.pipeline.source.topics = {"t1", "t2"};
    c.pipeline.source.group = "g1";
    c.pipeline.source.startFromLatest = true;
    c.pipeline.source.assignment = KafkaSourceOptions::Assignment::Static;
    c.pipeline.source.staticPartitions = {{"t1", 0}, {"t2", 5}};
    c.pipeline.source.properties = {{"security.protocol", "sasl_ssl"},
                                    {"fetch.max.bytes", "1048576"},
                                    {"enable.idempotence", "true"}};
    c.pipeline.source.watermarkRefresh = milliseconds(20000);
    c.pipeline.workers = 8;
    c.pipeline.queueMaxMessages = 1000;
    c.pipeline.queueMaxBytes = 128 * kMiB;
    c.pipeline.checkpointInterval = milliseconds(120000);
    c.pipeline.checkpointBytes = kGiB;
    c.pipeline.replayBackoff = milliseconds(5000);
    c.pipeline.replayBackoffMax = milliseconds(2 * 3600 * 1000);
    c.pipeline.transform.payloadCodec = PayloadCodec::Snappy;
    c.pipeline.transform.maxRecordBytes = 512 * kKiB;
    c.pipeline.settingsDir = QStringLiteral("/etc/mtga/settings");
    c.pipeline.sinkType = PipelineOptions::SinkType::Kafka;
    c.pipeline.sink.directory = dir + QStringLiteral("/out");
    c.pipeline.sink.instance = QStringLiteral("node-7");
    c.pipeline.sink.rotation = FileSinkOptions::Rotation::Daily;
    c.pipeline.sink.maxFileBytes = 0;
    c.pipeline.sink.mode = FileSinkOptions::Mode::Stream;
    c.pipeline.sink.batchBytes = 2000000;
    c.pipeline.sink.fsync = false;
    c.pipeline.sink.idleClose = milliseconds(1500);
    c.pipeline.kafkaSink.brokers = "s1:9092";
    c.pipeline.kafkaSink.topic = "ta_out";
    c.pipeline.kafkaSink.properties = {{"acks", "all"}, {"message.timeout.ms", "30000"}};
    c.pipeline.store.path = QStringLiteral("/var/lib/mtga/store");
    c.pipeline.store.sync = false;
    c.control.socket = dir + QStringLiteral("/run/mtga.sock");
    c.control.pidFile = dir + QStringLiteral("/run/worker.pid");
    c.control.adminUids = {0, 1000};
    c.control.adminGids = {27};
    c.control.maxConnections = 16;
    c.control.idleTimeout = std::chrono::seconds(90);
    c.log.level = LogOptions::Level::Debug;
    c.log.format = LogOptions::Format::Json;
    c.log.file = dir + QStringLiteral("/logs/mtga.log");
    c.log.rotate = LogOptions::Rotate::Size;
    c.log.maxBytes = 1000000000;
    c.log.keep = 30;
    c.pipeline.health.sampleInterval = milliseconds(2000);
    c.pipeline.health.window = 30;
    c.pipeline.health.stallAfter = milliseconds(90'000);
    c.pipeline.health.stoppedAfter = milliseconds(600'000);
    c.alerts.webhooks = {
        {QUrl(QStringLiteral("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1")),
         mtga::AlertFormat::WeCom},
        {QUrl(QStringLiteral("http://127.0.0.1:9/hook")), mtga::AlertFormat::Generic}};
    c.alerts.name = QStringLiteral("node-7");
    c.alerts.timeout = milliseconds(3000);
    c.alerts.retries = 2;
    c.alerts.retryBackoff = milliseconds(500);
    c.alerts.minInterval = milliseconds(0);
    c.alerts.repeatInterval = milliseconds(3'600'000);
    c.alerts.failureQueueThreshold = 50;
    c.alerts.maxPending = 100;
    c.metricsListen = QStringLiteral("0.0.0.0:9464");
    return c;
}

}  // namespace

class TestWorkerConfig : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaults_data();
    void defaults();
    void sectionsAreTheComponentsOptions();
    void sinkModeDefaultIsBatch();
    void everyKey();
    void repositoryDefaultFile();
    void durations_data();
    void durations();
    void sizes_data();
    void sizes();
    void overlay();
    void overlayErrorsNameTheOverlay();
    void substitution_data();
    void substitution();
    void overrides_data();
    void overrides();
    void relativePaths();
    void relativeMainPath();
    void errors_data();
    void errors();
    void aliasesCannotExplode();
    void missingFile();
    void folderAsFile();
    void severalErrorsAtOnce();
    void toYamlRoundTrip_data();
    void toYamlRoundTrip();
};

void TestWorkerConfig::defaults_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("only comments") << QByteArray("# nothing here\n\n# at all\n");
    QTest::newRow("null document") << QByteArray("~\n");
    QTest::newRow("empty sections")
        << QByteArray("kafka:\npipeline:\nsink:\nstore:\ncontrol:\nlog:\n  # level: debug\n");
    QTest::newRow("empty maps") << QByteArray("kafka: {}\nlog: {}\n");
}

void TestWorkerConfig::defaults() {
    QFETCH(QByteArray, yaml);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), yaml);
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    compareSections(config.value(), defaultsIn(dir.path()));
    QCOMPARE(config->file, path);
    QCOMPARE(config->sources, QStringList{path});
    // The documented defaults, independently of the struct's initialisers.
    QCOMPARE(config->pipeline.source.brokers, std::string("127.0.0.1:9092"));
    QCOMPARE(config->pipeline.source.topics, std::vector<std::string>{"mulog_clean_24"});
    QCOMPARE(config->pipeline.workers, 2);
    QCOMPARE(config->pipeline.queueMaxBytes, 64 * kMiB);
    QCOMPARE(config->pipeline.checkpointInterval, milliseconds(10000));
    QCOMPARE(config->pipeline.sink.maxFileBytes, kGiB);
    QCOMPARE(config->pipeline.sink.idleClose, milliseconds(60000));
    QCOMPARE(config->control.adminUids, std::vector<uint32_t>{0});
    QCOMPARE(config->log.maxBytes, 100 * kMiB);
    QVERIFY(config->log.file.isEmpty());
    QVERIFY(!config->pipeline.sink.instance.isEmpty());
}

void TestWorkerConfig::sectionsAreTheComponentsOptions() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), QByteArray());
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));

    // Each section is its component's options, default-constructed: a file that sets nothing
    // changes nothing but the paths (resolved against the file's folder) and the instance.
    const QDir base(dir.path());
    auto resolved = [&base](const QString& path) {
        return QDir::cleanPath(base.absoluteFilePath(path));
    };
    QVERIFY(config->pipeline.source == KafkaSourceOptions{});

    PipelineOptions pipeline;
    pipeline.settingsDir = resolved(pipeline.settingsDir);
    QVERIFY(pipelineKeys(config->pipeline) == pipelineKeys(pipeline));
    QCOMPARE(config->pipeline.drainTimeout, pipeline.drainTimeout);  // no key sets it

    pipeline.sink = FileSinkOptions{};
    pipeline.sink.directory = resolved(pipeline.sink.directory);
    pipeline.sink.instance = hostInstance();
    pipeline.kafkaSink = KafkaSinkOptions{};
    QVERIFY(sinkKeys(config->pipeline) == sinkKeys(pipeline));
    QCOMPARE(config->pipeline.sink.zone, pipeline.sink.zone);
    QVERIFY(!config->pipeline.sink.syncFile && !config->pipeline.sink.clock);
    QCOMPARE(config->pipeline.kafkaSink.flushTimeout, pipeline.kafkaSink.flushTimeout);
    QCOMPARE(config->pipeline.kafkaSink.fullQueueWait, pipeline.kafkaSink.fullQueueWait);

    StoreOptions store;
    store.path = resolved(store.path);
    QVERIFY(config->pipeline.store == store);

    ControlServerOptions control;
    control.socket = resolved(control.socket);
    QVERIFY(config->control == control);

    const LogOptions log;  // file stays empty (stderr): nothing to resolve
    QVERIFY(logKeys(config->log) == logKeys(log));
    QVERIFY(!config->log.clock);
}

void TestWorkerConfig::sinkModeDefaultIsBatch() {
    // What users of the configuration always got; FileSinkOptions once said stream.
    QCOMPARE(FileSinkOptions{}.mode, FileSinkOptions::Mode::Batch);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto config = WorkerConfig::load(write(dir.filePath(kMain), "sink: {}\n"), environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    QCOMPARE(config->pipeline.sink.mode, FileSinkOptions::Mode::Batch);
    QVERIFY2(config->toYaml().contains(QStringLiteral("\n  mode: batch\n")),
             qPrintable(config->toYaml()));
}

void TestWorkerConfig::everyKey() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), kEveryKey);
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    compareSections(config.value(), everyKeyIn(dir.path()));
    // Every key of the schema is in the file, so that this test covers each one.
    QCOMPARE(keysOf(QString::fromUtf8(kEveryKey)), keysOf(config->toYaml()));
}

void TestWorkerConfig::repositoryDefaultFile() {
    const QString sourceDir = QStringLiteral(MTGA_SOURCE_DIR);
    const QString path = sourceDir + QStringLiteral("/config/mtga.yml");
    QVERIFY(!QFileInfo::exists(sourceDir + QStringLiteral("/config/mtga.local.yml")));
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));

    // The shipped file documents the defaults: it gives the same configuration as no file at all,
    // except for where the repository keeps the sample settings.
    WorkerConfig expected = defaultsIn(sourceDir + QStringLiteral("/config"));
    expected.pipeline.settingsDir = sourceDir + QStringLiteral("/resources/settings");
    compareSections(config.value(), expected);
    QVERIFY(QFileInfo(config->pipeline.settingsDir).isDir());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QCOMPARE(keysOf(text), keysOf(config->toYaml()));

    // Every key has a comment on the line(s) just above it.
    const QStringList lines = text.split(QLatin1Char('\n'));
    static const QRegularExpression kKey(QStringLiteral("^  [a-z_]+:"));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (kKey.match(lines[i]).hasMatch()) {
            QVERIFY2(i > 0 && lines[i - 1].trimmed().startsWith(QLatin1Char('#')),
                     qPrintable(lines[i]));
        }
    }

    // And docs/configuration.md describes each one.
    QFile docs(sourceDir + QStringLiteral("/docs/configuration.md"));
    QVERIFY(docs.open(QIODevice::ReadOnly));
    const QString reference = QString::fromUtf8(docs.readAll());
    for (const QString& key : keysOf(config->toYaml())) {
        QVERIFY2(reference.contains(QLatin1Char('`') + key + QLatin1Char('`')), qPrintable(key));
    }
}

void TestWorkerConfig::durations_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("seconds") << QStringLiteral("10s") << qint64{10000};
    QTest::newRow("milliseconds") << QStringLiteral("500ms") << qint64{500};
    QTest::newRow("minutes") << QStringLiteral("2m") << qint64{120000};
    QTest::newRow("hour") << QStringLiteral("1h") << qint64{3600000};
    QTest::newRow("plain integer is ms") << QStringLiteral("1500") << qint64{1500};
    QTest::newRow("quoted") << QStringLiteral("\"30s\"") << qint64{30000};
    QTest::newRow("space before the unit") << QStringLiteral("15 s") << qint64{15000};
    QTest::newRow("upper-case unit") << QStringLiteral("3S") << qint64{3000};
    QTest::newRow("lower bound") << QStringLiteral("100ms") << qint64{100};
}

void TestWorkerConfig::durations() {
    QFETCH(QString, value);
    QFETCH(qint64, ms);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path =
        write(dir.filePath(kMain),
              (QStringLiteral("pipeline:\n  checkpoint_interval: ") + value + QLatin1Char('\n'))
                  .toUtf8());
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    QCOMPARE(config->pipeline.checkpointInterval.count(), ms);
}

void TestWorkerConfig::sizes_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("MiB") << QStringLiteral("64MiB") << 64 * kMiB;
    QTest::newRow("GiB") << QStringLiteral("1GiB") << kGiB;
    QTest::newRow("KiB") << QStringLiteral("2048KiB") << 2 * kMiB;
    QTest::newRow("MB is decimal") << QStringLiteral("2MB") << qint64{2000000};
    QTest::newRow("GB is decimal") << QStringLiteral("3GB") << qint64{3000000000};
    QTest::newRow("KB is decimal") << QStringLiteral("1500KB") << qint64{1500000};
    QTest::newRow("plain bytes") << QStringLiteral("1048576") << kMiB;
    QTest::newRow("B suffix") << QStringLiteral("2097152B") << 2 * kMiB;
    QTest::newRow("TiB") << QStringLiteral("1TiB") << 1024 * kGiB;
    QTest::newRow("space and lower case") << QStringLiteral("5 mib") << 5 * kMiB;
}

void TestWorkerConfig::sizes() {
    QFETCH(QString, value);
    QFETCH(qint64, bytes);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(
        dir.filePath(kMain),
        (QStringLiteral("pipeline:\n  checkpoint_bytes: ") + value + QLatin1Char('\n')).toUtf8());
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    QCOMPARE(config->pipeline.checkpointBytes, bytes);
}

void TestWorkerConfig::overlay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), R"(kafka:
  brokers: main:9092
  topics: [a, b, c]
  group: main-group
  properties:
    client.id: main
    linger.ms: 5
pipeline:
  workers: 4
log:
  level: warning
)");
    const QString overlayPath = write(dir.filePath(kOverlay), R"(kafka:
  brokers: local:9092
  topics: [z]
  properties:
    linger.ms: 50
    acks: all
pipeline:
  # every key commented out: the section stays as the main file has it
log:
  file: local.log
)");
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    QCOMPARE(config->sources, (QStringList{path, overlayPath}));
    QCOMPARE(config->pipeline.source.brokers, std::string("local:9092"));  // scalar replaced
    QCOMPARE(config->pipeline.source.group, std::string("main-group"));    // map merged: kept
    QCOMPARE(config->pipeline.source.topics,
             std::vector<std::string>{"z"});  // list replaced, not appended
    const std::vector<std::pair<std::string, std::string>> properties{
        {"client.id", "main"}, {"linger.ms", "50"}, {"acks", "all"}};
    QCOMPARE(config->pipeline.source.properties, properties);  // maps merge key by key, in order
    QCOMPARE(config->pipeline.workers, 4);
    QCOMPARE(config->log.level, LogOptions::Level::Warning);
    QCOMPARE(config->log.file, dir.filePath(QStringLiteral("local.log")));
}

void TestWorkerConfig::overlayErrorsNameTheOverlay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), "pipeline:\n  workers: 0\n");
    const QString overlayPath =
        write(dir.filePath(kOverlay), "# local\npipeline:\n  queue_max_bytes: lots\n");
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::ConfigInvalid);
    // In the merged tree's order: the main file's keys, then the keys the overlay adds.
    QCOMPARE(config.error().message,
             path + QStringLiteral(":2:3: pipeline.workers: 0 is out of range (1 to 64)\n") +
                 overlayPath +
                 QStringLiteral(":3:3: pipeline.queue_max_bytes: expected a size such as 64MiB, "
                                "1GiB, 512KiB, 1MB or a number of bytes, found \"lots\""));

    // The overlay replaces the main file's bad value, so that error is gone.
    write(overlayPath, "pipeline:\n  workers: 3\n");
    const auto fixed = WorkerConfig::load(path, environment());
    QVERIFY2(fixed.ok(), qPrintable(errorOf(fixed)));
    QCOMPARE(fixed->pipeline.workers, 3);

    // A syntax error in the overlay is reported with the overlay's name.
    write(overlayPath, "pipeline: [\n");
    const auto broken = WorkerConfig::load(path, environment());
    QVERIFY(!broken.ok());
    QVERIFY2(broken.error().message.startsWith(overlayPath + QStringLiteral(":")),
             qPrintable(broken.error().message));
}

void TestWorkerConfig::substitution_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<Env>("env");
    QTest::addColumn<std::string>("brokers");
    QTest::addColumn<std::string>("property");  // kafka.properties sasl.password
    auto row = [](const char* name, const char* brokers, const char* property, const Env& env,
                  const char* expectedBrokers, const char* expectedProperty) {
        QTest::newRow(name) << (QByteArray("kafka:\n  brokers: ") + brokers +
                                "\n  properties:\n    sasl.password: " + property + "\n")
                            << env << std::string(expectedBrokers) << std::string(expectedProperty);
    };
    const Env env{{QStringLiteral("HOST"), QStringLiteral("k9")},
                  {QStringLiteral("PORT"), QStringLiteral("9093")},
                  {QStringLiteral("SECRET"), QStringLiteral("p@ss ${NOT_EXPANDED}")},
                  {QStringLiteral("EMPTY"), QString()}};
    row("whole value", "${HOST}", "x", env, "k9", "x");
    row("inside a value", "${HOST}:${PORT}", "x", env, "k9:9093", "x");
    row("quoted value", "\"${HOST}:1\"", "x", env, "k9:1", "x");
    row("map value, expanded once", "b", "${SECRET}", env, "b", "p@ss ${NOT_EXPANDED}");
    row("set but empty", "b${EMPTY}", "${EMPTY}", env, "b", "");
    row("$${ is a literal ${", "b", "\"$${HOST}\"", env, "b", "${HOST}");
    row("lone $ stays", "b", "a$b$", env, "b", "a$b$");
    row("no variables", "h:1", "plain", Env{}, "h:1", "plain");
}

void TestWorkerConfig::substitution() {
    QFETCH(QByteArray, yaml);
    QFETCH(Env, env);
    QFETCH(std::string, brokers);
    QFETCH(std::string, property);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), yaml);
    const auto config = WorkerConfig::load(path, environment(env));
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    QCOMPARE(config->pipeline.source.brokers, brokers);
    QCOMPARE(config->pipeline.source.properties.size(), std::size_t{1});
    QCOMPARE(config->pipeline.source.properties[0].second, property);

    // Typed values are read after substitution.
    const QString typed = write(dir.filePath(QStringLiteral("typed/") + kMain),
                                "pipeline:\n  workers: ${N}\n  checkpoint_interval: ${N}s\n");
    const auto numbers =
        WorkerConfig::load(typed, environment({{QStringLiteral("N"), QStringLiteral("5")}}));
    QVERIFY2(numbers.ok(), qPrintable(errorOf(numbers)));
    QCOMPARE(numbers->pipeline.workers, 5);
    QCOMPARE(numbers->pipeline.checkpointInterval, milliseconds(5000));
}

void TestWorkerConfig::overrides_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<Env>("env");
    QTest::addColumn<QString>("expectedYaml");  // toYaml() lines that must appear
    auto row = [](const char* name, const QByteArray& yaml, const Env& env, const char* expected) {
        QTest::newRow(name) << yaml << env << QString::fromUtf8(expected);
    };
    auto var = [](const char* name, const char* value) {
        return QPair<QString, QString>(QString::fromUtf8(name), QString::fromUtf8(value));
    };
    row("scalar", "", {var("MTGA_KAFKA_BROKERS", "env:9092")}, "  brokers: env:9092\n");
    row("beats the file", "kafka:\n  brokers: file:9092\n", {var("MTGA_KAFKA_BROKERS", "env:9092")},
        "  brokers: env:9092\n");
    row("list, comma-separated and trimmed", "kafka:\n  topics: [x]\n",
        {var("MTGA_KAFKA_TOPICS", "a, b ,c")}, "  topics: [a, b, c]\n");
    row("duration", "", {var("MTGA_PIPELINE_CHECKPOINT_INTERVAL", "2m")},
        "  checkpoint_interval: 2m\n");
    row("size", "", {var("MTGA_SINK_MAX_FILE_BYTES", "2GiB")}, "  max_file_bytes: 2GiB\n");
    row("id list", "", {var("MTGA_CONTROL_ADMIN_UIDS", "0,1000")}, "  admin_uids: [0, 1000]\n");
    row("empty list", "control:\n  admin_gids: [4]\n", {var("MTGA_CONTROL_ADMIN_GIDS", "")},
        "  admin_gids: []\n");
    row("boolean", "", {var("MTGA_STORE_SYNC", "false")}, "  sync: false\n");
    row("lower-case name", "", {var("MTGA_log_level", "debug")}, "  level: debug\n");
    row("into a null section", "log:\n", {var("MTGA_LOG_KEEP", "9")}, "  keep: 9\n");
    row("taken literally, no ${} substitution", "",
        {var("MTGA_KAFKA_GROUP", "g${X}"), var("X", "y")}, "  group: g$${X}\n");
    row("other MTGA_ variables are left alone", "",
        {var("MTGA_TEST_PRESETS", "dev"), var("MTGA_BINARY", "/x"), var("MTGA_", "")},
        "  workers: 2\n");
}

void TestWorkerConfig::overrides() {
    QFETCH(QByteArray, yaml);
    QFETCH(Env, env);
    QFETCH(QString, expectedYaml);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), yaml);
    const auto config = WorkerConfig::load(path, environment(env));
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    const QString actual = config->toYaml();
    QVERIFY2(actual.contains(expectedYaml), qPrintable(actual));
}

void TestWorkerConfig::relativePaths() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(QStringLiteral("etc/mtga.yml")), R"(pipeline:
  settings: ../share/settings
sink:
  directory: ./out/ta/
store:
  path: /abs/store
control:
  socket: mtga.sock
log:
  file: logs/../mtga.log
)");
    const auto config = WorkerConfig::load(
        path, environment({{QStringLiteral("MTGA_STORE_PATH"), QStringLiteral("state")}}));
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    const QString etc = dir.filePath(QStringLiteral("etc"));
    QCOMPARE(config->pipeline.settingsDir, dir.filePath(QStringLiteral("share/settings")));
    QCOMPARE(config->pipeline.sink.directory, etc + QStringLiteral("/out/ta"));
    QCOMPARE(config->pipeline.store.path,
             etc + QStringLiteral("/state"));  // overrides resolve the same way
    QCOMPARE(config->control.socket, etc + QStringLiteral("/mtga.sock"));
    QCOMPARE(config->log.file, etc + QStringLiteral("/mtga.log"));

    write(path, "store:\n  path: /abs/store\n");
    const auto absolute = WorkerConfig::load(path, environment());
    QVERIFY2(absolute.ok(), qPrintable(errorOf(absolute)));
    QCOMPARE(absolute->pipeline.store.path, QStringLiteral("/abs/store"));
}

void TestWorkerConfig::relativeMainPath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    write(dir.filePath(QStringLiteral("conf/mtga.yml")), "store:\n  path: st\n");
    write(dir.filePath(QStringLiteral("conf/mtga.local.yml")), "store:\n  sync: false\n");
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto config = WorkerConfig::load(QStringLiteral("conf/mtga.yml"), environment());
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY2(config.ok(), qPrintable(errorOf(config)));
    QCOMPARE(config->file, QStringLiteral("conf/mtga.yml"));
    QCOMPARE(config->sources,
             (QStringList{QStringLiteral("conf/mtga.yml"), QStringLiteral("conf/mtga.local.yml")}));
    QCOMPARE(config->pipeline.store.path, dir.filePath(QStringLiteral("conf/st")));
    QCOMPARE(config->pipeline.store.sync, false);
}

void TestWorkerConfig::errors_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<Env>("env");
    QTest::addColumn<QString>("message");  // FILE stands for the file's path
    auto row = [](const char* name, const QByteArray& yaml, const char* message,
                  const Env& env = {}) {
        QTest::newRow(name) << yaml << env << QString::fromUtf8(message);
    };
    auto var = [](const char* name, const char* value) {
        return QPair<QString, QString>(QString::fromUtf8(name), QString::fromUtf8(value));
    };
    row("unknown section", "kafka:\n  group: g\nsinks:\n  type: file\n",
        "FILE:3:1: sinks: unknown section, expected one of: kafka, pipeline, sink, store, "
        "control, log, health, alerts, metrics");
    row("health: stopped before stalled", "health:\n  stall_after: 2m\n  stopped_after: 1m\n",
        "FILE:3:3: health.stopped_after: 1m is shorter than health.stall_after (2m): a partition "
        "stalls before it can be stopped");
    row("alerts: a webhook that is no URL", "alerts:\n  webhooks: [\"slack:hooks\"]\n",
        "FILE:2:14: alerts.webhooks[0]: \"slack:hooks\" is not [FORMAT:]URL with an http or "
        "https URL (FORMAT: generic, wecom, dingtalk, feishu or slack)");
    row("metrics: not an address", "metrics:\n  listen: \"somewhere:80\"\n",
        "FILE:2:3: metrics.listen: \"somewhere:80\" is not PORT or HOST:PORT (an IP address or "
        "localhost)");
    row("health: a window of one", "health:\n  window: 1\n",
        "FILE:2:3: health.window: 1 is out of range (2 to 240)");
    row("unknown key", "pipeline:\n  workers: 2\n  worker: 3\n",
        "FILE:3:3: pipeline.worker: unknown key, expected one of: workers, queue_max_messages, "
        "queue_max_bytes, checkpoint_interval, replay_backoff, replay_backoff_max, "
        "checkpoint_bytes, "
        "payload_codec, "
        "max_record_bytes, settings");
    row("wrong type: list for an integer", "pipeline:\n  workers: [1]\n",
        "FILE:2:3: pipeline.workers: expected an integer, found a list");
    row("wrong type: text for an integer", "pipeline:\n  workers: two\n",
        "FILE:2:3: pipeline.workers: expected an integer, found \"two\"");
    row("wrong type: map for a string", "kafka:\n  brokers: {a: 1}\n",
        "FILE:2:3: kafka.brokers: expected a string, found a map");
    row("wrong type: nothing for an integer", "log:\n  keep:\n",
        "FILE:2:3: log.keep: expected an integer, found nothing");
    row("wrong type: scalar for a list", "kafka:\n  topics: t1\n",
        "FILE:2:3: kafka.topics: expected a list, found a single value");
    row("wrong type: section is a scalar", "store: fast\n",
        "FILE:1:1: store: expected a map of keys (path, sync), found a single value");
    row("wrong type: properties is a list", "kafka:\n  properties: [a]\n",
        "FILE:2:3: kafka.properties: expected a map of librdkafka properties, found a list");
    row("property without a value", "kafka:\n  properties:\n    acks:\n",
        "FILE:3:5: kafka.properties.acks: expected a value, found nothing");
    row("wrong type: boolean", "sink:\n  fsync: yes\n",
        "FILE:2:3: sink.fsync: expected true or false, found \"yes\"");
    row("bad duration", "sink:\n  idle_close: 10 sec\n",
        "FILE:2:3: sink.idle_close: expected a duration such as 10s, 500ms, 2m, 1h or a number "
        "of milliseconds, found \"10 sec\"");
    row("negative duration", "pipeline:\n  checkpoint_interval: -5s\n",
        "FILE:2:3: pipeline.checkpoint_interval: expected a duration such as 10s, 500ms, 2m, 1h "
        "or a number of milliseconds, found \"-5s\"");
    row("duration out of range", "pipeline:\n  checkpoint_interval: 2h\n",
        "FILE:2:3: pipeline.checkpoint_interval: 2h is out of range (100ms to 1h)");
    row("duration too small", "sink:\n  idle_close: 10ms\n",
        "FILE:2:3: sink.idle_close: 10ms is out of range (1s to 24h)");
    row("bad size", "log:\n  max_bytes: 10 megabytes\n",
        "FILE:2:3: log.max_bytes: expected a size such as 64MiB, 1GiB, 512KiB, 1MB or a number of "
        "bytes, found \"10 megabytes\"");
    row("fractional size", "log:\n  max_bytes: 1.5GiB\n",
        "FILE:2:3: log.max_bytes: expected a size such as 64MiB, 1GiB, 512KiB, 1MB or a number of "
        "bytes, found \"1.5GiB\"");
    row("size out of range", "pipeline:\n  queue_max_bytes: 100KiB\n",
        "FILE:2:3: pipeline.queue_max_bytes: 100KiB is out of range (1MiB to 64GiB)");
    row("size out of range, zero allowed", "sink:\n  max_file_bytes: 10KiB\n",
        "FILE:2:3: sink.max_file_bytes: 10KiB is out of range (0, or 1MiB to 1TiB)");
    row("size overflow", "pipeline:\n  checkpoint_bytes: 99999999999999999999TiB\n",
        "FILE:2:3: pipeline.checkpoint_bytes: 99999999999999999999TiB is out of range (1MiB to "
        "1TiB)");
    row("workers out of range", "pipeline:\n  workers: 65\n",
        "FILE:2:3: pipeline.workers: 65 is out of range (1 to 64)");
    row("integer overflow", "log:\n  keep: 123456789012345678901234\n",
        "FILE:2:3: log.keep: 123456789012345678901234 is out of range (1 to 1000)");
    row("negative uid", "control:\n  admin_uids: [0, -1]\n",
        "FILE:2:19: control.admin_uids[1]: -1 is out of range (0 to 4294967294)");
    row("block list item position", "control:\n  admin_gids:\n    - 1\n    - x\n",
        "FILE:4:7: control.admin_gids[1]: expected an integer, found \"x\"");
    row("bad enum", "kafka:\n  start_from: newest\n",
        "FILE:2:3: kafka.start_from: \"newest\" is not one of: earliest, latest");
    row("bad enum is case-sensitive", "log:\n  level: INFO\n",
        "FILE:2:3: log.level: \"INFO\" is not one of: debug, info, warning, error");
    row("bad codec", "pipeline:\n  payload_codec: gzip\n",
        "FILE:2:3: pipeline.payload_codec: \"gzip\" is not one of: none, snappy, auto");
    row("yaml syntax error", "kafka:\n  topics: [a\n  group: g\n",
        "FILE:3:8: invalid YAML: end of sequence flow not found");
    row("yaml tab indentation", "kafka:\n\tgroup: g\n",
        "FILE:2:7: invalid YAML: illegal map value");
    row("duplicate key", "log:\n  keep: 1\n  level: info\n  keep: 2\n",
        "FILE:4:3: log.keep: duplicate key (first set on line 2)");
    row("two documents", "log: {}\n---\nlog: {}\n", "FILE:3:1: only one YAML document is allowed");
    row("top level is a list", "- kafka\n",
        "FILE:1:1: expected a map of sections (kafka, pipeline, sink, store, control, log, "
        "health, alerts, metrics), found a list");
    row("columns count characters", "kafka: {group: \"组\", 名字: 1}\n",
        "FILE:1:21: kafka.名字: unknown key, expected one of: brokers, topics, group, start_from, "
        "assignment, partitions, properties, watermark_refresh");
    row("empty topics", "kafka:\n  topics: []\n",
        "FILE:2:3: kafka.topics: needs at least one topic");
    row("invalid topic name", "kafka:\n  topics: [ok, \"bad topic\"]\n",
        "FILE:2:16: kafka.topics[1]: \"bad topic\" is not a valid topic name (letters, digits, "
        "'.', "
        "'_' and '-', at most 249)");
    row("topic listed twice", "kafka:\n  topics:\n    - a\n    - a\n",
        "FILE:4:7: kafka.topics[1]: topic \"a\" is listed twice");
    row("static without partitions", "kafka:\n  assignment: static\n",
        "FILE:2:3: kafka.assignment: static assignment needs kafka.partitions (\"topic:partition\" "
        "entries)");
    row("bad partition entry",
        "kafka:\n  topics: [t]\n  assignment: static\n  partitions: [\"t:0\", \"t:x\"]\n",
        "FILE:4:23: kafka.partitions[1]: \"t:x\" is not \"topic:partition\" (such as "
        "mulog_clean_24:0)");
    row("partition of an unlisted topic",
        "kafka:\n  topics: [a]\n  assignment: static\n  partitions:\n    - a:1\n    - b:0\n",
        "FILE:6:7: kafka.partitions[1]: topic \"b\" is not in kafka.topics");
    row("no follow-up error about a key that has its own",
        "kafka:\n  topics: [\"bad topic\"]\n  assignment: static\n  partitions: [b:0]\n",
        "FILE:2:12: kafka.topics[0]: \"bad topic\" is not a valid topic name (letters, digits, "
        "'.', '_' and '-', at most 249)");
    row("socket path too long", "control:\n  socket: /" + QByteArray(110, 's') + "\n",
        QByteArray("FILE:2:3: control.socket: the socket path /" + QByteArray(110, 's') +
                   " is 111 bytes long; a Unix socket path holds at most 107")
            .constData());
    row("empty group with group assignment", "kafka:\n  group: \"\"\n",
        "FILE:2:3: kafka.group: must not be empty with group assignment");
    row("sink kafka without brokers and topic", "sink:\n  type: kafka\n",
        "FILE:2:3: sink.type: type kafka needs sink.kafka_brokers\n"
        "FILE:2:3: sink.type: type kafka needs sink.kafka_topic");
    row("invalid instance", "sink:\n  instance: a.b\n",
        "FILE:2:3: sink.instance: \"a.b\" is not a valid instance name (letters, digits, '_' and "
        "'-', at most 64)");
    row("empty path", "store:\n  path: \"\"\n", "FILE:2:3: store.path: must not be empty");
    row("producer properties not a map", "sink:\n  kafka_properties: [acks]\n",
        "FILE:2:3: sink.kafka_properties: expected a map of librdkafka properties, found a list");
    row("watermark refresh too fast", "kafka:\n  watermark_refresh: 100ms\n",
        "FILE:2:3: kafka.watermark_refresh: 100ms is out of range (1s to 1h)");
    row("record larger than the queue",
        "pipeline:\n  queue_max_bytes: 1MiB\n  max_record_bytes: 2MiB\n",
        "FILE:3:3: pipeline.max_record_bytes: 2MiB is larger than pipeline.queue_max_bytes "
        "(1MiB): such a record could never be queued");
    row("unset variable", "kafka:\n  brokers: ${KAFKA_HOST}:9092\n",
        "FILE:2:3: kafka.brokers: environment variable KAFKA_HOST is not set");
    row("invalid variable name", "kafka:\n  group: ${1X}\n",
        "FILE:2:3: kafka.group: \"${1X}\" is not a valid environment variable name");
    row("unterminated variable", "kafka:\n  group: a${B\n",
        "FILE:2:3: kafka.group: unterminated \"${\": write ${NAME}, or $${ for a literal \"${\"");
    row("override of an unknown key", "",
        "environment MTGA_KAFKA_BROKER: kafka.broker: unknown "
        "key, expected one of: brokers, topics, group, start_from, assignment, partitions, "
        "properties, watermark_refresh",
        {var("MTGA_KAFKA_BROKER", "x")});
    row("override out of range", "pipeline:\n  workers: 4\n",
        "environment MTGA_PIPELINE_WORKERS: pipeline.workers: 100 is out of range (1 to 64)",
        {var("MTGA_PIPELINE_WORKERS", "100")});
    row("override list item", "",
        "environment MTGA_CONTROL_ADMIN_GIDS: control.admin_gids[1]: expected an integer, found "
        "\"\"",
        {var("MTGA_CONTROL_ADMIN_GIDS", "1,,2")});
    row("override of a map", "",
        "environment MTGA_KAFKA_PROPERTIES: kafka.properties: a map cannot be set from the "
        "environment; use ${VAR} in the file instead",
        {var("MTGA_KAFKA_PROPERTIES", "a=b")});
    row("override of a whole section", "",
        "environment MTGA_SINK: sink: a whole section cannot be set from the environment; name a "
        "key, as in MTGA_SINK_<KEY>",
        {var("MTGA_SINK", "x")});
    row("check across keys from an override", "",
        "environment MTGA_SINK_TYPE: sink.type: type kafka needs sink.kafka_topic",
        {var("MTGA_SINK_TYPE", "kafka"), var("MTGA_SINK_KAFKA_BROKERS", "b:1")});
}

void TestWorkerConfig::errors() {
    QFETCH(QByteArray, yaml);
    QFETCH(Env, env);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), yaml);
    const auto config = WorkerConfig::load(path, environment(env));
    QVERIFY2(!config.ok(), qPrintable(config.ok() ? config->toYaml() : QString()));
    QCOMPARE(config.error().code, ErrorCode::ConfigInvalid);
    QCOMPARE(config.error().message, message.replace(QStringLiteral("FILE"), path));
}

void TestWorkerConfig::aliasesCannotExplode() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // An alias inside its own anchor is an endless tree to anything that walks it.
    const QString path = write(dir.filePath(kMain), "kafka:\n  topics: &x [a, *x]\n");
    const auto endless = WorkerConfig::load(path, environment());
    QVERIFY(!endless.ok());
    QCOMPARE(endless.error().code, ErrorCode::ConfigInvalid);
    QVERIFY2(endless.error().message.startsWith(path + QStringLiteral(":2:15: kafka.topics[1][1]")),
             qPrintable(endless.error().message));
    QVERIFY2(endless.error().message.endsWith(
                 QStringLiteral(": values nest more than 32 levels deep; does an alias refer to "
                                "itself?")),
             qPrintable(endless.error().message));

    // Ten aliases of ten aliases, five times over: 10^5 values from a few hundred bytes.
    QByteArray laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level <= 5; ++level) {
        const QByteArray previous = "*a" + QByteArray::number(level - 1);
        laughs += "a" + QByteArray::number(level) + ": &a" + QByteArray::number(level) + " [" +
                  QByteArrayList(10, previous).join(", ") + "]\n";
    }
    write(path, laughs);
    const auto huge = WorkerConfig::load(path, environment());
    QVERIFY(!huge.ok());
    QCOMPARE(huge.error().message,
             path + QStringLiteral(": too many values (more than 100000); are aliases repeated?"));
}

void TestWorkerConfig::missingFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("absent.yml"));
    write(dir.filePath(kOverlay), "log: {}\n");  // an overlay alone is not a configuration
    const auto config = WorkerConfig::load(path, environment());
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::ConfigMissing);
    QCOMPARE(config.error().message,
             path + QStringLiteral(": the configuration file does not exist"));
}

void TestWorkerConfig::folderAsFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto config = WorkerConfig::load(dir.path(), environment());
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::ConfigInvalid);
    QCOMPARE(config.error().message,
             dir.path() + QStringLiteral(": is a folder, not a configuration file"));
}

void TestWorkerConfig::severalErrorsAtOnce() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(kMain), R"(kafka:
  start_from: oldest
  topics: [a]
pipeline:
  workers: 0
  checkpoint_interval: soon
nope: 1
log:
  level: loud
  keep: 3
)");
    const auto config = WorkerConfig::load(
        path, environment({{QStringLiteral("MTGA_STORE_SYNCH"), QStringLiteral("1")}}));
    QVERIFY(!config.ok());
    QCOMPARE(config.error().code, ErrorCode::ConfigInvalid);
    const QStringList lines = config.error().message.split(QLatin1Char('\n'));
    const QStringList expected{
        QStringLiteral("environment MTGA_STORE_SYNCH: store.synch: unknown key, expected one of: "
                       "path, sync"),
        path + QStringLiteral(":2:3: kafka.start_from: \"oldest\" is not one of: earliest, latest"),
        path + QStringLiteral(":5:3: pipeline.workers: 0 is out of range (1 to 64)"),
        path + QStringLiteral(":6:3: pipeline.checkpoint_interval: expected a duration such as "
                              "10s, 500ms, 2m, 1h or a number of milliseconds, found \"soon\""),
        path + QStringLiteral(":7:1: nope: unknown section, expected one of: kafka, pipeline, "
                              "sink, store, control, log, health, alerts, metrics"),
        path + QStringLiteral(":9:3: log.level: \"loud\" is not one of: debug, info, warning, "
                              "error"),
    };
    QCOMPARE(lines, expected);
}

void TestWorkerConfig::toYamlRoundTrip_data() {
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("defaults") << QByteArray();
    QTest::newRow("every key") << QByteArray(kEveryKey);
    QTest::newRow("awkward strings") << QByteArray(R"(kafka:
  brokers: "  spaced:1 "
  group: "null"
  properties:
    a: "$${literal}"
    b: "$$${x}"
    c: "quote \" and # hash: colon"
    d: "~"
    e: 中文
    f: "true"
    g: "- dash"
    h: ""
sink:
  directory: "dir with spaces/#x"
  kafka_topic: "123"
log:
  file: "日志/mtga.log"
control:
  admin_uids: []
)");
    QTest::newRow("odd numbers") << QByteArray(R"(pipeline:
  checkpoint_interval: 1001
  checkpoint_bytes: 1048577
  queue_max_bytes: 1000MB
sink:
  idle_close: 90s
  batch_bytes: 5000
log:
  max_bytes: 3GiB
)");
}

void TestWorkerConfig::toYamlRoundTrip() {
    QFETCH(QByteArray, yaml);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = write(dir.filePath(QStringLiteral("a/") + kMain), yaml);
    const auto first = WorkerConfig::load(path, environment());
    QVERIFY2(first.ok(), qPrintable(errorOf(first)));
    const QString text = first->toYaml();
    QVERIFY2(text.startsWith(QStringLiteral("# read from ") + path + QLatin1Char('\n')),
             qPrintable(text));

    // Somewhere else, so that only absolute paths can give the same configuration.
    const QString copy = write(dir.filePath(QStringLiteral("b/c/") + kMain), text.toUtf8());
    const auto second = WorkerConfig::load(copy, environment());
    QVERIFY2(second.ok(), qPrintable(errorOf(second) + QLatin1Char('\n') + text));
    compareSections(second.value(), first.value());
    QCOMPARE(keysOf(text), keysOf(QString::fromUtf8(kEveryKey)));
}

QTEST_GUILESS_MAIN(TestWorkerConfig)
#include "tst_workerconfig.moc"
