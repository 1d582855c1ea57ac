// /metrics and /healthz of a real `mtga run` on the embedded Kafka: the exposition passes
// `promtool check metrics` (the Debian prometheus package), its per-partition values equal the
// `offsets` command's and its counters `status`'s; /healthz is 200 while the worker is well and
// 503 with the reason once a partition is stopped; no endpoint without metrics.listen.

#include "shared/controlclient.h"
#include "tests/support/processrunner.h"
#include "tests/support/resettest.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace mtga;
using namespace mtga::test;

namespace {

const QString kHealth = QStringLiteral(
    "health:\n"
    "  sample_interval: 200ms\n"
    "  window: 5\n"
    "  stall_after: 2s\n"
    "  stopped_after: 4s\n"
    "metrics:\n"
    "  listen: \"127.0.0.1:0\"\n");

struct Fetched {
    int status = 0;
    QByteArray body;
};

Fetched get(quint16 port, const QString& path) {
    QNetworkAccessManager network;
    QNetworkReply* reply = network.get(
        QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path))));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    Fetched fetched;
    if (finished.wait(10'000)) {
        fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        fetched.body = reply->readAll();
    }
    reply->deleteLater();
    return fetched;
}

// name{labels} -> value, the labels as written.
std::map<QString, double> samplesOf(const QByteArray& text) {
    std::map<QString, double> samples;
    for (const QByteArray& line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        const qsizetype space = line.lastIndexOf(' ');
        samples[QString::fromUtf8(line.left(space))] = line.mid(space + 1).toDouble();
    }
    return samples;
}

QString partitionKey(const char* name, const PartitionRow& row) {
    return QStringLiteral("%1{topic=\"%2\",partition=\"%3\"}")
        .arg(QLatin1String(name), row.topic)
        .arg(row.partition);
}

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void metricsEqualTheCommandsAndPassPromtool();
    void noEndpointByDefault();
};

