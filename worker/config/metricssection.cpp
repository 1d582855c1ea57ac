// The metrics section: where /metrics and /healthz listen (docs/configuration.md).

#include "worker/config/configschema.h"
#include "worker/config/workerconfig.h"
#include "worker/metrics/metricsserver.h"

namespace mtga {

using namespace configfields;

ConfigSection ConfigSchema::metrics() {
    return {"metrics",
            {
                {"listen", Shape::Scalar,
                 [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                     const auto address = r.string(v, k, true);
                     if (!address) {
                         return;
                     }
                     QString host;
                     quint16 port = 0;
                     if (!address->isEmpty() && !MetricsServer::parse(*address, &host, &port)) {
                         r.error(v.at, k,
                                 WorkerConfig::tr("\"%1\" is not PORT or HOST:PORT (an IP address "
                                                  "or localhost)")
                                     .arg(*address));
                         return;
                     }
                     c.metricsListen = *address;
                 }},
            }};
}

}  // namespace mtga
