#include "shared/controltransport.h"

#include "shared/localtransport.h"
#include "shared/sshtransport.h"

namespace mtga {

ControlTransport::ControlTransport(const ControlEndpoint& endpoint, QObject* parent)
    : QObject(parent), m_endpoint(endpoint), m_where(endpoint.describe()) {}

ControlTransport* ControlTransport::create(const ControlEndpoint& endpoint,
                                           std::chrono::milliseconds connectTimeout,
                                           QObject* parent) {
    if (endpoint.isRemote()) {
        return new SshTransport(endpoint, connectTimeout, parent);
    }
    return new LocalTransport(endpoint, parent);
}

}  // namespace mtga
