// Where each kind of reset target lands: earliest, latest, an offset, a date-time, a duration,
// a shift, a CSV file, clamped at the log's ends or refused with --strict. Two batches of
// events 3 s apart give a date-time with a known answer. On a real broker, every dry run is
// compared with Kafka's own `kafka-consumer-groups --reset-offsets --dry-run` for the group.

#include "shared/controlclient.h"
#include "tests/support/controltest.h"
#include "tests/support/resettest.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

#include <memory>

using namespace mtga;
using namespace mtga::test;

namespace {

constexpr int kPartitions = 3;
constexpr qint64 kFirstBatch = 100;  // messages per partition in each batch
constexpr qint64 kHigh = 2 * kFirstBatch;
// The realkafka registration runs these.
constexpr const char* kNoTimeLookups =
    "the embedded cluster (librdkafka 2.0.2's mock) answers every lookup by time with \"no "
    "message\", so a date-time lands at High there";

QString isoUtc(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

// The NEW-OFFSET column of kafka-consumer-groups' dry run, by partition.
std::map<int, qint64> newOffsetsOf(const QString& table) {
    std::map<int, qint64> offsets;
    for (const QString& line : table.split(QLatin1Char('\n'))) {
        const QStringList fields = line.simplified().split(QLatin1Char(' '));
        bool partitionOk = false;
        bool offsetOk = false;
        if (fields.size() == 4) {
            const int partition = fields[2].toInt(&partitionOk);
            const qint64 offset = fields[3].toLongLong(&offsetOk);
            if (partitionOk && offsetOk) {
                offsets[partition] = offset;
            }
        }
    }
    return offsets;
}

}  // namespace

class TestResetTargets : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void targetsLandWhereKafkaWould_data();
    void targetsLandWhereKafkaWould();
    void strictRefusesATargetOutsideTheLog();
    void fileNamingAnUnknownPartitionIsRefused();
    void datetimeAppliedReplaysFromThere();

private:
    // `{T}` becomes the time between the batches, `{D}` the duration from it to now, `{F}` the
    // offsets file.
    QStringList expand(QStringList arguments) const;
    QString m_offsetsFile;
    qint64 m_between = 0;
    std::unique_ptr<ResetBench> m_bench;
};