void TestMetrics::metricsEqualTheCommandsAndPassPromtool() {
    const QString promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
    QVERIFY2(!promtool.isEmpty(), "promtool is not installed (installer/setup.sh installs it)");
    ResetBench bench(QStringLiteral("metered"), 3);
    QVERIFY(bench.startKafka());
    Traffic traffic = trafficOf("metered", 3000, 10);  // a few invalid: the failure queue
    const Expected expected = produce(bench.kafka().bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    bench.configure([](mtga::test::WorkerConfig& config) {
        config.sections = kHealth;
        config.sink = QStringLiteral("  batch_bytes: 16KiB\n");
        config.pipeline = QStringLiteral("  queue_max_messages: 100\n");
    });
    QVERIFY(bench.startWorker(3));
    const QRegularExpression portLine(QStringLiteral("metrics on .* \\(port (\\d+)\\)"));
    QRegularExpressionMatch match;
    QTRY_VERIFY_WITH_TIMEOUT((match = portLine.match(bench.worker().standardError())).hasMatch(),
                             10'000);
    const auto port = static_cast<quint16>(match.captured(1).toUInt());
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(bench.out()).lines >= expected.pids.size(), 60'000);
    // Idle: nothing moves between the two reads.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto rows = bench.offsets();
            return rows && std::all_of(rows->partitions.begin(), rows->partitions.end(),
                                       [](const PartitionRow& r) {
                                           return r.health == QLatin1String("idle");
                                       });
        }(),
        30'000);
    QTest::qWait(16'000);  // past the failure counts' cache
    const Fetched metrics = get(port, QStringLiteral("/metrics"));
    QCOMPARE(metrics.status, 200);
    const auto offsets = bench.offsets();
    const auto status = ControlClient::status(bench.socket(), std::chrono::seconds(5));
    QVERIFY(offsets && status);

    QProcess check;
    check.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(check.waitForStarted());
    check.write(metrics.body);
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(30'000));
    QVERIFY2(check.exitCode() == 0,
             qPrintable(QString::fromUtf8(check.readAllStandardOutput() +
                                          check.readAllStandardError() + "\n" + metrics.body)));

    const std::map<QString, double> samples = samplesOf(metrics.body);
    const auto value = [&](const QString& key) {
        const auto it = samples.find(key);
        return it == samples.end() ? -12345.0 : it->second;
    };
    QCOMPARE(offsets->partitions.size(), size_t(3));
    for (const PartitionRow& row : offsets->partitions) {
        QCOMPARE(value(partitionKey("mtga_partition_low_offset", row)), double(row.low));
        QCOMPARE(value(partitionKey("mtga_partition_high_offset", row)), double(row.high));
        QCOMPARE(value(partitionKey("mtga_partition_position_offset", row)), double(row.current));
        QCOMPARE(value(partitionKey("mtga_partition_checkpointed_offset", row)),
                 double(row.checkpointed));
        QCOMPARE(value(partitionKey("mtga_partition_lag_messages", row)), double(*row.lag));
        QCOMPARE(value(partitionKey("mtga_partition_lag_seconds", row)), 0.0);
        QCOMPARE(value(QStringLiteral("mtga_partition_health{topic=\"%1\",partition=\"%2\","
                                      "state=\"idle\"}")
                           .arg(row.topic)
                           .arg(row.partition)),
                 1.0);
        QCOMPARE(value(QStringLiteral("mtga_partition_health{topic=\"%1\",partition=\"%2\","
                                      "state=\"ok\"}")
                           .arg(row.topic)
                           .arg(row.partition)),
                 0.0);
    }
    QCOMPARE(value(QStringLiteral("mtga_messages_consumed_total")),
             double(status->counts.messages));
    QCOMPARE(value(QStringLiteral("mtga_events_written_total{app=\"24\"}")),
             double(status->counts.written));
    QCOMPARE(value(QStringLiteral("mtga_bytes_written_total")),
             double(status->counts.bytesWritten));
    QCOMPARE(value(QStringLiteral("mtga_checkpoints_total")), double(status->counts.checkpoints));
    double failed = 0;
    double queued = 0;
    double filtered = 0;
    for (const auto& [key, number] : samples) {
        failed += key.startsWith(QLatin1String("mtga_events_failed_total{")) ? number : 0;
        filtered += key.startsWith(QLatin1String("mtga_events_filtered_total{")) ? number : 0;
        queued += key.startsWith(QLatin1String("mtga_failure_queue_entries{")) ? number : 0;
    }
    QCOMPARE(failed, double(status->counts.failed));
    QCOMPARE(filtered, double(status->counts.filtered));
    QCOMPARE(queued, double(status->failureQueue));
    QVERIFY(status->failureQueue > 0);
    QCOMPARE(value(QStringLiteral("mtga_up")), 1.0);
    QCOMPARE(value(QStringLiteral("mtga_health{state=\"idle\"}")), 1.0);
    QVERIFY(value(QStringLiteral("mtga_checkpoint_age_seconds")) >= 0);
    QVERIFY(metrics.body.contains("mtga_build_info{version=\""));

    // The shipped rules load, and they and the dashboard use only metrics that exist.
    const QString monitoring = QStringLiteral(MTGA_SOURCE_DIR "/resources/monitoring/");
    QProcess rules;
    rules.start(promtool, {QStringLiteral("check"), QStringLiteral("rules"),
                           monitoring + QStringLiteral("mtga-alerts.yml")});
    QVERIFY(rules.waitForFinished(30'000));
    QVERIFY2(rules.exitCode() == 0, rules.readAllStandardOutput().constData());
    for (const char* file : {"mtga-alerts.yml", "mtga-dashboard.json"}) {
        QFile text(monitoring + QLatin1String(file));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QString content = QString::fromUtf8(text.readAll());
        const QRegularExpression name(QStringLiteral("\\b(mtga_[a-z_]+)\\b"));
        int used = 0;
        for (auto it = name.globalMatch(content); it.hasNext(); ++used) {
            const QString metric = it.next().captured(1);
            QVERIFY2(metrics.body.contains(QByteArray("# TYPE " + metric.toUtf8() + ' ')),
                     qPrintable(QStringLiteral("%1 uses %2, which /metrics does not have")
                                    .arg(QLatin1String(file), metric)));
        }
        QVERIFY(used > 5);
    }

    const Fetched healthy = get(port, QStringLiteral("/healthz"));
    QCOMPARE(healthy.status, 200);
    QCOMPARE(healthy.body, QByteArray("ok: idle\n"));

    // The output stops: once a partition is stopped, /healthz says so.
    QVERIFY(
        limitFileSize(bench.worker().processId(), QString::number(largestOutputFile(bench.out()))));
    QVERIFY(bench.produce(3000));
    QTRY_VERIFY_WITH_TIMEOUT(get(port, QStringLiteral("/healthz")).status == 503, 30'000);
    const Fetched unhealthy = get(port, QStringLiteral("/healthz"));
    QVERIFY2(unhealthy.body.contains("stopped"), unhealthy.body.constData());
    QVERIFY(limitFileSize(bench.worker().processId(), QStringLiteral("unlimited")));
    QTRY_VERIFY_WITH_TIMEOUT(get(port, QStringLiteral("/healthz")).status == 200, 60'000);
    QVERIFY(stopCleanly(bench.worker(), 60'000));
}

void TestMetrics::noEndpointByDefault() {
    ResetBench bench(QStringLiteral("unmetered"), 1);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.startWorker(1));
    QTest::qWait(500);
    QVERIFY(!bench.worker().standardError().contains(QLatin1String("metrics on")));
    QVERIFY(stopCleanly(bench.worker(), 60'000));
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
