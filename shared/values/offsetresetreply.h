#pragma once

// The results of the offset-reset commands (docs/protocol.md): OffsetResetReply for
// `reset_offsets` and `undo_reset` (per partition: where it is, where it goes, what that skips or
// replays; refused partitions with the reason), and ResetJournal for `reset_journal` (the applied
// resets, newest first, with who made them and every partition's before and after).

#include "shared/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace mtga {

struct ResetRow {
    QString topic;
    int partition = 0;
    qint64 low = -1;  // as the cluster said just now; -1: unknown
    qint64 high = -1;
    qint64 current = -1;       // the next offset the worker processes; -1: unknown
    qint64 checkpointed = -1;  // where a restart would resume; -1: none yet
    qint64 next = -1;          // the new position; -1 when refused
    std::optional<qint64> lagAfter;
    qint64 skipped = 0;   // messages between current and next that will never be processed
    qint64 replayed = 0;  // messages before current that will be processed again
    QString clamped;      // "low" or "high" when the target was outside the log; empty otherwise
    QString refusedCode;  // an ErrorCode name when this partition cannot be reset; empty if it can
    QString refusedMessage;

    bool refused() const { return !refusedCode.isEmpty(); }
    QJsonObject toJson() const;
    static Result<ResetRow> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const ResetRow&) const = default;
};

struct OffsetResetReply {
    bool dryRun = true;
    QString target;  // the request's `to`
    std::vector<ResetRow> partitions;
    std::optional<qint64> journalId;  // the applied reset's journal entry
    std::optional<qint64> undoes;     // undo_reset: the entry it undoes
    // Applied, but the group did not take the commit: the next checkpoint commits again.
    QString groupCommitError;

    QJsonObject toJson() const;
    static Result<OffsetResetReply> fromJson(const QJsonObject& json);
    bool operator==(const OffsetResetReply&) const = default;
};

struct ResetJournalPartition {
    QString topic;
    int partition = 0;
    qint64 before = -1;  // the position before the reset; -1: was not known
    qint64 after = -1;

    QJsonObject toJson() const;
    static Result<ResetJournalPartition> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const ResetJournalPartition&) const = default;
};

struct ResetJournalEntry {
    qint64 id = 0;
    qint64 timeMs = 0;
    qint64 uid = -1;
    qint64 pid = -1;
    QString target;
    QJsonObject request;           // the reset's arguments as given
    std::optional<qint64> undoes;  // an undo_reset: the entry it undid
    std::vector<ResetJournalPartition> partitions;

    QJsonObject toJson() const;
    static Result<ResetJournalEntry> fromJson(const QJsonObject& json, const QString& path);
    bool operator==(const ResetJournalEntry&) const = default;
};

struct ResetJournal {
    std::vector<ResetJournalEntry> entries;  // newest first

    QJsonObject toJson() const;
    static Result<ResetJournal> fromJson(const QJsonObject& json);
    bool operator==(const ResetJournal&) const = default;
};

}  // namespace mtga
