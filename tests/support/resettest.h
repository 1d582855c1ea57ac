#pragma once

// What the offset-reset tests share: a topic on the embedded Kafka (or a real broker), traffic
// produced so that every event's partition and offset are known, a running `mtga run` assigned
// some of the partitions statically, and the output checked per event against how many times a
// reset should have it written.

#include "shared/result.h"
#include "shared/values/offsetresetreply.h"
#include "shared/values/partitionrow.h"
#include "tests/support/processrunner.h"
#include "tests/support/workertest.h"

#include <QString>
#include <QTemporaryDir>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mtga::test {

class ResetBench {
public:
    ResetBench(const QString& topic, int partitions);

    bool startKafka();
    // Produces `count` more events (a multiple of the partitions, event i to partition
    // i % partitions) in `calls` produce calls of a fresh producer each: more calls make smaller
    // message batches on the broker.
    bool produce(uint64_t count, int calls = 1);
    // Of what produce() makes from now on, this many per thousand are invalid (the failure queue).
    void setInvalidPerMille(int perMille) { m_invalidPerMille = perMille; }
    // Starts `mtga run` assigned partitions 0..owned-1; `kafkaLines` go into the kafka section.
    // Again after the worker exited: the same folder, store and output.
    bool startWorker(int owned, const QString& kafkaLines = {});
    // Changes the worker's configuration before startWorker() writes it.
    void configure(std::function<void(WorkerConfig&)> edit) { m_edit = std::move(edit); }
    // Whether every owned partition has processed and checkpointed all it holds.
    bool caughtUp() const;
    bool waitCaughtUp(int timeoutMs) const;

    KafkaProcess& kafka() { return m_kafka; }
    ProcessRunner& worker() { return *m_worker; }
    QString topic() const { return m_topic; }
    QString socket() const;
    QString config() const { return m_config; }
    QString out() const;
    QString dir() const { return m_dir.path(); }
    Result<OffsetsReply> offsets() const;
    // The position of `partition` now; -1 when unknown.
    qint64 currentOf(int partition) const;

    // The kept events (those that leave a line) of `partition` at offsets [from, to).
    std::vector<std::string> pidsAt(int partition, qint64 from, qint64 to) const;
    // Every kept event of the owned partitions, once.
    std::map<std::string, int> onceEach() const;

private:
    QString m_topic;
    int m_partitions;
    int m_owned = 0;
    KafkaProcess m_kafka;
    QTemporaryDir m_dir;
    QString m_config;
    std::unique_ptr<ProcessRunner> m_worker;
    std::function<void(WorkerConfig&)> m_edit;
    int m_invalidPerMille = 0;
    std::vector<std::string> m_pids;  // by generator index: the kept event's pid, or empty
};

// A reply row as a worker would plan it: checkpointed 50 behind current, skipped/replayed and
// the lag after from the offsets, `clamped` as given.
ResetRow resetRowOf(const QString& topic, int partition, qint64 low, qint64 high, qint64 current,
                    qint64 next, const char* clamped = "");

// Whether the output holds each event of `times` that many times and nothing else; says what
// differs when not.
bool writtenTimes(const QString& out, const std::map<std::string, int>& times);

// Every `#uuid` each event's lines carry: a replayed event must carry the one it had.
std::map<std::string, std::set<std::string>> uuidsByPid(const QString& out);

}  // namespace mtga::test