void TestResetTargets::initTestCase() {
    m_bench = std::make_unique<ResetBench>(QStringLiteral("targets"), kPartitions);
    QVERIFY(m_bench->startKafka());
    QVERIFY(m_bench->produce(kFirstBatch * kPartitions));
    QTest::qWait(3000);
    m_between = QDateTime::currentMSecsSinceEpoch();
    QTest::qWait(3000);
    QVERIFY(m_bench->produce(kFirstBatch * kPartitions));
    QVERIFY(m_bench->startWorker(kPartitions));
    QVERIFY(m_bench->waitCaughtUp(60'000));
    m_offsetsFile = m_bench->dir() + QStringLiteral("/offsets.csv");
    QFile file(m_offsetsFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("targets,0,10\ntargets,1,20\ntargets,2,30\n");
}

void TestResetTargets::cleanupTestCase() {
    if (m_bench) {
        QVERIFY(stopCleanly(m_bench->worker(), 30'000));
    }
}

QStringList TestResetTargets::expand(QStringList arguments) const {
    const qint64 sinceBetween = QDateTime::currentMSecsSinceEpoch() - m_between;
    for (QString& argument : arguments) {
        argument.replace(QLatin1String("{T}"), isoUtc(m_between));
        argument.replace(QLatin1String("{T-1h}"), isoUtc(m_between - 3'600'000));
        argument.replace(QLatin1String("{T+1h}"), isoUtc(m_between + 3'600'000));
        argument.replace(
            QLatin1String("{D}"),
            QStringLiteral("PT%1S").arg(static_cast<double>(sinceBetween) / 1000.0, 0, 'f', 3));
        argument.replace(QLatin1String("{F}"), m_offsetsFile);
    }
    return arguments;
}

void TestResetTargets::targetsLandWhereKafkaWould_data() {
    QTest::addColumn<QStringList>("target");  // the same flags for both tools
    QTest::addColumn<QList<qint64>>("next");  // by partition
    QTest::addColumn<QString>("clamped");
    const auto row = [](const char* name, QStringList target, QList<qint64> next,
                        QString clamped = {}) { QTest::newRow(name) << target << next << clamped; };
    const qint64 h = kHigh;
    const qint64 b = kFirstBatch;
    row("earliest", {QStringLiteral("--to-earliest")}, {0, 0, 0});
    row("latest", {QStringLiteral("--to-latest")}, {h, h, h});
    row("offset", {QStringLiteral("--to-offset"), QStringLiteral("150")}, {150, 150, 150});
    row("offset past High", {QStringLiteral("--to-offset"), QStringLiteral("500")}, {h, h, h},
        QStringLiteral("high"));
    row("datetime between the batches", {QStringLiteral("--to-datetime"), QStringLiteral("{T}")},
        {b, b, b});
    row("datetime before the log", {QStringLiteral("--to-datetime"), QStringLiteral("{T-1h}")},
        {0, 0, 0});
    row("datetime after the log", {QStringLiteral("--to-datetime"), QStringLiteral("{T+1h}")},
        {h, h, h});
    row("duration back to between the batches",
        {QStringLiteral("--by-duration"), QStringLiteral("{D}")}, {b, b, b});
    row("shift back", {QStringLiteral("--shift-by"), QStringLiteral("-50")},
        {h - 50, h - 50, h - 50});
    row("shift past High", {QStringLiteral("--shift-by"), QStringLiteral("50")}, {h, h, h},
        QStringLiteral("high"));
    row("shift before Low", {QStringLiteral("--shift-by"), QStringLiteral("-500")}, {0, 0, 0},
        QStringLiteral("low"));
    row("from a file", {QStringLiteral("--from-file"), QStringLiteral("{F}")}, {10, 20, 30});
}

void TestResetTargets::targetsLandWhereKafkaWould() {
    QFETCH(QStringList, target);
    QFETCH(QList<qint64>, next);
    QFETCH(QString, clamped);
    const bool byTime = target.first() == QLatin1String("--to-datetime") ||
                        target.first() == QLatin1String("--by-duration");
    if (byTime && !m_bench->kafka().real()) {
        QSKIP(kNoTimeLookups);
    }
    const bool fromFile = target.first() == QLatin1String("--from-file");
    const QStringList scope =
        fromFile ? QStringList{}
                 : QStringList{QStringLiteral("--topic"), QStringLiteral("targets")};
    const QStringList arguments = expand(target) + scope;

    const CliRun run = runMtga(QStringList{QStringLiteral("reset_offsets"), QStringLiteral("-c"),
                                           m_bench->config(), QStringLiteral("--json")} +
                               arguments);
    QCOMPARE(run.exitCode, 0);
    const auto reply =
        OffsetResetReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
    QVERIFY2(reply, qPrintable(run.out + run.err));
    QVERIFY(reply->dryRun);
    QCOMPARE(reply->partitions.size(), size_t(kPartitions));
    std::map<int, qint64> mtgaOffsets;
    for (const ResetRow& row : reply->partitions) {
        QCOMPARE(row.next, next.at(row.partition));
        QCOMPARE(row.clamped, clamped);
        QCOMPARE(row.current, kHigh);
        QCOMPARE(row.replayed, kHigh - row.next);
        mtgaOffsets[row.partition] = row.next;
    }

    if (!m_bench->kafka().real()) {
        return;  // Kafka's own tool needs a real broker
    }
    const auto kafkas = m_bench->kafka().realKafka()->runTool(
        QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand"),
        QStringList{QStringLiteral("--group"), QStringLiteral("tests"),
                    QStringLiteral("--reset-offsets"), QStringLiteral("--dry-run")} +
            expand(target) + scope);
    QVERIFY2(kafkas, qPrintable(kafkas ? QString() : kafkas.error().message));
    QCOMPARE(newOffsetsOf(kafkas.value()), mtgaOffsets);
}

void TestResetTargets::strictRefusesATargetOutsideTheLog() {
    const CliRun run =
        runMtga({QStringLiteral("reset_offsets"), QStringLiteral("-c"), m_bench->config(),
                 QStringLiteral("--json"), QStringLiteral("--to-offset"), QStringLiteral("500"),
                 QStringLiteral("--topic"), QStringLiteral("targets:1"), QStringLiteral("--strict"),
                 QStringLiteral("--execute")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(QLatin1String("500")), qPrintable(run.out + run.err));
    const auto journal = ControlClient::resetJournal(m_bench->socket(), 10);
    QVERIFY(journal);
    QVERIFY(journal->entries.empty());
    QVERIFY(m_bench->caughtUp());

    OffsetResetRequest request;
    request.target = ResetTarget::Offset;
    request.offset = 500;
    request.partitions = {{QStringLiteral("targets"), 1}};
    request.strict = true;
    const auto preview = ControlClient::resetOffsets(m_bench->socket(), request);
    QVERIFY(preview);
    QCOMPARE(preview->partitions.at(0).refusedCode, QStringLiteral("out_of_range"));
    QCOMPARE(preview->partitions.at(0).next, -1);
}

void TestResetTargets::fileNamingAnUnknownPartitionIsRefused() {
    const QString path = m_bench->dir() + QStringLiteral("/unknown.csv");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("targets,0,10\ntargets,7,20\n");
    file.close();
    const CliRun run =
        runMtga({QStringLiteral("reset_offsets"), QStringLiteral("-c"), m_bench->config(),
                 QStringLiteral("--json"), QStringLiteral("--from-file"), path});
    QCOMPARE(run.exitCode, 1);
    const auto reply =
        OffsetResetReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
    QVERIFY2(reply, qPrintable(run.out + run.err));
    QCOMPARE(reply->partitions.size(), size_t(2));
    QVERIFY(!reply->partitions[0].refused());
    QCOMPARE(reply->partitions[1].partition, 7);
    QCOMPARE(reply->partitions[1].refusedCode, QStringLiteral("not_owned"));
}

void TestResetTargets::datetimeAppliedReplaysFromThere() {
    // Last: it moves partition 0, which the dry runs above expect at High.
    if (!m_bench->kafka().real()) {
        QSKIP(kNoTimeLookups);
    }
    const CliRun run = runMtga(
        expand({QStringLiteral("reset_offsets"), QStringLiteral("-c"), m_bench->config(),
                QStringLiteral("--to-datetime"), QStringLiteral("{T}"), QStringLiteral("--topic"),
                QStringLiteral("targets:0"), QStringLiteral("--execute")}));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(QLatin1String("targets")), qPrintable(run.out));
    std::map<std::string, int> times = m_bench->onceEach();
    for (const std::string& pid : m_bench->pidsAt(0, kFirstBatch, kHigh)) {
        ++times[pid];
    }
    QVERIFY(m_bench->waitCaughtUp(60'000));
    QTest::qWait(1000);
    QVERIFY(writtenTimes(m_bench->out(), times));
}

QTEST_MAIN(TestResetTargets)
#include "tst_resettargets.moc"
