// The health section: HealthOptions (how partitions are judged; docs/configuration.md).

#include "worker/config/configschema.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

namespace mtga {

using namespace configfields;

ConfigSection ConfigSchema::health() {
    return {"health",
            {
                {"sample_interval", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(
                         c.pipeline.health.sampleInterval,
                         r.duration(v, k, milliseconds(100), milliseconds(10 * Units::kMinute)));
                 }},
                {"window", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     if (auto n = r.integer(v, k, 2, 240)) {
                         c.pipeline.health.window = static_cast<int>(*n);
                     }
                 }},
                {"stall_after", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.health.stallAfter,
                                r.duration(v, k, milliseconds(Units::kSecond),
                                           milliseconds(24 * Units::kHour)));
                 }},
                {"stopped_after", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     assignRead(c.pipeline.health.stoppedAfter,
                                r.duration(v, k, milliseconds(Units::kSecond),
                                           milliseconds(7 * 24 * Units::kHour)));
                 }},
            }};
}

}  // namespace mtga
