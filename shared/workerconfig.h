#pragma once

// WorkerConfig: the worker's YAML configuration (file, local overlay, environment), validated as a
// whole so that an operator sees every mistake, with its file, line and key, in one pass.

#include "shared/result.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mtga {

struct KafkaConfig {
    std::string brokers = "127.0.0.1:9092";
    std::vector<std::string> topics{"mulog_clean_24"};
    std::string group = "mtga";
    enum class StartFrom { Earliest, Latest } startFrom = StartFrom::Earliest;
    enum class Assignment { Group, Static } assignment = Assignment::Group;
    std::vector<std::pair<std::string, int>> staticPartitions;    // "topic:partition" entries
    std::vector<std::pair<std::string, std::string>> properties;  // librdkafka, in file order
    std::chrono::milliseconds watermarkRefresh{5000};             // Low/High for the offsets view

    friend bool operator==(const KafkaConfig&, const KafkaConfig&) = default;
};

struct PipelineConfig {
    int workers = 2;
    qint64 queueMaxMessages = 50000;  // per worker, before the consumer waits
    qint64 queueMaxBytes = qint64{64} * 1024 * 1024;
    std::chrono::milliseconds checkpointInterval{10000};
    qint64 checkpointBytes =
        qint64{64} * 1024 * 1024;  // checkpoint sooner once this much is written
    // Failures whose reason may pass (a sink that refused for a while) are tried again after
    // this, doubling with every attempt up to the maximum.
    std::chrono::milliseconds replayBackoff{30000};
    std::chrono::milliseconds replayBackoffMax{600000};
    std::string payloadCodec = "auto";  // none | snappy | auto
    qint64 maxRecordBytes = qint64{1} * 1024 * 1024;
    QString settingsDir = QStringLiteral("settings");  // absolute once loaded

    friend bool operator==(const PipelineConfig&, const PipelineConfig&) = default;
};

struct SinkConfig {
    enum class Type { File, Kafka } type = Type::File;
    QString directory = QStringLiteral("data/ta");  // absolute once loaded
    QString instance;  // part of every file name; the sanitised host name when not configured
    enum class Rotation { Hourly, Daily } rotation = Rotation::Hourly;
    qint64 maxFileBytes = qint64{1} * 1024 * 1024 * 1024;  // 0: no size rotation
    enum class Mode { Stream, Batch } mode = Mode::Batch;
    qint64 batchBytes = qint64{1} * 1024 * 1024;
    bool fsync = true;
    std::chrono::milliseconds idleClose{60000};
    std::string kafkaBrokers;  // type kafka only (required then)
    std::string kafkaTopic;    // type kafka only (required then)
    std::vector<std::pair<std::string, std::string>> kafkaProperties;  // producer pass-through

    friend bool operator==(const SinkConfig&, const SinkConfig&) = default;
};

struct StoreConfig {
    QString path = QStringLiteral("data/store");  // absolute once loaded
    bool sync = true;

    friend bool operator==(const StoreConfig&, const StoreConfig&) = default;
};

struct ControlConfig {
    QString socket = QStringLiteral("data/mtga.sock");  // absolute once loaded
    std::vector<uint32_t> adminUids{0};
    std::vector<uint32_t> adminGids;

    friend bool operator==(const ControlConfig&, const ControlConfig&) = default;
};

struct LogConfig {
    enum class Level { Debug, Info, Warning, Error } level = Level::Info;
    enum class Format { Text, Json } format = Format::Text;
    QString file;  // empty: stderr; absolute once loaded
    enum class Rotate { Size, Daily } rotate = Rotate::Daily;
    qint64 maxBytes = qint64{100} * 1024 * 1024;
    int keep = 7;

    friend bool operator==(const LogConfig&, const LogConfig&) = default;
};

struct WorkerConfig {
    QString file;         // the main file as given
    QStringList sources;  // files actually read, in order (main, then overlay)
    KafkaConfig kafka;
    PipelineConfig pipeline;
    SinkConfig sink;
    StoreConfig store;
    ControlConfig control;
    LogConfig log;

    Q_DECLARE_TR_FUNCTIONS(WorkerConfig)

public:
    // Loads `path`, then `mtga.local.yml` next to it if present (maps merge key by key, scalars
    // and lists replace), then MTGA_<SECTION>_<KEY> overrides from `environment` (list values
    // comma-separated), then ${VAR} substitution in the files' scalar values. The environment is a
    // parameter so that tests are hermetic; callers pass QProcessEnvironment::systemEnvironment().
    // Errors have code "config_missing" (no main file) or "config_invalid", and list every
    // problem, one per line, as "FILE:LINE:COLUMN: section.key: message" (1-based; the column
    // counts characters) or "environment MTGA_X: section.key: message".
    static Result<WorkerConfig> load(const QString& path, const QProcessEnvironment& environment);

    // The effective configuration as YAML (every key, defaults included) for `mtga config check`;
    // loading it gives this configuration back.
    QString toYaml() const;
};

}  // namespace mtga
