// The failure queue's long commands against a real `mtga run`: `mtga failures export` writes
// exactly the matching entries to a new file and never overwrites one; `mtga failures retry`
// counts one more attempt for entries that fail again, and writes those that now succeed (the
// output cluster was away, and is back) exactly once.

#include "shared/controlclient.h"
#include "tests/support/controltest.h"
#include "tests/support/partitionreader.h"
#include "tests/support/workertest.h"
#include "worker/demo/sampleevents.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <set>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr uint64_t kEvents = 2000;

QStringList withSocket(QStringList arguments, const QString& socket) {
    return arguments << QStringLiteral("--socket") << socket;
}

std::vector<QJsonObject> jsonLinesOf(const QString& path) {
    std::vector<QJsonObject> lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return lines;
    }
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.isEmpty()) {
            lines.push_back(QJsonDocument::fromJson(line).object());
        }
    }
    return lines;
}

qint64 failureCount(const QString& socket, const QString& reason = {}) {
    FailureQuery query;
    if (!reason.isEmpty()) {
        query.reason = parseFailureReason(reason.toStdString());
    }
    const auto counts = ControlClient::failureCounts(socket, query);
    if (!counts) {
        return -1;
    }
    return reason.isEmpty() ? counts->total : counts->matching.value_or(-1);
}

}  // namespace

class TestFailureJobs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void exportWritesTheMatchingEntries();
    void exportNeverOverwrites_data();
    void exportNeverOverwrites();
    void retryOfWhatStillFailsCountsAnAttempt();
    void retryWritesWhatNowSucceedsOnce();
    void retryNeedsAllOrFilters();

private:
    QString socket() const { return m_dir.filePath(QStringLiteral("data/mtga.sock")); }
    CliRun mtga(const QStringList& arguments) const {
        return runMtga(withSocket(arguments, socket()));
    }

    std::unique_ptr<KafkaProcess> m_source;
    std::unique_ptr<KafkaProcess> m_output;
    QTemporaryDir m_dir;
    std::unique_ptr<ProcessRunner> m_worker;
    Expected m_expected;     // every kept event of both apps, once each, in the end
    qint64 m_app25 = 0;      // events of app 25, which has no settings at first
    qint64 m_app25Kept = 0;  // those of them its filter keeps
};

