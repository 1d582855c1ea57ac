// The offset-reset journal's readers: `reset_journal`, and `undo_reset`, which is a reset to the
// offsets an entry recorded as "before".

#include "worker/pipeline/pipeline.h"

#include <QJsonDocument>

#include <set>

namespace mtga {
namespace {

Result<ResetJournalEntry> decodeEntry(int64_t id, const std::string& json) {
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json));
    if (!document.isObject()) {
        return Error::of(ErrorCode::StoreError,
                         Pipeline::tr("offset-reset journal entry %1 is not JSON").arg(id));
    }
    auto entry = ResetJournalEntry::fromJson(document.object(), QStringLiteral("entry"));
    if (!entry) {
        return Error::of(
            ErrorCode::StoreError,
            Pipeline::tr("offset-reset journal entry %1: %2").arg(id).arg(entry.error().message));
    }
    return entry;
}

// Far more than anyone resets by hand; undo looks this far back for an entry not undone yet.
constexpr size_t kJournalLookBack = 100'000;

}  // namespace

Result<ResetJournal> Pipeline::resetJournal(size_t limit) const {
    if (!m_store) {
        return Error::of(ErrorCode::PipelineStopped, tr("the pipeline is not running"));
    }
    auto stored = m_store->resetJournal(limit);
    if (!stored) {
        return stored.error();
    }
    ResetJournal journal;
    for (const auto& [id, json] : stored.value()) {
        auto entry = decodeEntry(id, json);
        if (!entry) {
            return entry.error();
        }
        journal.entries.push_back(std::move(entry).value());
    }
    return journal;
}

Result<OffsetResetRequest> Pipeline::undoRequest(std::optional<int64_t> id, bool dryRun,
                                                 int64_t* undoes) const {
    auto journal = resetJournal(kJournalLookBack);
    if (!journal) {
        return journal.error();
    }
    // Newest first: an undo hides itself and the entry it undid, so successive undos walk back.
    std::set<int64_t> undone;
    const ResetJournalEntry* chosen = nullptr;
    for (const ResetJournalEntry& entry : journal->entries) {
        if (entry.undoes) {
            undone.insert(*entry.undoes);
        }
        if (id && entry.id == *id) {
            if (undone.contains(entry.id)) {
                return Error::of(ErrorCode::NothingToUndo,
                                 tr("journal entry %1 is undone already").arg(entry.id));
            }
            chosen = &entry;
            break;
        }
        if (!id && !entry.undoes && !undone.contains(entry.id)) {
            chosen = &entry;
            break;
        }
    }
    if (!chosen) {
        return Error::of(ErrorCode::NothingToUndo,
                         id ? tr("the journal has no entry %1").arg(*id)
                            : tr("the journal has no applied reset that is not undone yet"));
    }
    OffsetResetRequest request;
    request.target = ResetTarget::Offsets;
    request.dryRun = dryRun;
    for (const ResetJournalPartition& partition : chosen->partitions) {
        if (partition.before >= 0) {
            request.offsets.push_back({{partition.topic, partition.partition}, partition.before});
        }
    }
    if (request.offsets.empty()) {
        return Error::of(
            ErrorCode::NothingToUndo,
            tr("journal entry %1 knows no partition's offset before it").arg(chosen->id));
    }
    *undoes = chosen->id;
    return request;
}

Result<void> Pipeline::undoReset(std::optional<int64_t> id, bool dryRun, ResetAuthor author,
                                 ResetDone done) {
    int64_t undoes = 0;
    auto request = undoRequest(id, dryRun, &undoes);
    if (!request) {
        return request.error();
    }
    return startReset([this, request = std::move(request).value(), author, undoes,
                       done = std::move(done)] { done(runReset(request, author, undoes)); });
}

}  // namespace mtga
