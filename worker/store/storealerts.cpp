// Store's alert history: one value per alert (its JSON), keyed by its id in big-endian so keys
// sort as ids do; the oldest beyond kKeptAlerts is deleted with each new one.

#include "worker/store/store.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>

namespace mtga {
namespace {

std::string alertKey(int64_t id) {
    std::string key(8, '\0');
    for (int i = 0; i < 8; ++i) {
        key[static_cast<size_t>(i)] =
            static_cast<char>((static_cast<uint64_t>(id) >> (56 - 8 * i)) & 0xff);
    }
    return key;
}

int64_t idOf(const rocksdb::Slice& key) {
    uint64_t id = 0;
    for (size_t i = 0; i < key.size() && i < 8; ++i) {
        id = (id << 8) | static_cast<unsigned char>(key[i]);
    }
    return static_cast<int64_t>(id);
}

Error historyError(const rocksdb::Status& status) {
    return Error::of(ErrorCode::StoreError, Store::tr("cannot read the alert history: %1")
                                                .arg(QString::fromStdString(status.ToString())));
}

}  // namespace

Result<int64_t> Store::lastAlertId() const {
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_alerts));
    it->SeekToLast();
    if (!it->status().ok()) {
        return historyError(it->status());
    }
    return it->Valid() ? idOf(it->key()) : 0;
}

Result<void> Store::putAlert(int64_t id, const std::string& json) {
    rocksdb::WriteBatch batch;
    batch.Put(m_alerts, alertKey(id), json);
    if (id > kKeptAlerts) {
        batch.Delete(m_alerts, alertKey(id - kKeptAlerts));
    }
    const rocksdb::Status status = m_db->Write(rocksdb::WriteOptions(), &batch);
    if (!status.ok()) {
        return Error::of(ErrorCode::StoreError,
                         tr("%1: cannot write the alert history: %2")
                             .arg(m_path, QString::fromStdString(status.ToString())));
    }
    return {};
}

Result<std::vector<std::string>> Store::alerts(size_t limit) const {
    std::vector<std::string> values;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_alerts));
    for (it->SeekToLast(); it->Valid() && values.size() < limit; it->Prev()) {
        values.push_back(it->value().ToString());
    }
    if (!it->status().ok()) {
        return historyError(it->status());
    }
    return values;
}

}  // namespace mtga
