// Store's filtered reads and deletes of the failure queue (the control commands' side of it).

#include "worker/store/store.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

namespace mtga {
namespace {

Error scanError(const rocksdb::Status& status) {
    return Error::of(ErrorCode::StoreError, Store::tr("cannot read the failure queue: %1")
                                                .arg(QString::fromStdString(status.ToString())));
}

bool startsWith(const rocksdb::Slice& key, const std::string& prefix) {
    return key.starts_with(rocksdb::Slice(prefix));
}

}  // namespace

template <typename Visit>
Result<void> Store::scanFailures(const FailureFilter& filter, const std::string& fromKey,
                                 Visit&& visit) const {
    const std::string prefix = filter.keyPrefix();
    // Its own iterator sees one snapshot, and takes no lock a checkpoint needs.
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_failures));
    it->Seek(fromKey > prefix ? fromKey : prefix);
    for (; it->Valid() && startsWith(it->key(), prefix); it->Next()) {
        const auto entry = decodeFailure(it->value().ToStringView());
        if (entry && filter.matches(*entry) && !visit(it->key().ToString(), *entry)) {
            break;
        }
    }
    if (!it->status().ok()) {
        return scanError(it->status());
    }
    return {};
}

Result<FailureScan> Store::failurePage(const FailureFilter& filter, const std::string& fromKey,
                                       size_t limit) const {
    FailureScan page;
    auto scanned = scanFailures(filter, fromKey, [&](std::string key, const FailureEntry& entry) {
        if (page.entries.size() == limit) {
            page.nextKey = std::move(key);
            return false;
        }
        page.entries.push_back(entry);
        return true;
    });
    if (!scanned) {
        return scanned.error();
    }
    return page;
}

Result<uint64_t> Store::countFailures(const FailureFilter& filter) const {
    uint64_t count = 0;
    auto scanned = scanFailures(filter, {}, [&](const std::string&, const FailureEntry&) {
        ++count;
        return true;
    });
    if (!scanned) {
        return scanned.error();
    }
    return count;
}

Result<std::map<std::string, uint64_t>> Store::failureCountsByReason() const {
    std::map<std::string, uint64_t> counts;
    auto scanned = scanFailures({}, {}, [&](const std::string&, const FailureEntry& entry) {
        ++counts[entry.unknownReason ? *entry.unknownReason
                                     : std::string(failureReasonName(entry.reason))];
        return true;
    });
    if (!scanned) {
        return scanned.error();
    }
    return counts;
}

Result<std::vector<RemovedFailure>> Store::removeFailures(const FailureFilter& filter) {
    std::vector<RemovedFailure> removed;
    rocksdb::WriteBatch batch;
    auto scanned = scanFailures(filter, {}, [&](std::string key, const FailureEntry& entry) {
        batch.Delete(m_failures, key);
        removed.push_back({std::move(key), entry.isTransient()});
        return true;
    });
    if (!scanned) {
        return scanned.error();  // nothing removed: a partial clear would look like a whole one
    }
    if (removed.empty()) {
        return removed;
    }
    if (auto written = write(batch); !written) {
        return written.error();
    }
    m_failureCount -= static_cast<int64_t>(removed.size());
    return removed;
}

}  // namespace mtga
