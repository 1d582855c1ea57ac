#pragma once

// Store: the worker's durable state in RocksDB, one column family per concern: checkpoints (next
// offset per topic-partition, committed length of every output file), the failure queue, the
// audit log and metadata. A checkpoint is one synced WriteBatch, so after a crash the state is
// that of one checkpoint or the next, never a mix.

#include "shared/failurecodes.h"
#include "shared/result.h"
#include "worker/kafka/topicpartition.h"
#include "worker/store/failurefilter.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace mtga {

// An output file as the last checkpoint knew it: LogBus may have read up to `length`.
struct FileRecord {
    QString path;
    qint64 length = 0;
};

// A message (or one record of it) that could not become a TA event, with what an operator needs.
struct FailureEntry {
    std::string topic;
    int32_t partition = 0;
    int64_t offset = 0;
    uint32_t index = 0;  // record within the message
    int appId = -1;
    std::string logName;
    FailureStage stage = FailureStage::Decode;
    FailureReason reason = FailureReason::InvalidJson;  // stored as "code"
    // A stored name this build does not know (an entry of a newer worker): the enum beside it
    // means nothing then, and the name is written back as it was read.
    std::optional<std::string> unknownStage;
    std::optional<std::string> unknownReason;
    std::string message;
    std::string field;
    int64_t firstTimeMs = 0;
    int64_t lastTimeMs = 0;
    uint32_t attempts = 1;
    std::string payload;  // the whole raw message value

    std::string key() const;  // sorts by topic, partition, offset, index
    bool isStage(FailureStage known) const { return !unknownStage && stage == known; }
    // An unknown reason is never transient: it is not tried on the timer.
    bool isTransient() const { return !unknownReason && mtga::isTransient(reason); }
};

// A failure-queue entry as the store holds it: compact JSON, the payload in base64. Decoding
// gives nullopt for a value that is not a JSON object.
std::string encodeFailure(const FailureEntry& entry);
std::optional<FailureEntry> decodeFailure(std::string_view value);

// One page of a filtered read of the failure queue.
struct FailureScan {
    std::vector<FailureEntry> entries;
    std::string nextKey;  // the first matching key after the page; empty when there is none
};

// An entry a filtered clear removed: what the pipeline's view of the queue must forget.
struct RemovedFailure {
    std::string key;
    bool transient = false;
};

struct CheckpointBatch {
    std::map<TopicPartition, int64_t> nextOffsets;
    std::vector<FileRecord> files;
    std::vector<FailureEntry> failures;         // added or updated
    std::vector<std::string> resolvedFailures;  // keys to remove (replayed successfully)
    std::vector<QString> closedFiles;           // files no longer tracked
    // Metadata written in the same batch (an empty value deletes the key): the recovery state
    // must change together with the file lengths it complements.
    std::map<std::string, std::string> meta;
    // An applied offset reset's journal entry (id, JSON), with the offsets it set.
    std::optional<std::pair<int64_t, std::string>> resetJournal;
};

struct AuditEntry {
    int64_t timeMs = 0;
    std::string kind;     // start, stop, checkpoint_mismatch, reset_offsets, clear_failures...
    std::string details;  // one JSON object
};

class Store {
    Q_DECLARE_TR_FUNCTIONS(Store)

public:
    // Opens (or creates) the store; `sync` makes every write durable before it returns.
    static Result<std::unique_ptr<Store>> open(const QString& path, bool sync);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const QString& path() const { return m_path; }

    // Checkpoints.
    Result<void> commit(const CheckpointBatch& batch);
    // The readers fail (code store_error) on an I/O error: a scan cut short must not look like
    // fewer checkpoints, files or entries.
    Result<std::map<TopicPartition, int64_t>> nextOffsets() const;
    Result<std::vector<FileRecord>> files() const;
    // A new output file, recorded (length 0) before its first byte is written, so recovery
    // knows every file that may hold a tail.
    Result<void> recordNewFile(const QString& path);

