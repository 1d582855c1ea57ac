#include "worker/pipeline/positionguard.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPosition, "mtga.pipeline.position", QtInfoMsg)

namespace mtga {
namespace {

// Low is asked again after a jump at most this often: a compacted topic jumps all the time.
constexpr qint64 kAskEveryMs = 10'000;

std::string partitionJson(const TopicPartition& partition) {
    return "\"topic\":\"" + partition.topic +
           "\",\"partition\":" + std::to_string(partition.partition);
}

QString nameOf(const TopicPartition& partition) {
    return QStringLiteral("%1[%2]")
        .arg(QString::fromStdString(partition.topic))
        .arg(partition.partition);
}

}  // namespace

PositionGuard::PositionGuard(Hooks hooks) : m_hooks(std::move(hooks)) {}

void PositionGuard::assigned(const std::vector<StartOffsetDecision>& decisions) {
    for (const StartOffsetDecision& decision : decisions) {
        Partition& partition = m_partitions[decision.partition];
        partition = Partition{decision.partition, decision.chosen, false, 0};
        {
            std::lock_guard lock(m_alarmMutex);
            m_alarms[decision.partition] = Alarm{};
        }
        if (decision.belowLow()) {
            gap(partition, decision.chosen, decision.low, decision.low);
        } else if (decision.aboveHigh()) {
            stopReading(partition);
            report(tr("%1: the stored position %2 is past the end of the log (High %3): the "
                      "topic was recreated or lost data. This partition is not read until its "
                      "offset is reset.")
                       .arg(nameOf(decision.partition))
                       .arg(decision.chosen)
                       .arg(decision.high),
                   "position_above_high",
                   "{" + partitionJson(decision.partition) +
                       ",\"position\":" + std::to_string(decision.chosen) +
                       ",\"high\":" + std::to_string(decision.high) + "}");
        }
    }
    if (m_problems.isEmpty()) {
        m_hooks.finding(true, tr("every stored position lies within its log"));
    }
}

void PositionGuard::revoked(const std::vector<TopicPartition>& partitions) {
    std::lock_guard lock(m_alarmMutex);
    for (const TopicPartition& partition : partitions) {
        m_partitions.erase(partition);
        m_alarms.erase(partition);
    }
}

void PositionGuard::stopReading(Partition& partition) {
    partition.stopped = true;
    std::lock_guard lock(m_alarmMutex);
    m_alarms[partition.key].stopped = true;
}

std::map<TopicPartition, PositionGuard::Alarm> PositionGuard::alarms() const {
    std::lock_guard lock(m_alarmMutex);
    return m_alarms;
}

void PositionGuard::repositioned(const TopicPartition& key, int64_t next) {
    const auto it = m_partitions.find(key);
    if (it == m_partitions.end()) {
        return;
    }
    it->second.next = next;
    it->second.stopped = false;
    {
        std::lock_guard lock(m_alarmMutex);
        m_alarms[key].stopped = false;
    }
    const QString prefix = nameOf(key) + QStringLiteral(": ");
    const qsizetype before = m_problems.size();
    m_problems.removeIf([&](const QString& problem) { return problem.startsWith(prefix); });
    if (m_problems.size() == before) {
        return;
    }
    if (m_problems.isEmpty()) {
        m_hooks.finding(true, tr("every stored position lies within its log"));
    } else {
        m_hooks.finding(false, m_problems.join(QLatin1Char(' ')));
    }
}

PositionGuard::Partition* PositionGuard::find(const TopicPartition& partition) {
    const auto it = m_partitions.find(partition);
    return it == m_partitions.end() ? nullptr : &it->second;
}

bool PositionGuard::admit(Partition& partition, int64_t offset) {
    if (partition.stopped) {
        return false;
    }
    if (partition.next >= 0 && offset < partition.next) {
        // librdkafka resets a position the log does not reach to Low: the log went back.
        stopReading(partition);
        m_hooks.stop(partition.key);
        report(tr("%1: the log went back from offset %2 to %3 (the topic was recreated or lost "
                  "data). This partition is not read until its offset is reset.")
                   .arg(nameOf(partition.key))
                   .arg(partition.next)
                   .arg(offset),
               "log_rewound",
               "{" + partitionJson(partition.key) + ",\"position\":" +
                   std::to_string(partition.next) + ",\"offset\":" + std::to_string(offset) + "}");
        return false;
    }
    if (partition.next >= 0 && offset > partition.next) {
        // A jump: compaction and transaction markers make them too, so only a Low past the
        // position means events were deleted before they were read.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - partition.lastAskedMs >= kAskEveryMs) {
            partition.lastAskedMs = now;
            if (const auto marks = m_hooks.askWatermarks(partition.key);
                marks && marks->low > partition.next) {
                gap(partition, partition.next, std::min(marks->low, offset), offset);
            }
        }
    }
    partition.next = offset + 1;
    partition.admittedNext = offset + 1;
    return true;
}

void PositionGuard::gap(Partition& partition, int64_t from, int64_t to, int64_t resumedAt) {
    {
        std::lock_guard lock(m_alarmMutex);
        m_alarms[partition.key].lost += to - from;
    }
    report(tr("%1: %2 event(s) were deleted by retention before they were read (offsets %3 to "
              "%4); reading goes on at %5.")
               .arg(nameOf(partition.key))
               .arg(to - from)
               .arg(from)
               .arg(to - 1)
               .arg(resumedAt),
           "retention_gap",
           "{" + partitionJson(partition.key) + ",\"from\":" + std::to_string(from) +
               ",\"to\":" + std::to_string(to) + ",\"lost\":" + std::to_string(to - from) + "}");
}

void PositionGuard::report(const QString& problem, const std::string& kind,
                           const std::string& json) {
    qCCritical(lcPosition, "%s", qUtf8Printable(problem));
    m_hooks.audit(kind, json);
    m_problems << problem;
    constexpr qsizetype kKept = 20;  // a lagging worker under retention loses more, again
    if (m_problems.size() > kKept) {
        m_problems.remove(0, m_problems.size() - kKept);
    }
    m_hooks.finding(false, m_problems.join(QLatin1Char(' ')));
}

}  // namespace mtga
