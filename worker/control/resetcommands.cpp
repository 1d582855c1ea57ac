#include "worker/control/resetcommands.h"

#include "shared/commands.h"

namespace mtga {
namespace {

constexpr qint64 kDefaultJournalLimit = 20;
constexpr qint64 kMaxJournalLimit = 1000;

ResetAuthor authorOf(const ControlPeer& peer) {
    return peer.known ? ResetAuthor{peer.uid, peer.pid} : ResetAuthor{};
}

Pipeline::ResetDone replyWith(ControlReply reply) {
    return [reply](Result<OffsetResetReply> done) {
        if (!done) {
            reply.send(done.error());
            return;
        }
        reply.send(ResetCommands::replyJson(done.value()));
    };
}

}  // namespace

QJsonObject ResetCommands::replyJson(const OffsetResetReply& reply) {
    QJsonObject json = reply.toJson();
    if (!reply.dryRun) {
        QJsonObject before;
        QJsonObject after;
        for (const ResetRow& row : reply.partitions) {
            const QString key = partitionRefText({row.topic, row.partition});
            before.insert(key, row.current);
            after.insert(key, row.next);
        }
        json.insert(QStringLiteral("before"), before);
        json.insert(QStringLiteral("after"), after);
    }
    return json;
}

void ResetCommands::registerOn(ControlServer& server, PipelineLookup pipeline) {
    server.registerDeferredCommand(
        QString(kResetOffsetsCommand), [pipeline](const QJsonObject& args, ControlReply reply) {
            auto request = OffsetResetRequest::fromArgs(args);
            if (!request) {
                reply.send(request.error());
                return;
            }
            const auto current = pipeline();
            if (!current) {
                reply.send(current.error());
                return;
            }
            if (auto started = current.value()->resetOffsets(
                    std::move(request).value(), authorOf(reply.peer()), replyWith(reply));
                !started) {
                reply.send(started.error());
            }
        });
    server.registerDeferredCommand(
        QString(kUndoResetCommand), [pipeline](const QJsonObject& args, ControlReply reply) {
            const auto current = pipeline();
            if (!current) {
                reply.send(current.error());
                return;
            }
            const QJsonValue id = args.value(QLatin1String("id"));
            const std::optional<int64_t> entry =
                id.isDouble() ? std::optional<int64_t>(id.toInteger()) : std::nullopt;
            if (auto started = current.value()->undoReset(
                    entry, args.value(QLatin1String("dry_run")).toBool(true),
                    authorOf(reply.peer()), replyWith(reply));
                !started) {
                reply.send(started.error());
            }
        });
    server.registerCommand(
        QString(kResetJournalCommand), [pipeline](const QJsonObject& args) -> Result<QJsonObject> {
            const qint64 limit = args.value(QLatin1String("limit")).toInteger(kDefaultJournalLimit);
            if (limit < 1 || limit > kMaxJournalLimit) {
                return Error::of(ErrorCode::InvalidArgument,
                                 tr("limit must be from 1 to %1").arg(kMaxJournalLimit));
            }
            const auto current = pipeline();
            if (!current) {
                return current.error();
            }
            auto journal = current.value()->resetJournal(static_cast<size_t>(limit));
            if (!journal) {
                return journal.error();
            }
            return journal->toJson();
        });
}

}  // namespace mtga
