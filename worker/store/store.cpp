#include "worker/store/store.h"

#include <QByteArray>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>

Q_LOGGING_CATEGORY(lcStore, "mtga.store", QtInfoMsg)

namespace mtga {
namespace {

constexpr const char* kFormatVersion = "1";
constexpr char kOffsetPrefix = 'o';
constexpr char kFilePrefix = 'f';

void appendBigEndian(std::string& out, uint64_t value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
        out += static_cast<char>((value >> (8 * i)) & 0xff);
    }
}

uint64_t readBigEndian(std::string_view in, size_t at, int bytes) {
    uint64_t value = 0;
    for (int i = 0; i < bytes; ++i) {
        value = (value << 8) | static_cast<unsigned char>(in[at + static_cast<size_t>(i)]);
    }
    return value;
}

std::string offsetKey(const TopicPartition& tp) {
    std::string key(1, kOffsetPrefix);
    key += tp.topic;
    key += '\0';
    appendBigEndian(key, static_cast<uint32_t>(tp.partition), 4);
    return key;
}

std::string fileKey(const QString& path) {
    return kFilePrefix + path.toStdString();
}

std::string encodeInt(int64_t value) {
    std::string out;
    appendBigEndian(out, static_cast<uint64_t>(value), 8);
    return out;
}

int64_t decodeInt(std::string_view value) {
    return value.size() == 8 ? static_cast<int64_t>(readBigEndian(value, 0, 8)) : 0;
}

QString nameText(const std::optional<std::string>& unknown, std::string_view known) {
    const std::string_view name = unknown ? std::string_view(*unknown) : known;
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

}  // namespace

std::string encodeFailure(const FailureEntry& entry) {
    const QJsonObject object{
        {QStringLiteral("topic"), QString::fromStdString(entry.topic)},
        {QStringLiteral("partition"), entry.partition},
        {QStringLiteral("offset"), static_cast<qint64>(entry.offset)},
        {QStringLiteral("index"), static_cast<qint64>(entry.index)},
        {QStringLiteral("app_id"), entry.appId},
        {QStringLiteral("log_name"), QString::fromStdString(entry.logName)},
        {QStringLiteral("stage"), nameText(entry.unknownStage, failureStageName(entry.stage))},
        {QStringLiteral("code"), nameText(entry.unknownReason, failureReasonName(entry.reason))},
        {QStringLiteral("message"), QString::fromStdString(entry.message)},
        {QStringLiteral("field"), QString::fromStdString(entry.field)},
        {QStringLiteral("first_time_ms"), static_cast<qint64>(entry.firstTimeMs)},
        {QStringLiteral("last_time_ms"), static_cast<qint64>(entry.lastTimeMs)},
        {QStringLiteral("attempts"), static_cast<qint64>(entry.attempts)},
        // Payloads may be binary (snappy): base64 keeps the record valid JSON for export.
        {QStringLiteral("payload"),
         QString::fromLatin1(QByteArray::fromStdString(entry.payload).toBase64())},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact).toStdString();
}

std::optional<FailureEntry> decodeFailure(std::string_view value) {
    const QJsonObject object =
        QJsonDocument::fromJson(QByteArray(value.data(), static_cast<qsizetype>(value.size())))
            .object();
    if (object.isEmpty()) {
        return std::nullopt;
    }
    FailureEntry entry;
    entry.topic = object.value(QStringLiteral("topic")).toString().toStdString();
    entry.partition = object.value(QStringLiteral("partition")).toInt();
    entry.offset = object.value(QStringLiteral("offset")).toInteger();
    entry.index = static_cast<uint32_t>(object.value(QStringLiteral("index")).toInteger());
    entry.appId = object.value(QStringLiteral("app_id")).toInt(-1);
    entry.logName = object.value(QStringLiteral("log_name")).toString().toStdString();
    std::string stage = object.value(QStringLiteral("stage")).toString().toStdString();
    if (const auto known = parseFailureStage(stage)) {
        entry.stage = *known;
    } else {
        entry.unknownStage = std::move(stage);
    }
    std::string reason = object.value(QStringLiteral("code")).toString().toStdString();
    if (const auto known = parseFailureReason(reason)) {
        entry.reason = *known;
    } else {
        entry.unknownReason = std::move(reason);
    }
    entry.message = object.value(QStringLiteral("message")).toString().toStdString();
    entry.field = object.value(QStringLiteral("field")).toString().toStdString();
    entry.firstTimeMs = object.value(QStringLiteral("first_time_ms")).toInteger();
    entry.lastTimeMs = object.value(QStringLiteral("last_time_ms")).toInteger();
    entry.attempts = static_cast<uint32_t>(object.value(QStringLiteral("attempts")).toInteger());
    entry.payload =
        QByteArray::fromBase64(object.value(QStringLiteral("payload")).toString().toLatin1())
            .toStdString();
    return entry;
}

namespace {

Error storeError(const QString& what, const rocksdb::Status& status) {
    return Error::of(ErrorCode::StoreError, what.arg(QString::fromStdString(status.ToString())));
}

}  // namespace

std::string FailureEntry::key() const {
    std::string key = topic;
    key += '\0';
    appendBigEndian(key, static_cast<uint32_t>(partition), 4);
    appendBigEndian(key, static_cast<uint64_t>(offset), 8);
    appendBigEndian(key, index, 4);
    return key;
}

Result<std::unique_ptr<Store>> Store::open(const QString& path, bool sync) {
    if (!QDir().mkpath(path)) {
        return Error::of(ErrorCode::StoreError, tr("%1: cannot create the store folder").arg(path));
    }
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    options.paranoid_checks = true;
    options.max_open_files = 256;
    options.keep_log_file_num = 5;
    const std::array<std::string, 8> names{rocksdb::kDefaultColumnFamilyName,
                                           "checkpoints",
                                           "failures",
                                           "audit",
                                           "meta",
                                           "resets",
                                           "health",
                                           "alerts"};
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const std::string& name : names) {
        rocksdb::ColumnFamilyOptions family;
        family.compression = rocksdb::kSnappyCompression;  // payloads in the failure queue
        families.emplace_back(name, family);
    }
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    store->m_sync = sync;
    rocksdb::DB* db = nullptr;
    const rocksdb::Status status =
        rocksdb::DB::Open(options, path.toStdString(), families, &store->m_handles, &db);
    if (!status.ok()) {
        return storeError(tr("%1: cannot open the store: %2").arg(path), status);
    }
    store->m_db.reset(db);
    store->m_checkpoints = store->m_handles[1];
    store->m_failures = store->m_handles[2];
    store->m_audit = store->m_handles[3];
    store->m_meta = store->m_handles[4];
    store->m_resets = store->m_handles[5];
    store->m_health = store->m_handles[6];
    store->m_alerts = store->m_handles[7];
    if (auto last = store->lastResetId(); !last) {
        return last.error();
    } else {
        store->m_nextResetId = last.value() + 1;
    }
    if (auto last = store->lastAlertId(); !last) {
        return last.error();
    } else {
        store->m_nextAlertId = last.value() + 1;
    }

