#include "worker/metrics/workermetrics.h"

#include "shared/healthstate.h"
#include "shared/version.h"
#include "worker/control/workercommands.h"
#include "worker/metrics/prometheustext.h"
#include "worker/pipeline/pipeline.h"

#include <librdkafka/rdkafka.h>

#include <array>

namespace mtga {
namespace {

QString appLabel(int app) {
    return app < 0 ? QStringLiteral("unknown") : QString::number(app);
}

void appCounters(PrometheusText& out, const PipelineStats& stats) {
    struct Family {
        const char* name;
        uint64_t AppCounts::*field;
        const char* help;
    };
    const std::array<Family, 4> families{{
        {"mtga_events_consumed_total", &AppCounts::consumed,
         "Records of the app's events taken from Kafka."},
        {"mtga_events_written_total", &AppCounts::written, "TA lines the output took."},
        {"mtga_events_filtered_total", &AppCounts::filtered, "Records dropped by a filter rule."},
        {"mtga_events_failed_total", &AppCounts::failed, "Records that went to the failure queue."},
    }};
    for (const Family& family : families) {
        out.family(family.name, "counter", QString::fromLatin1(family.help));
        for (const auto& [app, counts] : stats.apps) {
            out.sample(family.name, {{QStringLiteral("app"), appLabel(app)}},
                       static_cast<double>(counts.*family.field));
        }
    }
}

void partitionGauges(PrometheusText& out, const OffsetsReply& offsets) {
    struct Family {
        const char* name;
        const char* help;
        std::function<std::optional<double>(const PartitionRow&)> value;
    };
    const auto offset = [](qint64 value) {
        return value < 0 ? std::nullopt : std::optional<double>(static_cast<double>(value));
    };
    const std::vector<Family> families{
        {"mtga_partition_low_offset", "The partition's first offset.",
         [&](const PartitionRow& r) { return offset(r.low); }},
        {"mtga_partition_high_offset", "The offset after the partition's last message.",
         [&](const PartitionRow& r) { return offset(r.high); }},
        {"mtga_partition_position_offset", "The next offset this worker processes.",
         [&](const PartitionRow& r) { return offset(r.current); }},
        {"mtga_partition_checkpointed_offset", "Where a restart resumes.",
         [&](const PartitionRow& r) { return offset(r.checkpointed); }},
        {"mtga_partition_lag_messages", "High minus the position.",
         [](const PartitionRow& r) {
             return r.lag ? std::optional<double>(static_cast<double>(*r.lag)) : std::nullopt;
         }},
        {"mtga_partition_lag_seconds", "Seconds since the next unprocessed message entered Kafka.",
         [](const PartitionRow& r) { return r.lagSeconds; }},
        {"mtga_partition_lost_events",
         "Events retention deleted before they were read (with data_loss).",
         [](const PartitionRow& r) { return std::optional<double>(static_cast<double>(r.lost)); }},
    };
    for (const Family& family : families) {
        out.family(family.name, "gauge", QString::fromLatin1(family.help));
        for (const PartitionRow& row : offsets.partitions) {
            if (const auto value = family.value(row)) {
                out.sample(family.name,
                           {{QStringLiteral("topic"), row.topic},
                            {QStringLiteral("partition"), QString::number(row.partition)}},
                           *value);
            }
        }
    }
    out.family("mtga_partition_health", "gauge",
               QStringLiteral("1 for the partition's health state, 0 for the others."));
    const std::vector<HealthState> states = allHealthStates();
    for (const PartitionRow& row : offsets.partitions) {
        for (const HealthState state : states) {
            const QString name = healthStateLatin1(state);
            out.sample("mtga_partition_health",
                       {{QStringLiteral("topic"), row.topic},
                        {QStringLiteral("partition"), QString::number(row.partition)},
                        {QStringLiteral("state"), name}},
                       row.health == name ? 1 : 0);
        }
    }
}

}  // namespace

QByteArray WorkerMetrics::render(const Pipeline* pipeline, bool running,
                                 const std::map<std::string, uint64_t>& failuresByReason,
                                 int64_t nowMs) {
    PrometheusText out;
    out.family("mtga_build_info", "gauge", QStringLiteral("The build: always 1."));
    out.sample("mtga_build_info",
               {{QStringLiteral("version"), QLatin1String(kVersion)},
                {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
                {QStringLiteral("librdkafka"), QString::fromLatin1(rd_kafka_version_str())}},
               1);
    out.family("mtga_up", "gauge", QStringLiteral("1 while a pipeline runs."));
    out.sample("mtga_up", running && pipeline ? 1 : 0);
    if (!running || pipeline == nullptr) {
        return out.text();
    }
    const PipelineStats stats = pipeline->stats();
    out.family("mtga_blocked", "gauge",
               QStringLiteral("1 while the output does not take lines (or confirm them)."));
    out.sample("mtga_blocked", stats.blocked ? 1 : 0);
    out.family("mtga_health", "gauge",
               QStringLiteral("1 for the worker's health state (the worst partition's)."));
    const HealthState worst = pipeline->health();
    for (const HealthState state : allHealthStates()) {
        out.sample("mtga_health", {{QStringLiteral("state"), healthStateLatin1(state)}},
                   state == worst ? 1 : 0);
    }
    out.family("mtga_messages_consumed_total", "counter",
               QStringLiteral("Kafka messages taken since the pipeline started."));
    out.sample("mtga_messages_consumed_total", static_cast<double>(stats.messages));
    appCounters(out, stats);
    out.family("mtga_bytes_written_total", "counter", QStringLiteral("Bytes of TA lines written."));
    out.sample("mtga_bytes_written_total", static_cast<double>(stats.bytesWritten));
    out.family("mtga_failure_queue_entries", "gauge",
               QStringLiteral("Entries in the failure queue, by reason."));
    for (const auto& [reason, count] : failuresByReason) {
        out.sample("mtga_failure_queue_entries",
                   {{QStringLiteral("reason"), QString::fromStdString(reason)}},
                   static_cast<double>(count));
    }
    out.family("mtga_checkpoints_total", "counter", QStringLiteral("Checkpoints taken."));
    out.sample("mtga_checkpoints_total", static_cast<double>(stats.checkpoints));
    if (stats.lastCheckpointMs > 0) {
        out.family("mtga_checkpoint_duration_seconds", "gauge",
                   QStringLiteral("How long the last checkpoint took, the output's "
                                  "confirmation included."));
        out.sample("mtga_checkpoint_duration_seconds",
                   static_cast<double>(stats.lastCheckpointDurationMs) / 1000.0);
        out.family("mtga_last_checkpoint_timestamp_seconds", "gauge",
                   QStringLiteral("When the last checkpoint succeeded (Unix time)."));
        out.sample("mtga_last_checkpoint_timestamp_seconds",
                   static_cast<double>(stats.lastCheckpointMs) / 1000.0);
        out.family("mtga_checkpoint_age_seconds", "gauge",
                   QStringLiteral("Seconds since the last checkpoint succeeded."));
        out.sample("mtga_checkpoint_age_seconds",
                   static_cast<double>(nowMs - stats.lastCheckpointMs) / 1000.0);
    }
    partitionGauges(out, WorkerCommands::offsets(*pipeline));
    return out.text();
}

WorkerMetrics::Verdict WorkerMetrics::healthz(const Pipeline* pipeline, bool running) {
    if (!running || pipeline == nullptr) {
        return {false, tr("no pipeline runs")};
    }
    const HealthState worst = pipeline->health();
    const QString name = healthStateLatin1(worst);
    if (healthSeverity(worst) >= healthSeverity(HealthState::Stopped)) {
        return {false, tr("a partition is %1 (mtga offset_checker)").arg(name)};
    }
    return {true, name};
}

}  // namespace mtga
