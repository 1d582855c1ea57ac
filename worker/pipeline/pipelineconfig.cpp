#include "worker/pipeline/pipelineconfig.h"

namespace mtga {

Result<PipelineOptions> pipelineOptionsFrom(const WorkerConfig& config) {
    PipelineOptions options;
    options.source.brokers = config.kafka.brokers;
    options.source.topics = config.kafka.topics;
    options.source.group = config.kafka.group;
    options.source.startFromLatest = config.kafka.startFrom == KafkaConfig::StartFrom::Latest;
    if (config.kafka.assignment == KafkaConfig::Assignment::Static) {
        for (const auto& [topic, partition] : config.kafka.staticPartitions) {
            options.source.staticPartitions.emplace_back(topic, partition);
        }
    }
    options.source.properties = config.kafka.properties;
    options.source.watermarkRefresh = config.kafka.watermarkRefresh;

    options.workers = config.pipeline.workers;
    options.queueMaxMessages = config.pipeline.queueMaxMessages;
    options.queueMaxBytes = config.pipeline.queueMaxBytes;
    options.checkpointInterval = config.pipeline.checkpointInterval;
    options.checkpointBytes = config.pipeline.checkpointBytes;
    const auto codec = parsePayloadCodec(config.pipeline.payloadCodec);
    options.transform.payloadCodec = codec.value_or(PayloadCodec::Auto);
    options.transform.maxRecordBytes = static_cast<size_t>(config.pipeline.maxRecordBytes);
    options.settingsDir = config.pipeline.settingsDir;

    options.replayBackoff = config.pipeline.replayBackoff;
    options.replayBackoffMax = config.pipeline.replayBackoffMax;

    options.sinkType = config.sink.type == SinkConfig::Type::Kafka
                           ? PipelineOptions::SinkType::Kafka
                           : PipelineOptions::SinkType::File;
    options.kafkaSink.brokers = config.sink.kafkaBrokers;
    options.kafkaSink.topic = config.sink.kafkaTopic;
    options.kafkaSink.properties = config.sink.kafkaProperties;
    options.sink.directory = config.sink.directory;
    options.sink.instance = config.sink.instance;
    options.sink.rotation = config.sink.rotation == SinkConfig::Rotation::Daily
                                ? FileSinkOptions::Rotation::Daily
                                : FileSinkOptions::Rotation::Hourly;
    options.sink.maxFileBytes = config.sink.maxFileBytes;
    options.sink.mode = config.sink.mode == SinkConfig::Mode::Stream ? FileSinkOptions::Mode::Stream
                                                                     : FileSinkOptions::Mode::Batch;
    options.sink.batchBytes = config.sink.batchBytes;
    options.sink.fsync = config.sink.fsync;
    options.sink.idleClose = config.sink.idleClose;

    options.storePath = config.store.path;
    options.storeSync = config.store.sync;
    return options;
}

}  // namespace mtga