    const auto stored = store->meta("format_version");
    if (!stored) {
        return stored.error();
    }
    const std::optional<std::string>& version = stored.value();
    if (!version) {
        if (auto written = store->setMeta("format_version", kFormatVersion); !written) {
            return written.error();
        }
    } else if (*version != kFormatVersion) {
        return Error::of(
            ErrorCode::StoreError,
            tr("%1: store format %2 is not the supported format %3")
                .arg(path, QString::fromStdString(*version), QString::fromLatin1(kFormatVersion)));
    }
    // Continue the audit sequence after the newest entry.
    std::unique_ptr<rocksdb::Iterator> it(
        store->m_db->NewIterator(rocksdb::ReadOptions(), store->m_audit));
    it->SeekToLast();
    if (it->Valid() && it->key().size() == 16) {
        store->m_auditSequence = readBigEndian(it->key().ToStringView(), 8, 8) + 1;
    }
    if (!it->status().ok()) {
        return storeError(tr("%1: cannot read the audit log: %2").arg(path), it->status());
    }
    // Counted once here, then kept up to date by every write, so `status` never scans.
    std::unique_ptr<rocksdb::Iterator> failures(
        store->m_db->NewIterator(rocksdb::ReadOptions(), store->m_failures));
    for (failures->SeekToFirst(); failures->Valid(); failures->Next()) {
        ++store->m_failureCount;
    }
    if (!failures->status().ok()) {
        return storeError(tr("%1: cannot read the failure queue: %2").arg(path),
                          failures->status());
    }
    qCInfo(lcStore, "store open at %s", qUtf8Printable(path));
    return store;
}

