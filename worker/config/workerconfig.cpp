#include "worker/config/workerconfig.h"

#include "worker/config/configenvironment.h"
#include "worker/config/configreader.h"
#include "worker/config/configschema.h"
#include "worker/config/configtree.h"
#include "worker/config/configunits.h"

#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

#include <algorithm>
#include <exception>
#include <optional>
#include <utility>

namespace mtga {
namespace {

// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr qsizetype kMaxSocketPathBytes = 107;

constexpr QLatin1StringView kOverlayName("mtga.local.yml");

QString sanitisedHostName() {
    QString name = QSysInfo::machineHostName().left(ConfigSchema::kMaxInstanceLength);
    for (QChar& c : name) {
        const bool allowed = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                             (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                             (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                             c == QLatin1Char('_') || c == QLatin1Char('-');
        if (!allowed) {
            c = QLatin1Char('-');
        }
    }
    return name.isEmpty() ? QStringLiteral("mtga") : name;
}

// Checks that involve several keys. A key with its own error keeps its default, so checks that
// involve it are skipped rather than reported against a value nobody wrote.
void checkTogether(const WorkerConfig& config, ConfigReader& reader, const ConfigReadState& state,
                   const ConfigLocation& fileAt) {
    const KafkaSourceOptions& kafka = config.pipeline.source;
    const bool assignmentKnown = !reader.failed(QStringLiteral("kafka.assignment"));
    if (kafka.assignment == KafkaSourceOptions::Assignment::Static && assignmentKnown) {
        if (kafka.staticPartitions.empty() && !reader.failed(QStringLiteral("kafka.partitions"))) {
            reader.error(reader.locationOf(QStringLiteral("kafka.assignment"), fileAt),
                         QStringLiteral("kafka.assignment"),
                         WorkerConfig::tr("static assignment needs kafka.partitions "
                                          "(\"topic:partition\" entries)"));
        }
        for (std::size_t i = 0; i < kafka.staticPartitions.size(); ++i) {
            const std::string& topic = kafka.staticPartitions[i].topic;
            if (reader.failed(QStringLiteral("kafka.topics")) ||
                std::find(kafka.topics.begin(), kafka.topics.end(), topic) != kafka.topics.end()) {
                continue;
            }
            reader.error(i < state.partitionLocations.size() ? state.partitionLocations[i] : fileAt,
                         configItemPath(QStringLiteral("kafka.partitions"), i),
                         WorkerConfig::tr("topic \"%1\" is not in kafka.topics")
                             .arg(QString::fromStdString(topic)));
        }
    } else if (kafka.assignment == KafkaSourceOptions::Assignment::Group && assignmentKnown &&
               kafka.group.empty()) {
        reader.error(reader.locationOf(QStringLiteral("kafka.group"), fileAt),
                     QStringLiteral("kafka.group"),
                     WorkerConfig::tr("must not be empty with group assignment"));
    }

    if (config.pipeline.sinkType == PipelineOptions::SinkType::Kafka) {
        const ConfigLocation typeAt = reader.locationOf(QStringLiteral("sink.type"), fileAt);
        if (config.pipeline.kafkaSink.brokers.empty() &&
            !reader.failed(QStringLiteral("sink.kafka_brokers"))) {
            reader.error(typeAt, QStringLiteral("sink.type"),
                         WorkerConfig::tr("type kafka needs sink.kafka_brokers"));
        }
        if (config.pipeline.kafkaSink.topic.empty() &&
            !reader.failed(QStringLiteral("sink.kafka_topic"))) {
            reader.error(typeAt, QStringLiteral("sink.type"),
                         WorkerConfig::tr("type kafka needs sink.kafka_topic"));
        }
    }

    const qint64 maxRecordBytes = static_cast<qint64>(config.pipeline.transform.maxRecordBytes);
    if (maxRecordBytes > config.pipeline.queueMaxBytes &&
        !reader.failed(QStringLiteral("pipeline.max_record_bytes")) &&
        !reader.failed(QStringLiteral("pipeline.queue_max_bytes"))) {
        const ConfigLocation at = reader.locationOf(
            QStringLiteral("pipeline.max_record_bytes"),
            reader.locationOf(QStringLiteral("pipeline.queue_max_bytes"), fileAt));
        reader.error(at, QStringLiteral("pipeline.max_record_bytes"),
                     WorkerConfig::tr("%1 is larger than pipeline.queue_max_bytes (%2): such a "
                                      "record could never be queued")
                         .arg(ConfigUnits::formatSize(maxRecordBytes),
                              ConfigUnits::formatSize(config.pipeline.queueMaxBytes)));
    }

    const HealthOptions& health = config.pipeline.health;
    if (health.stoppedAfter < health.stallAfter &&
        !reader.failed(QStringLiteral("health.stopped_after")) &&
        !reader.failed(QStringLiteral("health.stall_after"))) {
        reader.error(
            reader.locationOf(QStringLiteral("health.stopped_after"),
                              reader.locationOf(QStringLiteral("health.stall_after"), fileAt)),
            QStringLiteral("health.stopped_after"),
            WorkerConfig::tr("%1 is shorter than health.stall_after (%2): a partition "
                             "stalls before it can be stopped")
                .arg(ConfigUnits::formatDuration(health.stoppedAfter),
                     ConfigUnits::formatDuration(health.stallAfter)));
    }

    const qsizetype socketBytes = config.control.socket.toUtf8().size();
    if (socketBytes > kMaxSocketPathBytes && !reader.failed(QStringLiteral("control.socket"))) {
        reader.error(reader.locationOf(QStringLiteral("control.socket"), fileAt),
                     QStringLiteral("control.socket"),
                     WorkerConfig::tr("the socket path %1 is %2 bytes long; a Unix socket path "
                                      "holds at most %3")
                         .arg(config.control.socket, QString::number(socketBytes),
                              QString::number(kMaxSocketPathBytes)));
    }
}

QString resolved(const QDir& base, const QString& path) {
    return path.isEmpty() ? path : QDir::cleanPath(base.absoluteFilePath(path));
}

}  // namespace

Result<WorkerConfig> WorkerConfig::load(const QString& path,
                                        const QProcessEnvironment& environment) {
    const QFileInfo mainInfo(path);
    if (!mainInfo.exists()) {
        return Error::of(ErrorCode::ConfigMissing,
                         tr("%1: the configuration file does not exist").arg(path));
    }
    WorkerConfig config;
    config.file = path;
    QStringList errors;

    std::optional<ConfigTree> root = ConfigTree::parseFile(path, errors);
    config.sources << path;
    const QString overlayPath = QDir(mainInfo.path()).filePath(QString(kOverlayName));
    const QFileInfo overlayInfo(overlayPath);
    if (overlayInfo.exists() && overlayInfo.absoluteFilePath() != mainInfo.absoluteFilePath()) {
        config.sources << overlayPath;
        std::optional<ConfigTree> overlay = ConfigTree::parseFile(overlayPath, errors);
        if (root && overlay) {
            root->merge(std::move(*overlay));
        }
    }
    if (!errors.isEmpty()) {
        // Keys cannot be checked in a file that does not parse.
        return Error::of(ErrorCode::ConfigInvalid, errors.join(QLatin1Char('\n')));
    }

    try {
        ConfigEnvironment::applyOverrides(*root, environment, errors);
        ConfigReader reader(errors, environment);
        ConfigReadState state;
        ConfigSchema::read(*root, reader, config, state);

        const QDir base = mainInfo.absoluteDir();
        config.pipeline.settingsDir = resolved(base, config.pipeline.settingsDir);
        config.pipeline.sink.directory = resolved(base, config.pipeline.sink.directory);
        config.pipeline.store.path = resolved(base, config.pipeline.store.path);
        config.control.socket = resolved(base, config.control.socket);
        config.control.pidFile = resolved(base, config.control.pidFile);
        config.log.file = resolved(base, config.log.file);
        if (config.pipeline.sink.instance.isEmpty()) {
            config.pipeline.sink.instance = sanitisedHostName();
        }
        checkTogether(config, reader, state, ConfigLocation{path, 0, 0, {}});
    } catch (const std::exception& exception) {
        errors << tr("%1: cannot read the configuration: %2")
                      .arg(path, QString::fromLocal8Bit(exception.what()));
    }
    if (!errors.isEmpty()) {
        return Error::of(ErrorCode::ConfigInvalid, errors.join(QLatin1Char('\n')));
    }
    return config;
}

}  // namespace mtga
