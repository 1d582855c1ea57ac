#include "tests/support/resettest.h"

#include "shared/controlclient.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

#include <set>

namespace mtga::test {

ResetBench::ResetBench(const QString& topic, int partitions)
    : m_topic(topic),
      m_partitions(partitions),
      m_kafka(QStringLiteral("%1:%2").arg(topic).arg(partitions)) {}

bool ResetBench::startKafka() {
    return m_dir.isValid() && m_kafka.start();
}

bool ResetBench::produce(uint64_t count, int calls) {
    const auto partitions = static_cast<uint64_t>(m_partitions);
    const uint64_t perCall = count / static_cast<uint64_t>(calls);
    if (calls < 1 || count % static_cast<uint64_t>(calls) != 0 || perCall % partitions != 0) {
        qWarning("produce: %llu events in %d calls do not split evenly over %d partitions",
                 static_cast<unsigned long long>(count), calls, m_partitions);
        return false;
    }
    for (int call = 0; call < calls; ++call) {
        Traffic traffic = trafficOf(m_topic.toStdString(), perCall, m_invalidPerMille);
        traffic.first = m_pids.size();
        if (test::produce(m_kafka.bootstrap(), traffic).highWatermarks.empty()) {
            qWarning("produce: events %llu.. were not all delivered",
                     static_cast<unsigned long long>(traffic.first));
            return false;
        }
        const std::vector<std::string> kept = keptPids(traffic);
        m_pids.insert(m_pids.end(), kept.begin(), kept.end());
    }
    return true;
}

bool ResetBench::startWorker(int owned, const QString& kafkaLines) {
    m_owned = owned;
    WorkerConfig config = staticWorker(m_kafka.bootstrap(), m_topic, owned);
    config.kafka += QStringLiteral("  watermark_refresh: 1s\n") + kafkaLines;
    config.checkpointInterval = QStringLiteral("200ms");
    if (m_edit) {
        m_edit(config);
    }
    m_config = writeConfig(m_dir, config);
    m_worker = std::make_unique<ProcessRunner>(runArguments(m_config));
    if (!m_worker->start()) {
        return false;
    }
    return QTest::qWaitFor(
        [&] { return m_worker->standardError().contains(QLatin1String("mtga is running")); },
        60'000);
}

bool ResetBench::caughtUp() const {
    const auto rows = offsets();
    if (!rows || rows->partitions.size() != static_cast<size_t>(m_owned)) {
        return false;
    }
    for (const PartitionRow& row : rows->partitions) {
        const auto total = static_cast<qint64>(m_pids.size() / static_cast<size_t>(m_partitions));
        if (row.high != total || row.current != total || row.checkpointed != total) {
            return false;
        }
    }
    return true;
}

bool ResetBench::waitCaughtUp(int timeoutMs) const {
    if (QTest::qWaitFor([&] { return caughtUp(); }, timeoutMs)) {
        return true;
    }
    const auto rows = offsets();
    qWarning("not caught up: %s",
             rows ? qPrintable(QString::fromUtf8(QJsonDocument(rows->toJson()).toJson()))
                  : qPrintable(rows.error().message));
    return false;
}

QString ResetBench::socket() const {
    return m_dir.filePath(QStringLiteral("data/mtga.sock"));
}

QString ResetBench::out() const {
    return m_dir.filePath(QStringLiteral("out"));
}

Result<OffsetsReply> ResetBench::offsets() const {
    return ControlClient::offsets(socket(), std::chrono::seconds(5));
}

qint64 ResetBench::currentOf(int partition) const {
    const auto rows = offsets();
    if (rows) {
        for (const PartitionRow& row : rows->partitions) {
            if (row.partition == partition) {
                return row.current;
            }
        }
    }
    return -1;
}

std::vector<std::string> ResetBench::pidsAt(int partition, qint64 from, qint64 to) const {
    std::vector<std::string> pids;
    for (qint64 offset = std::max<qint64>(from, 0); offset < to; ++offset) {
        const auto index = static_cast<size_t>(offset * m_partitions + partition);
        if (index < m_pids.size() && !m_pids[index].empty()) {
            pids.push_back(m_pids[index]);
        }
    }
    return pids;
}

std::map<std::string, int> ResetBench::onceEach() const {
    std::map<std::string, int> times;
    for (size_t index = 0; index < m_pids.size(); ++index) {
        if (!m_pids[index].empty() && static_cast<int>(index % m_partitions) < m_owned) {
            times[m_pids[index]] = 1;
        }
    }
    return times;
}

ResetRow resetRowOf(const QString& topic, int partition, qint64 low, qint64 high, qint64 current,
                    qint64 next, const char* clamped) {
    ResetRow row;
    row.topic = topic;
    row.partition = partition;
    row.low = low;
    row.high = high;
    row.current = current;
    row.checkpointed = current < 0 ? -1 : current - 50;
    row.next = next;
    row.lagAfter = high - next;
    if (current >= 0) {
        row.skipped = std::max<qint64>(next - current, 0);
        row.replayed = std::max<qint64>(current - next, 0);
    }
    row.clamped = QString::fromLatin1(clamped);
    return row;
}

bool writtenTimes(const QString& out, const std::map<std::string, int>& times) {
    const OutputScan scan = scanOutput(out);
    size_t wrong = 0;
    size_t missing = 0;
    size_t unexpected = 0;
    std::string example;
    for (const auto& [pid, want] : times) {
        const auto found = scan.pids.find(pid);
        const int seen = found == scan.pids.end() ? 0 : found->second;
        missing += seen == 0 ? 1 : 0;
        wrong += seen != want && seen != 0 ? 1 : 0;
        if (seen != want && example.empty()) {
            example = pid + " seen " + std::to_string(seen) + ", wanted " + std::to_string(want);
        }
    }
    for (const auto& [pid, seen] : scan.pids) {
        unexpected += times.contains(pid) ? 0 : 1;
    }
    if (wrong + missing + unexpected == 0 && scan.allComplete) {
        return true;
    }
    qWarning(
        "%llu line(s), %zu distinct event(s), %zu expected: %zu missing, %zu written a wrong "
        "number of times, %zu not expected%s; e.g. %s",
        static_cast<unsigned long long>(scan.lines), scan.pids.size(), times.size(), missing, wrong,
        unexpected, scan.allComplete ? "" : ", a file ends mid-line", example.c_str());
    return false;
}

std::map<std::string, std::set<std::string>> uuidsByPid(const QString& out) {
    static const QRegularExpression uuid(QStringLiteral(R"re("#uuid":"([^"]+)")re"));
    std::map<std::string, std::set<std::string>> uuids;
    QDirIterator it(out, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        for (const QByteArray& line : file.readAll().split('\n')) {
            if (line.isEmpty()) {
                continue;
            }
            const std::string pid = pidOf(std::string_view(line.constData(), size_t(line.size())));
            const auto match = uuid.match(QString::fromUtf8(line));
            uuids[pid].insert(match.hasMatch() ? match.captured(1).toStdString() : std::string());
        }
    }
    return uuids;
}

}  // namespace mtga::test
