// The pipeline section: the pipeline's own PipelineOptions (threads, queues, checkpoints, replay)
// and its TransformerOptions.

#include "worker/config/configschema.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

namespace mtga {

using namespace configfields;

ConfigSection ConfigSchema::pipeline() {
    return {
        "pipeline",
        {
            {"workers", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 if (auto n = r.integer(v, k, 1, 64)) {
                     c.pipeline.workers = static_cast<int>(*n);
                 }
             }},
            {"queue_max_messages", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.queueMaxMessages, r.integer(v, k, 1, 100'000'000));
             }},
            {"queue_max_bytes", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.queueMaxBytes, r.size(v, k, Units::kMiB, 64 * Units::kGiB));
             }},
            {"checkpoint_interval", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.checkpointInterval,
                            r.duration(v, k, milliseconds(100), milliseconds(Units::kHour)));
             }},
            {"replay_backoff", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.replayBackoff, r.duration(v, k, milliseconds(Units::kSecond),
                                                                 milliseconds(Units::kHour)));
             }},
            {"replay_backoff_max", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.replayBackoffMax,
                            r.duration(v, k, milliseconds(Units::kSecond),
                                       milliseconds(24 * Units::kHour)));
             }},
            {"checkpoint_bytes", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.checkpointBytes, r.size(v, k, Units::kMiB, Units::kTiB));
             }},
            {"payload_codec", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 r.choice(v, k, c.pipeline.transform.payloadCodec, kPayloadCodecChoices);
             }},
            {"max_record_bytes", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 if (auto bytes = r.size(v, k, Units::kKiB, 256 * Units::kMiB)) {
                     c.pipeline.transform.maxRecordBytes = static_cast<size_t>(*bytes);
                 }
             }},
            {"settings", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.pipeline.settingsDir, r.filePath(v, k, false));
             }},
        }};
}

}  // namespace mtga
