// The pipeline's work path: messages from the source into the per-worker queues, through the
// transform, into the sink, acknowledged line by line.

#include "worker/pipeline/pipeline.h"

#include "worker/pipeline/pipelineinternal.h"

#include <algorithm>

namespace mtga {

using namespace pipelineinternal;

bool Pipeline::messagesArrived(std::vector<KafkaMessage>& messages) {
    // Checked once, when a message goes into a queue (one offered again is not checked twice).
    // librdkafka purges a revoked partition's fetched messages asynchronously: a batch may
    // still bring some after the revoke, and that partition is another worker's now. A stopped
    // partition (its log went back) brings what was fetched before it stopped.
    size_t dropped = 0;
    const rd_kafka_topic_t* topic = nullptr;
    int32_t partition = -1;
    PositionGuard::Partition* position = nullptr;
    // The stretch of the current partition admitted in a row: its Kafka timestamps go to the
    // arrival clock once per stretch, not per message.
    ArrivalClock::Run run{0, -1, -1, -1};
    const auto flushRun = [&] {
        if (position != nullptr && run.last >= run.first) {
            m_arrivals.record(position->key, run);
        }
        run = ArrivalClock::Run{0, -1, -1, -1};
    };
    const auto admitted = [&](const KafkaMessage& message) {
        if (message->rkt != topic || message->partition != partition) {
            flushRun();
            topic = message->rkt;
            partition = message->partition;
            position = m_positions->find({rd_kafka_topic_name(topic), partition});
        }
        const bool admit = position != nullptr && m_positions->admit(*position, message->offset);
        dropped += admit ? 0 : 1;
        if (admit) {
            const int64_t timestamp = rd_kafka_message_timestamp(message.get(), nullptr);
            if (run.last < run.first) {
                run.first = message->offset;
                run.firstMs = timestamp;
            }
            run.last = message->offset;
            run.lastMs = timestamp;
        }
        return admit;
    };
    // A full queue is waited for a moment only: the source must keep serving rebalances while
    // the output is away, and it offers what stays here again.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(100);
    const bool open = m_queues->offer(messages, deadline, admitted);
    flushRun();
    if (dropped > 0) {
        qCInfo(lcPipeline, "%zu message(s) of partitions not assigned or stopped dropped", dropped);
    }
    return open;
}

void Pipeline::workerLoop(size_t index) {
    uint64_t generation = m_settings->generation();
    Transformer transformer(m_settings->current(), m_options.transform);
    TransformOutput output;
    WorkBatch work;
    SampleGate samples;
    std::vector<KafkaMessage> batch;
    while (true) {
        work.clear();
        // Whole batches per lock: one lock and one wake-up per batch, not per message. The
        // epoch is read under the queue's lock, which a revoke takes to drop the revoked
        // partitions' messages after bumping the epoch.
        if (!m_queues->take(index, kMaxBatchMessages, batch,
                            [&] { work.epoch = m_epoch.load(); })) {
            break;  // whatever is still queued is not acknowledged: it is consumed again
        }
        if (const uint64_t current = m_settings->generation(); current != generation) {
            generation = current;
            transformer.setSettings(m_settings->current());
        }
        for (const KafkaMessage& message : batch) {
            transformInto(transformer, output, *message, work);
            if (const int64_t now = nowMs(); samples.due(message->rkt, message->partition, now)) {
                m_samples.keep({rd_kafka_topic_name(message->rkt), message->partition},
                               message->offset, now,
                               {static_cast<const char*>(message->payload), message->len}, output);
            }
        }
        (void)apply(work);  // when it gives up, the batch comes again from Kafka
        const auto done = static_cast<int64_t>(batch.size());
        batch.clear();
        m_queues->done(done);
    }
}

void Pipeline::transformInto(Transformer& transformer, TransformOutput& output,
                             const rd_kafka_message_t& message, WorkBatch& work) {
    const std::string_view topic = rd_kafka_topic_name(message.rkt);
    const std::string_view value(static_cast<const char*>(message.payload), message.len);
    output.clear();
    transformer.transform({topic, message.partition, message.offset}, value, nowMs(), output);
    ++work.messages;
    const uint32_t slot = work.slotOf(topic, message.partition);
    for (const RecordOutcome& outcome : output.outcomes) {
        switch (outcome.kind) {
            case OutcomeKind::Ok:
                work.lines.push_back({slot, outcome.appId, message.offset, outcome.index,
                                      work.text.size(), outcome.lineEnd - outcome.lineBegin});
                work.text.append(output.text, outcome.lineBegin,
                                 outcome.lineEnd - outcome.lineBegin);
                break;
            case OutcomeKind::Filtered:
                ++work.filtered;
                work.filteredApps.push_back(outcome.appId);
                break;
            case OutcomeKind::Failed: {
                FailureEntry entry;
                entry.topic = std::string(topic);
                entry.partition = message.partition;
                entry.offset = message.offset;
                entry.index = outcome.index;
                entry.appId = outcome.appId;
                entry.logName = outcome.logName;
                entry.stage = outcome.stage;
                entry.reason = outcome.code;
                entry.message = outcome.message;
                entry.field = outcome.field;
                entry.firstTimeMs = entry.lastTimeMs = nowMs();
                entry.payload = std::string(value);
                work.failures.push_back(std::move(entry));
                work.failureSlots.push_back(slot);
                break;
            }
        }
    }
    // Messages of one partition come in offset order, so the last one is the progress.
    work.partitions[slot].next = message.offset + 1;
}

Result<SampleReply> Pipeline::sample(const TopicPartition& partition, size_t limit) const {
    const PipelineStats now = stats();
    const bool owned = std::any_of(
        now.partitions.begin(), now.partitions.end(),
        [&](const PartitionProgress& progress) { return progress.partition == partition; });
    if (!owned) {
        return Error::of(ErrorCode::NotOwned, tr("%1:%2 is not assigned to this worker")
                                                  .arg(QString::fromStdString(partition.topic))
                                                  .arg(partition.partition));
    }
    SampleReply reply;
    reply.topic = QString::fromStdString(partition.topic);
    reply.partition = partition.partition;
    reply.messages = m_samples.last(partition, limit);
    return reply;
}

bool Pipeline::apply(WorkBatch& work) {
    auto delay = std::chrono::milliseconds(100);
    bool retrying = false;
    while (true) {
        Error failure;
        int failedApp = -1;
        uint64_t epoch = 0;
        {
            std::lock_guard lock(m_stateMutex);
            if (tryApply(work, &failure, &failedApp)) {
                if (retrying) {
                    m_retryingWorkers.fetch_sub(1);
                    qCInfo(lcPipeline, "the output takes events again");
                }
                return true;
            }
            // What the output took stays in it; until the batch is acknowledged a checkpoint
            // (or a stop) records the files' lengths with those lines but not their offsets, so
            // the recovery set remembers them.
            using LineState = WorkBatch::LineState;
            for (WorkBatch::Line& line : work.lines) {
                if (line.state == LineState::Taken || line.state == LineState::Skipped) {
                    const WorkBatch::Partition& from = work.partitions[line.slot];
                    m_recovery.addWrittenLine(
                        std::string_view(work.text.data() + line.begin, line.size),
                        {std::string(from.topic), from.partition}, line.offset);
                    line.state = line.state == LineState::Taken ? LineState::Remembered
                                                                : LineState::SkippedRemembered;
                }
            }
            m_counters.lastError = failure.message;
            publishCounters();
            epoch = m_epoch.load();
        }
        if (!retrying) {
            retrying = true;
            m_retryingWorkers.fetch_add(1);
        }
        // Never acknowledge what is not written: wait and try again until the output is back.
        qCCritical(lcPipeline, "cannot write events of app %d (retrying in %lld ms): %s", failedApp,
                   static_cast<long long>(delay.count()), qUtf8Printable(failure.message));
        std::unique_lock lock(m_retryMutex);
        if (m_retryWake.wait_for(lock, delay,
                                 [&] { return m_abandon.load() || m_epoch.load() != epoch; }) &&
            m_abandon.load()) {
            m_retryingWorkers.fetch_sub(1);
            return false;  // stopping with the output still failing: not acknowledged
        }
        delay = std::min(delay * 2, kMaxRetryDelay);
    }
}

namespace {

Error partlyTaken(size_t bytes, size_t total, int appId) {
    return Error::of(ErrorCode::SinkSlow,
                     Pipeline::tr("the output took %1 of %2 bytes of app %3's events")
                         .arg(bytes)
                         .arg(total)
                         .arg(appId));
}

// The output took `bytes` of the lines' text: the whole lines among them are taken.
void markTaken(const std::vector<WorkBatch::Line*>& lines, size_t bytes) {
    size_t at = 0;
    for (WorkBatch::Line* line : lines) {
        at += line->size;
        if (at > bytes) {
            return;
        }
        line->state = WorkBatch::LineState::Taken;
    }
}

}  // namespace

bool Pipeline::tryApply(WorkBatch& work, Error* failure, int* failedApp) {
    using LineState = WorkBatch::LineState;
    if (!work.counted) {
        work.counted = true;
        m_counters.messages += work.messages;
        m_counters.filtered += work.filtered;
        m_counters.failed += work.failures.size();
        countByApp(work);
    }
    // A partition revoked since the batch was taken (or revoked and assigned again, when it
    // starts over from its checkpoint) is another owner's: nothing more of it is written.
    bool allOwned = true;
    for (WorkBatch::Partition& partition : work.partitions) {
        if (partition.owned) {
            const auto owned = m_owned.find({std::string(partition.topic), partition.partition});
            partition.owned = owned != m_owned.end() && owned->second <= work.epoch;
        }
        allOwned = allOwned && partition.owned;
    }
    const bool withOrigins = m_sink->wantsOrigins();
    bool oneApp = true;
    for (const WorkBatch::Line& line : work.lines) {
        oneApp = oneApp && line.appId == work.lines.front().appId;
    }
    // Usually every line of a batch is one app's, all pending: its text goes out as it is.
    if (oneApp && allOwned && !withOrigins && m_recovery.empty() && !work.lines.empty() &&
        work.lines.front().state == LineState::Pending) {
        *failedApp = work.lines.front().appId;
        const Result<size_t> written = m_sink->write(*failedApp, work.text, {});
        if (!written) {
            *failure = written.error();
            return false;
        }
        if (written.value() == work.text.size()) {
            for (WorkBatch::Line& line : work.lines) {
                line.state = LineState::Taken;
            }
            m_counters.bytesWritten += work.text.size();
            m_bytesSinceCheckpoint += static_cast<qint64>(work.text.size());
            acknowledge(work);
            return true;
        }
        std::vector<WorkBatch::Line*> lines;
        for (WorkBatch::Line& line : work.lines) {
            lines.push_back(&line);
        }
        markTaken(lines, written.value());
        *failure = partlyTaken(written.value(), work.text.size(), work.lines.front().appId);
        return false;
    }
    struct AppLines {
        std::string text;
        std::vector<LineOrigin> origins;
        std::vector<WorkBatch::Line*> lines;
    };
    std::map<int, AppLines> byApp;  // in app order, the same at every attempt
    for (WorkBatch::Line& line : work.lines) {
        if (line.state != LineState::Pending) {
            continue;
        }
        const WorkBatch::Partition& from = work.partitions[line.slot];
        const std::string_view text(work.text.data() + line.begin, line.size);
        if (!from.owned) {
            line.state = LineState::Dropped;
            continue;
        }
        if (m_recovery.take(text)) {
            line.state = LineState::Skipped;
            continue;
        }
        AppLines& app = byApp[line.appId];
        app.text += text;
        if (withOrigins) {
            app.origins.push_back({from.topic, from.partition, line.offset, line.index});
        }
        app.lines.push_back(&line);
    }
    for (auto& [appId, app] : byApp) {
        *failedApp = appId;
        const Result<size_t> written = m_sink->write(appId, app.text, app.origins);
        const size_t bytes = written ? written.value() : 0;
        m_counters.bytesWritten += bytes;
        m_bytesSinceCheckpoint += static_cast<qint64>(bytes);
        markTaken(app.lines, bytes);
        if (!written) {
            *failure = written.error();
            return false;
        }
        if (bytes < app.text.size()) {
            *failure = partlyTaken(bytes, app.text.size(), appId);
            return false;
        }
    }
    acknowledge(work);
    return true;
}

void Pipeline::countByApp(const WorkBatch& work) {
    AppTally tally(m_counters.apps);
    for (const WorkBatch::Line& line : work.lines) {
        ++tally.of(line.appId).consumed;
    }
    for (const int app : work.filteredApps) {
        AppCounts& counts = tally.of(app);
        ++counts.consumed;
        ++counts.filtered;
    }
    for (const FailureEntry& failure : work.failures) {
        AppCounts& counts = tally.of(failure.appId);
        ++counts.consumed;
        ++counts.failed;
    }
}

void Pipeline::acknowledge(WorkBatch& work) {
    using LineState = WorkBatch::LineState;
    uint64_t written = 0;
    uint64_t skipped = 0;
    for (const WorkBatch::Line& line : work.lines) {
        written += line.state == LineState::Taken || line.state == LineState::Remembered ? 1 : 0;
        skipped +=
            line.state == LineState::Skipped || line.state == LineState::SkippedRemembered ? 1 : 0;
    }
    m_counters.written += written;
    m_counters.skippedOnRecovery += skipped;
    AppTally tally(m_counters.apps);
    for (const WorkBatch::Line& line : work.lines) {
        if (line.state == LineState::Taken || line.state == LineState::Remembered) {
            ++tally.of(line.appId).written;
        }
    }
    for (size_t i = 0; i < work.failures.size(); ++i) {
        if (work.partitions[work.failureSlots[i]].owned) {
            m_failures->add(std::move(work.failures[i]));
        }
    }
    m_progressScratch.clear();
    for (const WorkBatch::Partition& partition : work.partitions) {
        if (partition.owned) {
            auto [it, added] = m_progress.try_emplace(
                TopicPartition{std::string(partition.topic), partition.partition}, partition.next);
            it->second = partition.next;
            m_progressScratch.emplace_back(&it->first, partition.next);
        }
    }
    // One board lock per batch, however many partitions it holds.
    m_board.publishProgress(m_progressScratch);
    publishCounters();
    if (m_bytesSinceCheckpoint >= m_options.checkpointBytes) {
        m_checkpoints->requestSoon();
    }
}

}  // namespace mtga
