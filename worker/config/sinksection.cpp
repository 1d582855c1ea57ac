// The sink section: the sink type, FileSinkOptions and KafkaSinkOptions of the pipeline.

#include "worker/config/configschema.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

#include <QRegularExpression>

namespace mtga {

using namespace configfields;

namespace {

void readInstance(Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
    static const QRegularExpression kInstance(QStringLiteral("^[A-Za-z0-9_-]*$"));
    auto instance = r.string(v, k, true);
    if (!instance) {
        return;
    }
    if (!kInstance.match(*instance).hasMatch() ||
        instance->size() > ConfigSchema::kMaxInstanceLength) {
        r.error(v.at, k,
                WorkerConfig::tr("\"%1\" is not a valid instance name (letters, digits, '_' and "
                                 "'-', at most %2)")
                    .arg(*instance, QString::number(ConfigSchema::kMaxInstanceLength)));
        return;
    }
    c.pipeline.sink.instance = *instance;
}

}  // namespace

ConfigSection ConfigSchema::sink() {
    return {"sink",
            {
                {"type", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, c.pipeline.sinkType, kSinkTypeChoices);
                 }},
                {"directory", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.sink.directory, r.filePath(v, k, false));
                 }},
                {"instance", Shape::Scalar, &readInstance},
                {"rotation", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, c.pipeline.sink.rotation, kRotationChoices);
                 }},
                {"max_file_bytes", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.sink.maxFileBytes,
                                r.size(v, k, Units::kMiB, Units::kTiB, true));
                 }},
                {"mode", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.choice(v, k, c.pipeline.sink.mode, kModeChoices);
                 }},
                {"batch_bytes", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.sink.batchBytes,
                                r.size(v, k, 4 * Units::kKiB, 256 * Units::kMiB));
                 }},
                {"fsync", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.sink.fsync, r.boolean(v, k));
                 }},
                {"idle_close", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.sink.idleClose,
                                r.duration(v, k, milliseconds(Units::kSecond),
                                           milliseconds(24 * Units::kHour)));
                 }},
                {"kafka_brokers", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.kafkaSink.brokers, r.string(v, k, true));
                 }},
                {"kafka_topic", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.kafkaSink.topic, r.topic(v, k, true));
                 }},
                {"kafka_properties", Shape::Map,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     r.properties(v, k, c.pipeline.kafkaSink.properties);
                 }},
            }};
}

}  // namespace mtga