void TestFailureJobs::initTestCase() {
    if (onRealKafka()) {
        QSKIP("takes the output cluster's broker down: the embedded cluster's fault commands");
    }
    m_source = std::make_unique<KafkaProcess>(QStringLiteral("jobs:2"));
    m_output = std::make_unique<KafkaProcess>(QStringLiteral("out:1"));
    QVERIFY(m_source->start());
    QVERIFY(m_output->start());
    Traffic traffic = trafficOf("jobs", kEvents);
    traffic.appIds = {24, 25};
    m_expected = produce(m_source->bootstrap(), traffic);
    QVERIFY(!m_expected.pids.empty());
    const SampleEventGenerator generator(kTrafficSeed, traffic.appIds);
    for (uint64_t i = 0; i < kEvents; ++i) {
        const SampleEvent event = generator.event(i);
        if (event.appId == 25) {
            ++m_app25;
            m_app25Kept += event.logName == "log_logout" ? 0 : 1;
        }
    }
    QVERIFY(m_app25 > 100 && m_app25Kept < m_app25);

    WorkerConfig config = staticWorker(m_source->bootstrap(), QStringLiteral("jobs"), 2);
    config.appIds = {24};
    config.pipeline = QStringLiteral("  replay_backoff: 1h\n");  // no retry but the operator's
    config.sink = QStringLiteral(
                      "  type: kafka\n"
                      "  kafka_brokers: \"%1\"\n"
                      "  kafka_topic: out\n"
                      "  kafka_properties:\n"
                      "    message.timeout.ms: 3000\n")
                      .arg(QString::fromStdString(m_output->bootstrap()));
    const QString path = writeConfig(m_dir, config);
    m_worker = std::make_unique<ProcessRunner>(runArguments(path));
    QVERIFY(m_worker->start());
    QTRY_COMPARE_WITH_TIMEOUT(failureCount(socket()), m_app25, 60'000);
}

void TestFailureJobs::cleanupTestCase() {
    if (m_worker) {
        QVERIFY(stopCleanly(*m_worker, 30'000));
    }
}

void TestFailureJobs::exportWritesTheMatchingEntries() {
    const QString all = m_dir.filePath(QStringLiteral("all.jsonl"));
    const CliRun run = mtga(
        {QStringLiteral("failures"), QStringLiteral("export"), QStringLiteral("--output"), all});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QStringLiteral(": %1 entries").arg(m_app25)),
             qPrintable(run.out + run.err));
    const std::vector<QJsonObject> lines = jsonLinesOf(all);
    QCOMPARE(static_cast<qint64>(lines.size()), m_app25);
    std::set<std::pair<int, qint64>> coordinates;
    for (const QJsonObject& line : lines) {
        const auto record = FailureRecord::fromJson(line, QStringLiteral("line"));
        QVERIFY2(record, qPrintable(record ? QString() : record.error().message));
        QCOMPARE(record->reason, QStringLiteral("unknown_app"));
        QCOMPARE(record->appId, 25);
        QVERIFY(!record->payload.isEmpty());
        coordinates.insert({record->partition, record->offset});
    }
    QCOMPARE(static_cast<qint64>(coordinates.size()), m_app25);  // each entry once
    QCOMPARE(QFile(all).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());

    // A filter narrows it; a relative path is taken from the caller's folder.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir.path()));
    const CliRun narrowed =
        mtga({QStringLiteral("failures"), QStringLiteral("export"), QStringLiteral("--output"),
              QStringLiteral("p1.jsonl"), QStringLiteral("--topic"), QStringLiteral("jobs:1"),
              QStringLiteral("--json")});
    QVERIFY(QDir::setCurrent(previous));
    QCOMPARE(narrowed.exitCode, 0);
    const auto reply =
        FailureExportReply::fromJson(QJsonDocument::fromJson(narrowed.out.toUtf8()).object());
    QVERIFY2(reply, qPrintable(narrowed.out + narrowed.err));
    QCOMPARE(reply->path, m_dir.filePath(QStringLiteral("p1.jsonl")));
    const std::vector<QJsonObject> partition1 = jsonLinesOf(reply->path);
    QCOMPARE(static_cast<qint64>(partition1.size()), reply->exported);
    QVERIFY(reply->exported > 0 && reply->exported < m_app25);
    for (const QJsonObject& line : partition1) {
        QCOMPARE(line.value(QLatin1String("partition")).toInt(), 1);
    }
}

void TestFailureJobs::exportNeverOverwrites_data() {
    QTest::addColumn<QString>("name");  // under the test's folder; {abs} keeps it as given
    QTest::addColumn<QString>("message");
    QTest::newRow("a file that exists")
        << QStringLiteral("mtga.yml") << QStringLiteral("exists already");
    QTest::newRow("no such folder")
        << QStringLiteral("nowhere/x.jsonl") << QStringLiteral("does not exist");
    QTest::newRow("a folder") << QStringLiteral("settings") << QStringLiteral("exists already");
}

void TestFailureJobs::exportNeverOverwrites() {
    QFETCH(QString, name);
    QFETCH(QString, message);
    const QString path = m_dir.filePath(name);
    const QByteArray before = QFile::exists(path) ? [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }()
                                                  : QByteArray();
    const CliRun run = mtga(
        {QStringLiteral("failures"), QStringLiteral("export"), QStringLiteral("--output"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message) && run.err.contains(QLatin1String("[invalid_argument]")),
             qPrintable(run.err));
    if (!before.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }
    // The worker refuses a relative path itself (a client that sends one as it is).
    const auto relative = ControlClient::exportFailures(socket(), {}, QStringLiteral("x.jsonl"));
    QVERIFY(!relative);
    QCOMPARE(relative.error().codeName(), QStringLiteral("invalid_argument"));
}

void TestFailureJobs::retryOfWhatStillFailsCountsAnAttempt() {
    // App 25 still has no settings: every entry fails again, with one attempt more; only the
    // entries of partition 0 are tried.
    const CliRun run =
        mtga({QStringLiteral("failures"), QStringLiteral("retry"), QStringLiteral("--topic"),
              QStringLiteral("jobs:0"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const auto reply =
        FailureRetryReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
    QVERIFY2(reply, qPrintable(run.out + run.err));
    QVERIFY(reply->matched > 0 && reply->matched < m_app25);
    QCOMPARE(reply->stillFailing, reply->matched);
    QCOMPARE(reply->written, 0);
    QCOMPARE(failureCount(socket()), m_app25);

    const auto page = ControlClient::failurePage(socket(), {}, {}, 1000);
    QVERIFY(page);
    qint64 retried = 0;
    for (const FailureRecord& entry : page->entries) {
        QCOMPARE(entry.attempts, entry.partition == 0 ? 2 : 1);
        retried += entry.partition == 0 ? 1 : 0;
    }
    QCOMPARE(retried, reply->matched);
}

void TestFailureJobs::retryWritesWhatNowSucceedsOnce() {
    // App 25's settings come while the output is away: the reload's replay is refused by the
    // output and the entries wait as the sink's (the timer waits an hour). The output comes
    // back, and the operator's retry writes them, once each.
    QVERIFY(m_output->command("down 1"));
    const QString settings = m_dir.filePath(QStringLiteral("settings/"));
    QVERIFY(QFile::copy(settings + QStringLiteral("metadata.24.json"),
                        settings + QStringLiteral("metadata.25.json")));
    QVERIFY(QFile::copy(settings + QStringLiteral("filter.24.json"),
                        settings + QStringLiteral("filter.25.json")));
    QCOMPARE(mtga({QStringLiteral("reload")}).exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(failureCount(socket(), QStringLiteral("sink_unavailable")),
                              m_app25Kept, 60'000);
    QCOMPARE(failureCount(socket()), m_app25Kept);

    QVERIFY(m_output->command("up 1"));
    // Until the worker's producer is connected again, the output refuses what a retry gives
    // it: those entries fail again. An operator retries until none is left.
    qint64 written = 0;
    for (int attempt = 0; attempt < 20 && written < m_app25Kept; ++attempt) {
        const CliRun run =
            mtga({QStringLiteral("failures"), QStringLiteral("retry"), QStringLiteral("--reason"),
                  QStringLiteral("sink_unavailable"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(run.out + run.err));
        const auto reply =
            FailureRetryReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
        QVERIFY2(reply, qPrintable(run.out + run.err));
        QCOMPARE(reply->matched, m_app25Kept - written);
        QCOMPARE(reply->written + reply->stillFailing + reply->filtered, reply->matched);
        written += reply->written;
        QCOMPARE(failureCount(socket()), m_app25Kept - written);
        if (written < m_app25Kept) {
            QTest::qWait(1000);
        }
    }
    QCOMPARE(written, m_app25Kept);
    QTRY_COMPARE_WITH_TIMEOUT(failureCount(socket()), 0, 30'000);

    auto records =
        PartitionReader::readAll(m_output->bootstrap(), "out", m_expected.pids.size() + 1, 20'000);
    QVERIFY(records);
    std::map<std::string, int> seen;
    for (const KafkaRecord& record : records.value()) {
        ++seen[pidOf(record.value)];
    }
    QCOMPARE(records->size(), m_expected.pids.size());
    for (const std::string& pid : m_expected.pids) {
        QCOMPARE(seen[pid], 1);
    }
}

void TestFailureJobs::retryNeedsAllOrFilters() {
    const CliRun bare = mtga({QStringLiteral("failures"), QStringLiteral("retry")});
    QCOMPARE(bare.exitCode, 2);
    QVERIFY2(bare.err.contains(QLatin1String("--all")), qPrintable(bare.err));
    const CliRun both =
        mtga({QStringLiteral("failures"), QStringLiteral("retry"), QStringLiteral("--all"),
              QStringLiteral("--reason"), QStringLiteral("bad_json")});
    QCOMPARE(both.exitCode, 2);
    const CliRun foreign =
        mtga({QStringLiteral("failures"), QStringLiteral("list"), QStringLiteral("--all")});
    QCOMPARE(foreign.exitCode, 2);
    const auto raw = ControlClient::call(socket(), QStringLiteral("retry_failures"), {});
    QVERIFY(!raw);
    QCOMPARE(raw.error().codeName(), QStringLiteral("invalid_argument"));
    const CliRun all =
        mtga({QStringLiteral("failures"), QStringLiteral("retry"), QStringLiteral("--all")});
    QCOMPARE(all.exitCode, 0);
    QVERIFY2(all.out.contains(QLatin1String("0 matched")), qPrintable(all.out));
}

QTEST_MAIN(TestFailureJobs)
#include "tst_failurejobs.moc"
