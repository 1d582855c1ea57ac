// WorkerConfig::toYaml(): the effective configuration, printed so that loading it gives it back.

#include "worker/config/configchoices.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

#include <yaml-cpp/yaml.h>

#include <exception>
#include <string>
#include <vector>

namespace mtga {
namespace {

using std::chrono::milliseconds;

// Strings are written so that loading them again gives them back: "${" would be substituted.
std::string literal(const std::string& text) {
    std::string escaped;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "${") == 0) {
            escaped += "$";
        }
        escaped += text[i];
    }
    return escaped;
}

std::string literal(const QString& text) {
    return literal(text.toStdString());
}

}  // namespace

QString WorkerConfig::toYaml() const {
    try {
        YAML::Emitter out;
        out.SetIndent(2);
        auto key = [&out](const char* name) -> YAML::Emitter& {
            return out << YAML::Key << name << YAML::Value;
        };
        auto strings = [&out](const std::vector<std::string>& values) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const std::string& value : values) {
                out << literal(value);
            }
            out << YAML::EndSeq;
        };
        auto ids = [&out](const std::vector<uint32_t>& values) {
            out << YAML::Flow << YAML::BeginSeq;
            for (const uint32_t value : values) {
                out << value;
            }
            out << YAML::EndSeq;
        };
        auto size = [](qint64 bytes) { return ConfigUnits::formatSize(bytes).toStdString(); };
        auto duration = [](milliseconds ms) {
            return ConfigUnits::formatDuration(ms).toStdString();
        };
        auto properties = [&](const std::vector<std::pair<std::string, std::string>>& entries) {
            if (entries.empty()) {
                out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
                return;
            }
            out << YAML::BeginMap;
            for (const auto& [name, value] : entries) {
                out << YAML::Key << name << YAML::Value << literal(value);
            }
            out << YAML::EndMap;
        };

        const KafkaSourceOptions& kafka = pipeline.source;
        out << YAML::BeginMap;
        key("kafka") << YAML::BeginMap;
        key("brokers") << literal(kafka.brokers);
        key("topics");
        strings(kafka.topics);
        key("group") << literal(kafka.group);
        key("start_from") << configChoiceName(kStartFromChoices, kafka.startFromLatest);
        key("assignment") << configChoiceName(kAssignmentChoices, kafka.assignment);
        std::vector<std::string> partitions;
        for (const auto& [topic, partition] : kafka.staticPartitions) {
            partitions.push_back(topic + ':' + std::to_string(partition));
        }
        key("partitions");
        strings(partitions);
        key("properties");
        properties(kafka.properties);
        key("watermark_refresh") << duration(kafka.watermarkRefresh);
        out << YAML::EndMap;

        key("pipeline") << YAML::BeginMap;
        key("workers") << pipeline.workers;
        key("queue_max_messages") << pipeline.queueMaxMessages;
        key("queue_max_bytes") << size(pipeline.queueMaxBytes);
        key("checkpoint_interval") << duration(pipeline.checkpointInterval);
        key("checkpoint_bytes") << size(pipeline.checkpointBytes);
        key("replay_backoff") << duration(pipeline.replayBackoff);
        key("replay_backoff_max") << duration(pipeline.replayBackoffMax);
        key("payload_codec") << configChoiceName(kPayloadCodecChoices,
                                                 pipeline.transform.payloadCodec);
        key("max_record_bytes") << size(static_cast<qint64>(pipeline.transform.maxRecordBytes));
        key("settings") << literal(pipeline.settingsDir);
        out << YAML::EndMap;

        const FileSinkOptions& files = pipeline.sink;
        key("sink") << YAML::BeginMap;
        key("type") << configChoiceName(kSinkTypeChoices, pipeline.sinkType);
        key("directory") << literal(files.directory);
        key("instance") << literal(files.instance);
        key("rotation") << configChoiceName(kRotationChoices, files.rotation);
        key("max_file_bytes") << size(files.maxFileBytes);
        key("mode") << configChoiceName(kModeChoices, files.mode);
        key("batch_bytes") << size(files.batchBytes);
        key("fsync") << files.fsync;
        key("idle_close") << duration(files.idleClose);
        key("kafka_brokers") << literal(pipeline.kafkaSink.brokers);
        key("kafka_topic") << literal(pipeline.kafkaSink.topic);
        key("kafka_properties");
        properties(pipeline.kafkaSink.properties);
        out << YAML::EndMap;

        key("store") << YAML::BeginMap;
        key("path") << literal(pipeline.store.path);
        key("sync") << pipeline.store.sync;
        out << YAML::EndMap;

        key("control") << YAML::BeginMap;
        key("socket") << literal(control.socket);
        key("pid_file") << literal(control.pidFile);
        key("admin_uids");
        ids(control.adminUids);
        key("admin_gids");
        ids(control.adminGids);
        key("max_connections") << control.maxConnections;
        key("idle_timeout") << duration(control.idleTimeout);
        out << YAML::EndMap;

        key("health") << YAML::BeginMap;
        key("sample_interval") << duration(pipeline.health.sampleInterval);
        key("window") << pipeline.health.window;
        key("stall_after") << duration(pipeline.health.stallAfter);
        key("stopped_after") << duration(pipeline.health.stoppedAfter);
        out << YAML::EndMap;

        key("alerts") << YAML::BeginMap;
        key("webhooks") << YAML::Flow << YAML::BeginSeq;
        for (const Webhook& hook : alerts.webhooks) {
            out << literal(QString::fromLatin1(alertFormatName(hook.format)) + QLatin1Char(':') +
                           hook.url.toString());
        }
        out << YAML::EndSeq;
        key("name") << literal(alerts.name);
        key("timeout") << duration(alerts.timeout);
        key("retries") << alerts.retries;
        key("retry_backoff") << duration(alerts.retryBackoff);
        key("min_interval") << duration(alerts.minInterval);
        key("repeat_interval") << duration(alerts.repeatInterval);
        key("failure_queue_threshold") << alerts.failureQueueThreshold;
        key("max_pending") << alerts.maxPending;
        out << YAML::EndMap;

        key("metrics") << YAML::BeginMap;
        key("listen") << literal(metricsListen);
        out << YAML::EndMap;

        key("log") << YAML::BeginMap;
        key("level") << configChoiceName(kLevelChoices, log.level);
        key("format") << configChoiceName(kFormatChoices, log.format);
        key("file") << literal(log.file);
        key("rotate") << configChoiceName(kLogRotateChoices, log.rotate);
        key("max_bytes") << size(log.maxBytes);
        key("keep") << log.keep;
        out << YAML::EndMap;
        out << YAML::EndMap;

        if (!out.good()) {
            return QStringLiteral("# ") +
                   tr("cannot write the configuration: %1")
                       .arg(QString::fromStdString(out.GetLastError())) +
                   QLatin1Char('\n');
        }
        QString header;
        for (const QString& source : sources) {
            QString line = source;
            line.replace(QLatin1Char('\n'), QLatin1Char(' '));
            header += QStringLiteral("# ") + tr("read from %1").arg(line) + QLatin1Char('\n');
        }
        return header + QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
    } catch (const std::exception& exception) {
        return QStringLiteral("# ") +
               tr("cannot write the configuration: %1")
                   .arg(QString::fromLocal8Bit(exception.what())) +
               QLatin1Char('\n');
    }
}

}  // namespace mtga
