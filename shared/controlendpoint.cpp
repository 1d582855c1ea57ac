#include "shared/controlendpoint.h"

#include <QFileInfo>

#include <utility>

namespace mtga {

ControlEndpoint::ControlEndpoint(QString socketPath) : socket(std::move(socketPath)) {}

ControlEndpoint ControlEndpoint::overSsh(QString host, QString socket, QString remoteConfig) {
    ControlEndpoint endpoint(std::move(socket));
    endpoint.sshHost = std::move(host);
    endpoint.remoteConfig = std::move(remoteConfig);
    return endpoint;
}

QString ControlEndpoint::localPath() const {
    return isRemote() ? QString() : QFileInfo(socket).absoluteFilePath();
}

QString ControlEndpoint::describe() const {
    if (!isRemote()) {
        return localPath();
    }
    if (!socket.isEmpty()) {
        return sshHost + QLatin1Char(':') + socket;
    }
    return sshHost + QStringLiteral(":-c ") + remoteConfig;
}

}  // namespace mtga
