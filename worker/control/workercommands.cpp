#include "worker/control/workercommands.h"

#include "shared/commands.h"
#include "shared/version.h"

#include <QCoreApplication>

#include <algorithm>
#include <memory>

namespace mtga {

void WorkerCommands::registerOn(ControlServer& server, PipelineLookup pipeline,
                                const QString& configFile) {
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    server.registerCommand(
        QString(kStatusCommand),
        [pipeline, configFile, started](const QJsonObject&) -> Result<QJsonObject> {
            const auto current = pipeline();
            if (!current) {
                return current.error();
            }
            return status(*current.value(), configFile, started->elapsed()).toJson();
        });
    server.registerCommand(QString(kOffsetsCommand),
                           [pipeline](const QJsonObject&) -> Result<QJsonObject> {
                               const auto current = pipeline();
                               if (!current) {
                                   return current.error();
                               }
                               return offsets(*current.value()).toJson();
                           });
    server.registerCommand(
        QString(kSampleCommand), [pipeline](const QJsonObject& args) -> Result<QJsonObject> {
            const qint64 ring = static_cast<qint64>(SampleBoard::kDefaultRingSize);
            const qint64 limit = args.value(QLatin1String("limit")).toInteger(10);
            const qint64 partition = args.value(QLatin1String("partition")).toInteger();
            const QString topic = args.value(QLatin1String("topic")).toString();
            if (limit < 1 || limit > ring) {
                return Error::of(ErrorCode::InvalidArgument,
                                 tr("limit must be from 1 to %1, not %2").arg(ring).arg(limit));
            }
            if (topic.isEmpty() || partition < 0 || partition > INT32_MAX) {
                return Error::of(ErrorCode::InvalidArgument,
                                 tr("give a topic and a partition number"));
            }
            const auto current = pipeline();
            if (!current) {
                return current.error();
            }
            auto reply = current.value()->sample(
                {topic.toStdString(), static_cast<int32_t>(partition)}, static_cast<size_t>(limit));
            if (!reply) {
                return reply.error();
            }
            return reply->toJson();
        });
    server.registerCommand(QString(kKafkaLagCommand),
                           [pipeline](const QJsonObject&) -> Result<QJsonObject> {
                               const auto current = pipeline();
                               if (!current) {
                                   return current.error();
                               }
                               return kafkaLag(*current.value()).toJson();
                           });
}

WorkerStatus WorkerCommands::status(const Pipeline& pipeline, const QString& configFile,
                                    qint64 uptimeMs) {
    const PipelineStats stats = pipeline.stats();
    auto number = [](uint64_t value) { return static_cast<qint64>(value); };
    WorkerStatus status;
    // blocked: a worker is waiting for the output to take lines (a full disk, an unreachable
    // output Kafka), or a checkpoint for it to confirm them.
    status.state = stats.blocked ? WorkerStatus::kBlocked : WorkerStatus::kRunning;
    status.health = healthStateLatin1(pipeline.health());
    status.version = QLatin1String(kVersion);
    status.pid = QCoreApplication::applicationPid();
    status.uptimeSeconds = uptimeMs / 1000;
    status.config = configFile;
    status.counts.messages = number(stats.messages);
    status.counts.written = number(stats.written);
    status.counts.filtered = number(stats.filtered);
    status.counts.failed = number(stats.failed);
    status.counts.skippedOnRecovery = number(stats.skippedOnRecovery);
    status.counts.checkpoints = number(stats.checkpoints);
    status.counts.bytesWritten = number(stats.bytesWritten);
    status.failureQueue = number(pipeline.failureCount());
    status.transientFailures = number(stats.transientFailures);
    status.partitions = static_cast<qint64>(stats.partitions.size());
    status.lastError = stats.lastError;
    bool etaKnown = !stats.partitions.empty();
    for (const PartitionProgress& progress : stats.partitions) {
        if (const auto lag = PartitionRow::lagOf(progress.high, progress.nextOffset)) {
            status.lag = status.lag.value_or(0) + *lag;
        }
        if (progress.lagSeconds) {
            status.lagSeconds = std::max(status.lagSeconds.value_or(0.0), *progress.lagSeconds);
        }
        if (progress.etaSeconds) {
            status.etaSeconds =
                std::max<qint64>(status.etaSeconds.value_or(0), *progress.etaSeconds);
        } else {
            etaKnown = false;
        }
    }
    if (!etaKnown) {
        status.etaSeconds.reset();  // one partition that does not catch up: the worker does not
    }
    for (const SelfCheckFinding& finding : pipeline.selfCheck()) {
        status.selfCheck.push_back(
            {QString::fromStdString(finding.check), finding.ok, finding.detail});
    }
    return status;
}

OffsetsReply WorkerCommands::offsets(const Pipeline& pipeline) {
    OffsetsReply reply;
    for (const PartitionProgress& progress : pipeline.stats().partitions) {
        PartitionRow row = PartitionRow::of(
            QString::fromStdString(progress.partition.topic), progress.partition.partition,
            progress.low, progress.high, progress.nextOffset, progress.checkpointed);
        row.lagSeconds = progress.lagSeconds;
        row.consumeRate = progress.consumeRate;
        row.produceRate = progress.produceRate;
        row.etaSeconds = progress.etaSeconds;
        row.health = healthStateLatin1(progress.health);
        row.healthSinceMs = progress.healthSinceMs;
        row.lost = progress.lost;
        reply.partitions.push_back(std::move(row));
    }
    return reply;
}

KafkaLag WorkerCommands::kafkaLag(const Pipeline& pipeline) {
    return KafkaLag::of(offsets(pipeline));
}

}  // namespace mtga