Store::~Store() {
    if (m_db) {
        for (rocksdb::ColumnFamilyHandle* handle : m_handles) {
            m_db->DestroyColumnFamilyHandle(handle);
        }
        m_handles.clear();
        m_db->Close();
    }
}

Result<void> Store::write(rocksdb::WriteBatch& batch) {
    rocksdb::WriteOptions options;
    options.sync = m_sync;
    const rocksdb::Status status = m_db->Write(options, &batch);
    if (!status.ok()) {
        qCCritical(lcStore, "store write failed: %s", status.ToString().c_str());
        return storeError(tr("%1: store write failed: %2").arg(m_path), status);
    }
    return {};
}

Result<void> Store::commit(const CheckpointBatch& checkpoint) {
    rocksdb::WriteBatch batch;
    for (const auto& [tp, offset] : checkpoint.nextOffsets) {
        batch.Put(m_checkpoints, offsetKey(tp), encodeInt(offset));
    }
    for (const FileRecord& file : checkpoint.files) {
        batch.Put(m_checkpoints, fileKey(file.path), encodeInt(file.length));
    }
    for (const QString& path : checkpoint.closedFiles) {
        batch.Delete(m_checkpoints, fileKey(path));
    }
    // Deletes first: when a key is both resolved and failed again in one checkpoint (replayed,
    // then refused by the sink), the later Put wins and the entry stays.
    std::map<std::string, bool> present;  // failure keys this batch touches -> there afterwards
    for (const std::string& key : checkpoint.resolvedFailures) {
        batch.Delete(m_failures, key);
        present.emplace(key, false);
    }
    for (const FailureEntry& entry : checkpoint.failures) {
        const std::string key = entry.key();
        batch.Put(m_failures, key, encodeFailure(entry));
        present[key] = true;
    }
    int64_t countChange = 0;
    for (const auto& [key, after] : present) {
        countChange += static_cast<int64_t>(after) - static_cast<int64_t>(hasFailure(key));
    }
    if (checkpoint.resetJournal) {
        batch.Put(m_resets, resetKey(checkpoint.resetJournal->first),
                  checkpoint.resetJournal->second);
    }
    for (const auto& [key, value] : checkpoint.meta) {
        if (value.empty()) {
            batch.Delete(m_meta, key);
        } else {
            batch.Put(m_meta, key, value);
        }
    }
    if (auto written = write(batch); !written) {
        return written;
    }
    m_failureCount += countChange;
    return {};
}

bool Store::hasFailure(const std::string& key) const {
    std::string value;
    return m_db->Get(rocksdb::ReadOptions(), m_failures, key, &value).ok();
}

Result<std::map<TopicPartition, int64_t>> Store::nextOffsets() const {
    std::map<TopicPartition, int64_t> offsets;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_checkpoints));
    for (it->Seek(std::string(1, kOffsetPrefix)); it->Valid() && it->key()[0] == kOffsetPrefix;
         it->Next()) {
        const std::string_view key = it->key().ToStringView();
        const size_t zero = key.find('\0', 1);
        if (zero == std::string_view::npos || key.size() != zero + 5) {
            continue;
        }
        const TopicPartition tp{std::string(key.substr(1, zero - 1)),
                                static_cast<int32_t>(readBigEndian(key, zero + 1, 4))};
        offsets[tp] = decodeInt(it->value().ToStringView());
    }
    // An I/O error ends the scan like the last key would: it must not look like fewer
    // checkpoints (those partitions would start over).
    if (!it->status().ok()) {
        return storeError(tr("cannot read the checkpoints: %1"), it->status());
    }
    return offsets;
}

Result<std::vector<FileRecord>> Store::files() const {
    std::vector<FileRecord> files;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_checkpoints));
    for (it->Seek(std::string(1, kFilePrefix)); it->Valid() && it->key()[0] == kFilePrefix;
         it->Next()) {
        const std::string_view key = it->key().ToStringView();
        files.push_back({QString::fromUtf8(key.data() + 1, static_cast<qsizetype>(key.size() - 1)),
                         decodeInt(it->value().ToStringView())});
    }
    if (!it->status().ok()) {
        return storeError(tr("cannot read the file records: %1"), it->status());
    }
    return files;
}

