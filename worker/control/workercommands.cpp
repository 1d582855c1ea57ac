#include "worker/control/workercommands.h"

#include "shared/version.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <memory>

namespace mtga {

void WorkerCommands::registerOn(ControlServer& server, PipelineLookup pipeline,
                                const QString& configFile) {
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    server.registerCommand(
        QStringLiteral("status"),
        [pipeline, configFile, started](const QJsonObject&) -> Result<QJsonObject> {
            const auto current = pipeline();
            if (!current) {
                return current.error();
            }
            return status(*current.value(), configFile, started->elapsed());
        },
        ControlServer::Access::Read);
    server.registerCommand(
        QStringLiteral("offsets"),
        [pipeline](const QJsonObject&) -> Result<QJsonObject> {
            const auto current = pipeline();
            if (!current) {
                return current.error();
            }
            return offsets(*current.value());
        },
        ControlServer::Access::Read);
}

QJsonObject WorkerCommands::status(const Pipeline& pipeline, const QString& configFile,
                                   qint64 uptimeMs) {
    const PipelineStats stats = pipeline.stats();
    QJsonArray selfCheck;
    for (const SelfCheckFinding& finding : pipeline.selfCheck()) {
        selfCheck.append(
            QJsonObject{{QStringLiteral("check"), QString::fromStdString(finding.check)},
                        {QStringLiteral("ok"), finding.ok},
                        {QStringLiteral("detail"), finding.detail}});
    }
    auto number = [](uint64_t value) { return QJsonValue(static_cast<qint64>(value)); };
    return QJsonObject{
        // blocked: a worker is waiting for the output to take lines (a full disk, an unreachable
        // output Kafka), or a checkpoint for it to confirm them.
        {QStringLiteral("state"),
         stats.blocked ? QStringLiteral("blocked") : QStringLiteral("running")},
        {QStringLiteral("version"), QLatin1String(kVersion)},
        {QStringLiteral("pid"), QCoreApplication::applicationPid()},
        {QStringLiteral("uptime_s"), uptimeMs / 1000},
        {QStringLiteral("config"), configFile},
        {QStringLiteral("counts"),
         QJsonObject{{QStringLiteral("messages"), number(stats.messages)},
                     {QStringLiteral("written"), number(stats.written)},
                     {QStringLiteral("filtered"), number(stats.filtered)},
                     {QStringLiteral("failed"), number(stats.failed)},
                     {QStringLiteral("skipped_on_recovery"), number(stats.skippedOnRecovery)},
                     {QStringLiteral("checkpoints"), number(stats.checkpoints)},
                     {QStringLiteral("bytes_written"), number(stats.bytesWritten)}}},
        {QStringLiteral("failure_queue"), number(pipeline.failureCount())},
        {QStringLiteral("transient_failures"), number(stats.transientFailures)},
        {QStringLiteral("partitions"), static_cast<qint64>(stats.partitions.size())},
        {QStringLiteral("last_error"), stats.lastError},
        {QStringLiteral("self_check"), selfCheck},
    };
}

QJsonObject WorkerCommands::offsets(const Pipeline& pipeline) {
    QJsonArray rows;
    for (const PartitionProgress& progress : pipeline.stats().partitions) {
        const bool known = progress.high >= 0 && progress.nextOffset >= 0;
        rows.append(QJsonObject{
            {QStringLiteral("topic"), QString::fromStdString(progress.partition.first)},
            {QStringLiteral("partition"), progress.partition.second},
            {QStringLiteral("low"), static_cast<qint64>(progress.low)},
            {QStringLiteral("high"), static_cast<qint64>(progress.high)},
            {QStringLiteral("current"), static_cast<qint64>(progress.nextOffset)},
            {QStringLiteral("checkpointed"), static_cast<qint64>(progress.checkpointed)},
            {QStringLiteral("lag"), known ? QJsonValue(static_cast<qint64>(std::max<int64_t>(
                                                progress.high - progress.nextOffset, 0)))
                                          : QJsonValue()},
        });
    }
    return QJsonObject{{QStringLiteral("partitions"), rows}};
}

}  // namespace mtga