    // Failure queue.
    uint64_t failureCount() const;
    Result<std::vector<FailureEntry>> failures(size_t limit,
                                               const std::string& afterKey = {}) const;
    Result<uint64_t> clearFailures();
    Result<void> removeFailures(const std::vector<std::string>& keys);
    // Filtered reads (storefailures.cpp): each scan has its own RocksDB iterator, so they take
    // no lock and may run beside the pipeline. `fromKey` is the first key to look at.
    Result<FailureScan> failurePage(const FailureFilter& filter, const std::string& fromKey,
                                    size_t limit) const;
    Result<uint64_t> countFailures(const FailureFilter& filter) const;
    // By stored reason name (a newer worker's names as they are).
    Result<std::map<std::string, uint64_t>> failureCountsByReason() const;
    // Removes the matching entries in one write. Only for the pipeline (FailureReplayer::clear):
    // its view of the queue must forget them in the same step.
    Result<std::vector<RemovedFailure>> removeFailures(const FailureFilter& filter);

    // Audit log (append-only, newest last).
    Result<void> audit(const std::string& kind, const std::string& detailsJson);
    Result<std::vector<AuditEntry>> auditLog(size_t lastN) const;

    // The offset-reset journal (storejournal.cpp): entries are written with the checkpoint
    // batch that applies them; ids count up from 1.
    int64_t takeResetId() { return m_nextResetId++; }
    // The last `limit` entries, newest first, as (id, JSON).
    Result<std::vector<std::pair<int64_t, std::string>>> resetJournal(size_t limit) const;
    Result<std::optional<std::string>> resetJournalEntry(int64_t id) const;

    // Health records (storehealth.cpp): the health monitor's, one value per partition. Written
    // without a sync: a turn lost in a crash costs a sample, never an event.
    Result<void> putHealth(const std::vector<std::pair<TopicPartition, std::string>>& records);
    Result<std::map<TopicPartition, std::string>> healthRecords() const;
    // The newest offset reset's id (0 before the first): a position that moves while it changes
    // was moved by an operator.
    int64_t resetSerial() const { return m_nextResetId.load() - 1; }

    // Alert history (storealerts.cpp): one JSON per alert, by id (counting up from 1); the
    // newest kKeptAlerts are kept. Unsynced, as the health records.
    static constexpr int64_t kKeptAlerts = 10'000;
    int64_t takeAlertId() { return m_nextAlertId++; }
    Result<void> putAlert(int64_t id, const std::string& json);
    // The newest `limit`, newest first.
    Result<std::vector<std::string>> alerts(size_t limit) const;

    // Metadata (instance name, format version...).
    // Empty when the key is not set.
    Result<std::optional<std::string>> meta(const std::string& key) const;
    Result<void> setMeta(const std::string& key, const std::string& value);

private:
    Store() = default;
    Result<void> write(rocksdb::WriteBatch& batch);

    QString m_path;
    bool m_sync = true;
    std::unique_ptr<rocksdb::DB> m_db;
    std::vector<rocksdb::ColumnFamilyHandle*> m_handles;  // owned; destroyed before m_db
    rocksdb::ColumnFamilyHandle* m_checkpoints = nullptr;
    rocksdb::ColumnFamilyHandle* m_failures = nullptr;
    rocksdb::ColumnFamilyHandle* m_audit = nullptr;
    rocksdb::ColumnFamilyHandle* m_meta = nullptr;
    rocksdb::ColumnFamilyHandle* m_resets = nullptr;
    rocksdb::ColumnFamilyHandle* m_health = nullptr;
    rocksdb::ColumnFamilyHandle* m_alerts = nullptr;
    std::atomic<int64_t> m_nextAlertId{1};
    Result<int64_t> lastAlertId() const;  // 0 when there is none
    std::atomic<int64_t> m_nextResetId{1};
    Result<int64_t> lastResetId() const;  // 0 when there is none
    static std::string resetKey(int64_t id);
    bool hasFailure(const std::string& key) const;
    // Calls visit(key, entry) for the matching entries from `fromKey` on, until it returns false.
    template <typename Visit>
    Result<void> scanFailures(const FailureFilter& filter, const std::string& fromKey,
                              Visit&& visit) const;

    // Several threads audit (source, checkpoint, control); the count is read by `status`.
    std::atomic<uint64_t> m_auditSequence{0};
    std::atomic<int64_t> m_failureCount{0};
};

}  // namespace mtga