Result<void> Store::recordNewFile(const QString& path) {
    rocksdb::WriteBatch batch;
    batch.Put(m_checkpoints, fileKey(path), encodeInt(0));
    return write(batch);
}

uint64_t Store::failureCount() const {
    return static_cast<uint64_t>(std::max<int64_t>(m_failureCount.load(), 0));
}

Result<std::vector<FailureEntry>> Store::failures(size_t limit, const std::string& afterKey) const {
    std::vector<FailureEntry> entries;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_failures));
    if (afterKey.empty()) {
        it->SeekToFirst();
    } else {
        it->Seek(afterKey);
        if (it->Valid() && it->key().ToStringView() == afterKey) {
            it->Next();
        }
    }
    for (; it->Valid() && entries.size() < limit; it->Next()) {
        if (auto entry = decodeFailure(it->value().ToStringView())) {
            entries.push_back(std::move(*entry));
        }
    }
    if (!it->status().ok()) {
        return storeError(tr("cannot read the failure queue: %1"), it->status());
    }
    return entries;
}

Result<uint64_t> Store::clearFailures() {
    rocksdb::WriteBatch batch;
    uint64_t count = 0;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_failures));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
        batch.Delete(m_failures, it->key());
        ++count;
    }
    if (!it->status().ok()) {
        return storeError(tr("cannot read the failure queue: %1"), it->status());
    }
    if (auto written = write(batch); !written) {
        return written.error();
    }
    m_failureCount -= static_cast<int64_t>(count);
    return count;
}

Result<void> Store::removeFailures(const std::vector<std::string>& keys) {
    rocksdb::WriteBatch batch;
    int64_t removed = 0;
    for (const std::string& key : keys) {
        removed += hasFailure(key) ? 1 : 0;
        batch.Delete(m_failures, key);
    }
    if (auto written = write(batch); !written) {
        return written;
    }
    m_failureCount -= removed;
    return {};
}

Result<void> Store::audit(const std::string& kind, const std::string& detailsJson) {
    std::string key;
    appendBigEndian(key, static_cast<uint64_t>(QDateTime::currentMSecsSinceEpoch()), 8);
    appendBigEndian(key, m_auditSequence++, 8);
    rocksdb::WriteBatch batch;
    batch.Put(m_audit, key, kind + '\n' + detailsJson);
    return write(batch);
}

Result<std::vector<AuditEntry>> Store::auditLog(size_t lastN) const {
    std::vector<AuditEntry> entries;
    std::unique_ptr<rocksdb::Iterator> it(m_db->NewIterator(rocksdb::ReadOptions(), m_audit));
    for (it->SeekToLast(); it->Valid() && entries.size() < lastN; it->Prev()) {
        const std::string_view value = it->value().ToStringView();
        const size_t newline = value.find('\n');
        AuditEntry entry;
        entry.timeMs = static_cast<int64_t>(readBigEndian(it->key().ToStringView(), 0, 8));
        entry.kind = std::string(value.substr(0, newline));
        entry.details = newline == std::string_view::npos ? std::string()
                                                          : std::string(value.substr(newline + 1));
        entries.push_back(std::move(entry));
    }
    if (!it->status().ok()) {
        return storeError(tr("cannot read the audit log: %1"), it->status());
    }
    std::reverse(entries.begin(), entries.end());
    return entries;
}

Result<std::optional<std::string>> Store::meta(const std::string& key) const {
    std::string value;
    const rocksdb::Status status = m_db->Get(rocksdb::ReadOptions(), m_meta, key, &value);
    if (status.IsNotFound()) {
        return std::optional<std::string>();
    }
    if (!status.ok()) {
        return storeError(tr("cannot read the store's metadata: %1"), status);
    }
    return std::optional<std::string>(std::move(value));
}

Result<void> Store::setMeta(const std::string& key, const std::string& value) {
    rocksdb::WriteBatch batch;
    batch.Put(m_meta, key, value);
    return write(batch);
}

}  // namespace mtga
