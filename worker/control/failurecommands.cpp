#include "worker/control/failurecommands.h"

#include "shared/commands.h"
#include "shared/values/failurejobs.h"
#include "worker/control/failureexport.h"

namespace mtga {
namespace {

QString text(const std::string& value) {
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

QString nameText(const std::optional<std::string>& unknown, std::string_view known) {
    return unknown ? text(*unknown)
                   : QString::fromLatin1(known.data(), static_cast<qsizetype>(known.size()));
}

Result<Store*> openStore(const FailureCommands::PipelineLookup& lookup) {
    const auto pipeline = lookup();
    if (!pipeline) {
        return pipeline.error();
    }
    Store* store = pipeline.value()->storeIfOpen();
    if (store == nullptr) {
        return Error::of(ErrorCode::PipelineStopped,
                         FailureCommands::tr("the pipeline has not opened its store yet"));
    }
    return store;
}

template <typename Value>
Result<QJsonObject> jsonOf(const Result<Value>& value) {
    if (!value) {
        return value.error();
    }
    return value->toJson();
}

}  // namespace

void FailureCommands::registerOn(ControlServer& server, PipelineLookup pipeline) {
    server.registerCommand(QString(kFailureQueueCountCommand),
                           [pipeline](const QJsonObject& args) -> Result<QJsonObject> {
                               const auto store = openStore(pipeline);
                               if (!store) {
                                   return store.error();
                               }
                               return jsonOf(count(*store.value(), args));
                           });
    server.registerCommand(QString(kFailureQueueListCommand),
                           [pipeline](const QJsonObject& args) -> Result<QJsonObject> {
                               const auto store = openStore(pipeline);
                               if (!store) {
                                   return store.error();
                               }
                               return jsonOf(list(*store.value(), args));
                           });
    // On the failure-job thread: a clear takes the pipeline's state lock, which a long retry
    // holds, and the control thread (every client, the pushed stats) must never wait for it.
    server.registerDeferredCommand(
        QString(kClearFailureQueueCommand),
        [pipeline](const QJsonObject& args, ControlReply reply) {
            const auto current = pipeline();
            if (!current) {
                reply.send(current.error());
                return;
            }
            Pipeline* target = current.value();
            if (auto started = target->startFailureJob(
                    [target, args, reply] { reply.send(jsonOf(clear(*target, args))); });
                !started) {
                reply.send(started.error());
            }
        });
    server.registerDeferredCommand(
        QString(kRetryFailuresCommand), [pipeline](const QJsonObject& args, ControlReply reply) {
            auto filter = destructiveFilterOf(args);
            const auto current = pipeline();
            if (!filter || !current) {
                reply.send(!filter ? filter.error() : current.error());
                return;
            }
            Pipeline* target = current.value();
            if (auto started = target->startFailureJob([target, filter = filter.value(), reply] {
                    reply.send(retryReplyOf(target->retryFailures(filter)).toJson());
                });
                !started) {
                reply.send(started.error());
            }
        });
    server.registerDeferredCommand(
        QString(kExportFailuresCommand), [pipeline](const QJsonObject& args, ControlReply reply) {
            const auto query = FailureQuery::fromArgs(args);
            const QString path = args.value(QLatin1String("path")).toString();
            const auto checked = FailureExport::checkPath(path);
            const auto current = pipeline();
            const auto store = openStore(pipeline);
            if (!query || !checked || !current || !store) {
                reply.send(!query     ? query.error()
                           : !checked ? checked.error()
                           : !current ? current.error()
                                      : store.error());
                return;
            }
            Pipeline* target = current.value();
            if (auto started = target->startFailureJob(
                    [target, store = store.value(), filter = filterOf(query.value()), path, reply] {
                        reply.send(jsonOf(FailureExport::write(
                            *store, filter, path, [target] { return target->stopping(); })));
                    });
                !started) {
                reply.send(started.error());
            }
        });
}

Result<FailureFilter> FailureCommands::destructiveFilterOf(const QJsonObject& args) {
    const auto query = FailureQuery::fromArgs(args);
    if (!query) {
        return query.error();
    }
    const bool all = args.value(QLatin1String("all")).toBool(false);
    // A bare clear or retry must not touch the whole queue by accident: "all" says so, filters
    // narrow it.
    if (all == !query->isEmpty()) {
        return Error::of(ErrorCode::InvalidArgument,
                         all ? tr("\"all\" means every entry: give it without filters")
                             : tr("give \"all\": true, or filters (reason, stage, topic, "
                                  "partitions, since_ms, until_ms)"));
    }
    return filterOf(query.value());
}

FailureRetryReply FailureCommands::retryReplyOf(const FailureReplayer::Report& report) {
    FailureRetryReply reply;
    reply.matched = static_cast<qint64>(report.matched);
    reply.written = static_cast<qint64>(report.written);
    reply.filtered = static_cast<qint64>(report.filtered);
    reply.stillFailing = static_cast<qint64>(report.stillFailing);
    reply.outputError = report.outputError;
    return reply;
}

FailureFilter FailureCommands::filterOf(const FailureQuery& query) {
    FailureFilter filter;
    filter.reason = query.reason;
    filter.stage = query.stage;
    if (query.topic) {
        filter.topic = query.topic->toStdString();
    }
    filter.partitions.assign(query.partitions.begin(), query.partitions.end());
    filter.sinceMs = query.sinceMs;
    filter.untilMs = query.untilMs;
    return filter;
}

FailureRecord FailureCommands::recordOf(const FailureEntry& entry) {
    FailureRecord record;
    record.topic = text(entry.topic);
    record.partition = entry.partition;
    record.offset = entry.offset;
    record.index = entry.index;
    record.appId = entry.appId;
    record.logName = text(entry.logName);
    record.stage = nameText(entry.unknownStage, failureStageName(entry.stage));
    record.reason = nameText(entry.unknownReason, failureReasonName(entry.reason));
    record.message = text(entry.message);
    record.field = text(entry.field);
    record.attempts = entry.attempts;
    record.firstTimeMs = entry.firstTimeMs;
    record.lastTimeMs = entry.lastTimeMs;
    record.payload = QByteArray::fromStdString(entry.payload);
    return record;
}

Result<FailureCounts> FailureCommands::count(const Store& store, const QJsonObject& args) {
    const auto query = FailureQuery::fromArgs(args);
    if (!query) {
        return query.error();
    }
    FailureCounts counts;
    counts.total = static_cast<qint64>(store.failureCount());
    const auto byReason = store.failureCountsByReason();
    if (!byReason) {
        return byReason.error();
    }
    for (const auto& [reason, entries] : byReason.value()) {
        counts.byReason[text(reason)] = static_cast<qint64>(entries);
    }
    if (!query->isEmpty()) {
        const auto matching = store.countFailures(filterOf(query.value()));
        if (!matching) {
            return matching.error();
        }
        counts.matching = static_cast<qint64>(matching.value());
    }
    return counts;
}

Result<FailurePage> FailureCommands::list(const Store& store, const QJsonObject& args) {
    const auto query = FailureQuery::fromArgs(args);
    if (!query) {
        return query.error();
    }
    qint64 limit = FailureQuery::kDefaultLimit;
    if (const QJsonValue given = args.value(QLatin1String("limit")); given.isDouble()) {
        limit = given.toInteger();
        if (limit < 1 || limit > FailureQuery::kMaxLimit) {
            return Error::of(
                ErrorCode::InvalidArgument,
                tr("limit must be from 1 to %1, not %2").arg(FailureQuery::kMaxLimit).arg(limit));
        }
    }
    std::string from;
    if (const QJsonValue cursor = args.value(QLatin1String("cursor")); cursor.isString()) {
        const auto key = decodeFailureCursor(cursor.toString());
        if (!key) {
            return key.error();
        }
        from = key->toStdString();
    }
    const auto scan = store.failurePage(filterOf(query.value()), from, static_cast<size_t>(limit));
    if (!scan) {
        return scan.error();
    }
    FailurePage page;
    for (const FailureEntry& entry : scan->entries) {
        page.entries.push_back(recordOf(entry));
    }
    if (!scan->nextKey.empty()) {
        page.nextCursor = encodeFailureCursor(QByteArray::fromStdString(scan->nextKey));
    }
    return page;
}

Result<FailureClearReply> FailureCommands::clear(Pipeline& pipeline, const QJsonObject& args) {
    const auto filter = destructiveFilterOf(args);
    if (!filter) {
        return filter.error();
    }
    Store* store = pipeline.storeIfOpen();
    if (store == nullptr) {
        return Error::of(ErrorCode::PipelineStopped,
                         tr("the pipeline has not opened its store yet"));
    }
    FailureClearReply reply;
    const QJsonObject noFilter;
    auto before = count(*store, noFilter);
    if (!before) {
        return before.error();
    }
    reply.before = std::move(before).value();
    const auto removed = pipeline.clearFailures(filter.value());
    if (!removed) {
        return removed.error();
    }
    reply.removed = static_cast<qint64>(removed.value());
    auto after = count(*store, noFilter);
    if (!after) {
        return after.error();
    }
    reply.after = std::move(after).value();
    return reply;
}

}  // namespace mtga
