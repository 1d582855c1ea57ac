// Store's offset-reset journal: one entry per applied reset, keyed by its id (20 decimal digits,
// so keys sort as the ids do), written in the checkpoint batch that sets the new offsets.

#include "worker/store/store.h"

#include <rocksdb/db.h>

#include <memory>

namespace mtga {
namespace {

Error journalError(const rocksdb::Status& status) {
    return Error::of(ErrorCode::StoreError, Store::tr("cannot read the offset-reset journal: %1")
                                                .arg(QString::fromStdString(status.ToString())));
}

}  // namespace

std::string Store::resetKey(int64_t id) {
    std::string key = std::to_string(id);
    return std::string(20 - std::min<size_t>(key.size(), 20), '0') + key;
}

Result<int64_t> Store::lastResetId() const {
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_resets));
    it->SeekToLast();
    if (!it->status().ok()) {
        return journalError(it->status());
    }
    return it->Valid() ? std::stoll(it->key().ToString()) : 0;
}

Result<std::vector<std::pair<int64_t, std::string>>> Store::resetJournal(size_t limit) const {
    std::vector<std::pair<int64_t, std::string>> entries;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_resets));
    for (it->SeekToLast(); it->Valid() && entries.size() < limit; it->Prev()) {
        entries.emplace_back(std::stoll(it->key().ToString()), it->value().ToString());
    }
    if (!it->status().ok()) {
        return journalError(it->status());
    }
    return entries;
}

Result<std::optional<std::string>> Store::resetJournalEntry(int64_t id) const {
    std::string value;
    const rocksdb::Status status =
        m_db->Get(rocksdb::ReadOptions(), m_resets, resetKey(id), &value);
    if (status.IsNotFound()) {
        return std::optional<std::string>();
    }
    if (!status.ok()) {
        return journalError(status);
    }
    return std::optional<std::string>(std::move(value));
}

}  // namespace mtga
