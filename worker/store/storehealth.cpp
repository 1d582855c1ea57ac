// Store's health records: one value per partition (HealthRecord's encoding), keyed by topic,
// NUL and the partition in big-endian, overwritten at every turn of the health monitor.

#include "worker/store/store.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>

namespace mtga {
namespace {

std::string healthKey(const TopicPartition& partition) {
    std::string key = partition.topic;
    key += '\0';
    const auto number = static_cast<uint32_t>(partition.partition);
    for (int shift = 24; shift >= 0; shift -= 8) {
        key += static_cast<char>((number >> shift) & 0xff);
    }
    return key;
}

std::optional<TopicPartition> partitionOf(const std::string& key) {
    const size_t nul = key.find('\0');
    if (nul == std::string::npos || key.size() != nul + 5) {
        return std::nullopt;
    }
    uint32_t number = 0;
    for (size_t i = nul + 1; i < key.size(); ++i) {
        number = (number << 8) | static_cast<unsigned char>(key[i]);
    }
    return TopicPartition{key.substr(0, nul), static_cast<int32_t>(number)};
}

Error healthError(const rocksdb::Status& status) {
    return Error::of(ErrorCode::StoreError, Store::tr("cannot read the health records: %1")
                                                .arg(QString::fromStdString(status.ToString())));
}

}  // namespace

Result<void> Store::putHealth(const std::vector<std::pair<TopicPartition, std::string>>& records) {
    rocksdb::WriteBatch batch;
    for (const auto& [partition, value] : records) {
        batch.Put(m_health, healthKey(partition), value);
    }
    const rocksdb::Status status = m_db->Write(rocksdb::WriteOptions(), &batch);
    if (!status.ok()) {
        return Error::of(ErrorCode::StoreError,
                         tr("%1: cannot write the health records: %2")
                             .arg(m_path, QString::fromStdString(status.ToString())));
    }
    return {};
}

Result<std::map<TopicPartition, std::string>> Store::healthRecords() const {
    std::map<TopicPartition, std::string> records;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_health));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        if (const auto partition = partitionOf(it->key().ToString())) {
            records.emplace(*partition, it->value().ToString());
        }
    }
    if (!it->status().ok()) {
        return healthError(it->status());
    }
    return records;
}

}  // namespace mtga
