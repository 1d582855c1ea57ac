// bench_pipeline: the real worker pipeline draining a preloaded backlog from Kafka (the embedded
// cluster in its own process, or a real Apache Kafka broker) into TA files with checkpointing on;
// prints one JSON object.
//   bench_pipeline [--events N] [--partitions P] [--workers W] [--broker embedded|real]
// Targets (issue #4, 2 cores, workers 2): steady >= 300,000 events/s, <= 5 CPU-seconds per
// million events, peak RSS <= 350 MB.

#include "tests/support/realkafka.h"
#include "worker/kafka/kafkaclient.h"
#include "worker/pipeline/pipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <sys/resource.h>

#include <cstdio>

namespace {

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

int fail(const char* message) {
    std::fprintf(stderr, "bench_pipeline: %s\n", message);
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("events"), QStringLiteral("events"), QStringLiteral("N"),
                      QStringLiteral("1000000")});
    parser.addOption({QStringLiteral("partitions"), QStringLiteral("partitions"),
                      QStringLiteral("P"), QStringLiteral("32")});
    parser.addOption({QStringLiteral("workers"), QStringLiteral("workers"), QStringLiteral("W"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("broker"), QStringLiteral("embedded or real"),
                      QStringLiteral("KIND"), QStringLiteral("embedded")});
    parser.process(app);
    const QString broker = parser.value(QStringLiteral("broker"));
    if (broker != QLatin1String("embedded") && broker != QLatin1String("real")) {
        return fail("--broker is embedded or real");
    }
    const qint64 events = parser.value(QStringLiteral("events")).toLongLong();
    const int partitions = parser.value(QStringLiteral("partitions")).toInt();
    const int workers = parser.value(QStringLiteral("workers")).toInt();

    // Kafka and the preload run in other processes, so this process's CPU and memory are the
    // worker's alone.
    QProcess kafka;
    mtga::test::RealKafka real;
    QString bootstrap;
    if (broker == QLatin1String("real")) {
        if (!real.start() || !real.createTopic("bench", partitions, {})) {
            return fail("the real Kafka broker did not start");
        }
        bootstrap = QString::fromStdString(real.bootstrap());
    } else {
        kafka.start(QStringLiteral(MTGA_BINARY),
                    {QStringLiteral("dev-kafka"), QStringLiteral("--brokers"), QStringLiteral("1"),
                     QStringLiteral("--topic"), QStringLiteral("bench:%1").arg(partitions)});
        if (!kafka.waitForStarted() || !kafka.waitForReadyRead(20'000)) {
            return fail("dev-kafka did not start");
        }
        bootstrap = QString::fromUtf8(kafka.readLine()).trimmed().section(QLatin1Char('='), 1);
    }
    QProcess generate;
    generate.start(QStringLiteral(MTGA_BINARY),
                   {QStringLiteral("generate"), QStringLiteral("--brokers"), bootstrap,
                    QStringLiteral("--topic"), QStringLiteral("bench"), QStringLiteral("--count"),
                    QString::number(events)});
    if (!generate.waitForFinished(600'000) || generate.exitCode() != 0) {
        return fail("preload failed");
    }

    // The mock cluster silently drops old data past 5 MiB per partition: Low must still be 0
    // (and a real broker keeps everything).
    {
        auto conf = mtga::makeKafkaConf({{"bootstrap.servers", bootstrap.toStdString()}});
        auto client = mtga::makeKafkaClient(RD_KAFKA_CONSUMER, std::move(conf).value());
        for (int p = 0; p < partitions; ++p) {
            int64_t low = -1;
            int64_t high = -1;
            rd_kafka_query_watermark_offsets(client->get(), "bench", p, &low, &high, 10'000);
            if (low != 0) {
                return fail("the mock cluster dropped data (Low > 0): use more partitions");
            }
        }
    }

    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(QStringLiteral("settings")));
    QFile metadata(dir.filePath(QStringLiteral("settings/metadata.24.json")));
    metadata.open(QIODevice::WriteOnly);
    metadata.write(R"({"identity":{"account_id":"role_id"},"time":{"field":"mtime"}})");
    metadata.close();

    mtga::PipelineOptions options;
    options.source.brokers = bootstrap.toStdString();
    options.source.topics = {"bench"};
    options.source.group = "bench";
    options.workers = workers;
    if (qEnvironmentVariableIsSet("BENCH_KBYTES")) {
        options.source.properties.emplace_back("queued.max.messages.kbytes",
                                               qgetenv("BENCH_KBYTES").toStdString());
    }
    if (qEnvironmentVariableIsSet("BENCH_QUEUE")) {
        options.queueMaxMessages = qEnvironmentVariableIntValue("BENCH_QUEUE");
        options.queueMaxBytes = qint64{1} << 30;
    }
    options.settingsDir = dir.filePath(QStringLiteral("settings"));
    options.sink.directory = dir.filePath(QStringLiteral("out"));
    options.sink.instance = QStringLiteral("bench");
    // Stream, as every figure so far was measured: it was the struct's default until batch, the
    // configuration's, became the one default.
    options.sink.mode = mtga::FileSinkOptions::Mode::Stream;
    options.store.path = dir.filePath(QStringLiteral("store"));
    auto pipeline = mtga::Pipeline::create(options);
    const double cpuStart = cpuSeconds();
    QElapsedTimer clock;
    clock.start();
    if (!pipeline || !pipeline.value()->start()) {
        return fail("the pipeline did not start");
    }
    qint64 firstMs = -1;
    uint64_t written = 0;
    while (written < static_cast<uint64_t>(events) && clock.elapsed() < 900'000) {
        QThread::msleep(5);
        written = pipeline.value()->stats().written;
        if (firstMs < 0 && written > 0) {
            firstMs = clock.elapsed();
        }
    }
    const qint64 lastMs = clock.elapsed();
    const double cpu = cpuSeconds() - cpuStart;
    (void)pipeline.value()->stop();
    kafka.kill();
    kafka.waitForFinished();
    if (written < static_cast<uint64_t>(events)) {
        return fail("not every event was written in 15 minutes");
    }
    const double totalS = static_cast<double>(lastMs) / 1000.0;
    const double steadyS = static_cast<double>(lastMs - firstMs) / 1000.0;
    const double megabytes = static_cast<double>(events) * 551.0 / 1e6;
    const QJsonObject result{
        {QStringLiteral("broker"), broker},
        {QStringLiteral("events"), events},
        {QStringLiteral("partitions"), partitions},
        {QStringLiteral("workers"), workers},
        {QStringLiteral("total_s"), totalS},
        {QStringLiteral("steady_s"), steadyS},
        {QStringLiteral("events_per_s_total"), qRound64(static_cast<double>(events) / totalS)},
        {QStringLiteral("events_per_s_steady"), qRound64(static_cast<double>(events) / steadyS)},
        {QStringLiteral("mb_per_s_steady"), megabytes / steadyS},
        {QStringLiteral("cpu_s_per_million"), cpu / (static_cast<double>(events) / 1e6)},
        {QStringLiteral("peak_rss_mb"), peakRssMb()},
    };
    std::puts(QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
