#pragma once

// RecoverySet: events already in the output files whose offsets no checkpoint covers, so they
// may be consumed again: the lines of the files' tails found after a crash, and the lines of a
// batch the output took only partly before the worker gave up on it. An event is skipped, once,
// when it comes again. The set is kept in the store with every checkpoint and forgotten once
// every assigned partition is past its horizon, an offset at or past which none of its events
// lies. Horizons are offsets, never line counts: filtered and failed messages use offsets and
// leave no line.

#include "worker/source/watermarkmonitor.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace mtga {

// Where a partition stands, for the horizon check.
struct PartitionPosition {
    TopicPartition partition;
    int64_t next = -1;  // the next offset to process; -1: unknown yet
    int64_t high = -1;  // the High watermark as seen by this process; -1: unknown
};

// Lines are remembered by their identity (EventIdentity::ofLine).
class RecoverySet {
public:
    // Identities saved by an earlier run (the store's `recovery.identities`), one per line.
    void load(std::string_view saved);
    // A line of a file's tail found at start: which partition it came from is not known.
    void addTailLine(std::string_view line);
    // A line this run wrote at `offset` of `partition` but could not acknowledge.
    void addWrittenLine(std::string_view line, const TopicPartition& partition, int64_t offset);
    // A line this run wrote, of a partition whose horizon the caller raises (raiseHorizon).
    void remember(std::string_view line);
    // None of the remembered events of `partition` lies at or past `next`.
    void raiseHorizon(const TopicPartition& partition, int64_t next);

    bool empty() const { return m_identities.empty(); }
    size_t size() const { return m_size; }
    // Whether the line is remembered; a remembered line is forgotten now (it comes again once).
    bool take(std::string_view line);

    // Forgets every identity once each of `positions` (the assigned partitions) is past its
    // horizon; true when it did. The horizon of events of unknown partitions (tails found at
    // start) is the first High watermark seen after the start: the previous run consumed them,
    // so they lie below any High this run sees.
    bool expire(const std::vector<PartitionPosition>& positions);

    // Changed since the last save (what a checkpoint must write).
    bool dirty() const { return m_dirty; }
    void markSaved() { m_dirty = false; }
    std::string serialize() const;

private:
    // With uuids off, two events can make the same line: each copy is skipped once.
    std::unordered_map<std::string, uint32_t> m_identities;
    size_t m_size = 0;
    // Past these, no identity of a known partition lies (one past its newest line).
    std::map<TopicPartition, int64_t> m_horizons;
    bool m_unknownPartitions = false;  // identities from tails (or an earlier run)
    std::map<TopicPartition, int64_t> m_highAfterStart;
    bool m_dirty = false;
};

}  // namespace mtga
