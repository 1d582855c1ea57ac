#pragma once

// PipelineOptions: what the pipeline runs with. The worker's configuration fills them directly
// (worker/config/: the kafka, pipeline, sink and store sections), so these initialisers are the
// configuration's defaults.

#include "worker/health/healthoptions.h"
#include "worker/sink/filesink.h"
#include "worker/sink/kafkasink.h"
#include "worker/source/kafkasource.h"
#include "worker/store/storeoptions.h"
#include "worker/transform/transformer.h"

#include <QString>

#include <chrono>

namespace mtga {

struct PipelineOptions {
    KafkaSourceOptions source;
    int workers = 2;
    qint64 queueMaxMessages = 50'000;  // per worker, before the consumer waits
    qint64 queueMaxBytes = qint64{64} * 1024 * 1024;
    std::chrono::milliseconds checkpointInterval{10'000};
    qint64 checkpointBytes = qint64{64} * 1024 * 1024;  // checkpoint sooner once this is written
    TransformerOptions transform;
    QString settingsDir = QStringLiteral("settings");  // absolute once loaded from a configuration
    enum class SinkType { File, Kafka } sinkType = SinkType::File;
    FileSinkOptions sink;
    KafkaSinkOptions kafkaSink;
    // Transient failures (a sink that refused for a while) are tried again after this, doubling
    // per attempt up to the maximum.
    std::chrono::milliseconds replayBackoff{30'000};
    std::chrono::milliseconds replayBackoffMax{600'000};
    StoreOptions store;
    HealthOptions health;
    // How long a stop (or a revoke) waits for what was taken to be written; a revoke also stays
    // within half the group's max.poll.interval.ms, so the group never waits past its limit.
    std::chrono::milliseconds drainTimeout{20'000};
};

}  // namespace mtga
