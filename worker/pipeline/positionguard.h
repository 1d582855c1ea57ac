#pragma once

// PositionGuard: keeps each partition's position within its log, and never silently. A stored
// position below Low (retention deleted events before they were read) goes on at Low and the
// lost events are reported; so are events deleted while the worker lags. A position the log no
// longer reaches (the topic was recreated, an unclean election lost data) stops that partition
// rather than reading the whole log again or skipping what is new. Reports go to the log, the
// audit log and the self-check `log_position`. Called on the source thread only.

#include "worker/source/kafkasource.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mtga {

class PositionGuard {
    Q_DECLARE_TR_FUNCTIONS(PositionGuard)

public:
    struct Hooks {
        std::function<void(const std::string& kind, const std::string& detailsJson)> audit;
        std::function<void(bool ok, const QString& detail)> finding;
        // Low and High asked of the cluster now; nullopt when it does not answer.
        std::function<std::optional<Watermarks>(const TopicPartition&)> askWatermarks;
        std::function<void(const TopicPartition&)> stop;  // stop fetching the partition
    };

    struct Partition {
        TopicPartition key;
        int64_t next = -1;  // the offset expected next; -1: not known yet
        bool stopped = false;
        qint64 lastAskedMs = 0;  // when Low was last asked for after a jump
        // One past the last offset handed to the pipeline; -1: none since the assignment.
        int64_t admittedNext = -1;
    };

    explicit PositionGuard(Hooks hooks);

    void assigned(const std::vector<StartOffsetDecision>& decisions);
    void revoked(const std::vector<TopicPartition>& partitions);
    // An operator moved the partition (reset_offsets): it goes on at `next`, whatever it was
    // before, and what was reported about it is settled.
    void repositioned(const TopicPartition& partition, int64_t next);
    // The state of an assigned partition (nullptr when it is not assigned), for admit().
    Partition* find(const TopicPartition& partition);
    // Whether the message at `offset` is taken: not for a stopped partition, nor one that went
    // back behind its position.
    bool admit(Partition& partition, int64_t offset);
    // What an operator must know, one line per partition; empty when all is well.
    const QStringList& problems() const { return m_problems; }

    // What the health monitor needs of the guard's findings; from any thread.
    struct Alarm {
        int64_t lost = 0;      // events deleted before they were read, since the assignment
        bool stopped = false;  // the log does not reach the position: not read
    };
    std::map<TopicPartition, Alarm> alarms() const;

private:
    void report(const QString& problem, const std::string& kind, const std::string& json);
    void gap(Partition& partition, int64_t from, int64_t to, int64_t resumedAt);

    void stopReading(Partition& partition);

    Hooks m_hooks;
    std::map<TopicPartition, Partition> m_partitions;
    QStringList m_problems;
    mutable std::mutex m_alarmMutex;
    std::map<TopicPartition, Alarm> m_alarms;
};

}  // namespace mtga
