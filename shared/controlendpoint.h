#pragma once

// ControlEndpoint: where a worker's control socket is: a path on this machine, or one on another
// machine reached through ssh (`ssh [user@]host mtga control-stdio`, see SshTransport).
// ControlClient and WorkerConnection take one, so the CLI and the console reach a remote worker
// the same way, through ControlTransport.

#include <QString>

namespace mtga {

struct ControlEndpoint {
    // The socket's path (on the remote host with ssh). With ssh it may be empty: the remote
    // `mtga control-stdio` then finds it in `remoteConfig`.
    QString socket;
    QString sshHost;       // [user@]host; empty: this machine
    QString remoteConfig;  // with ssh and no socket: the configuration file on the remote host

    ControlEndpoint() = default;
    // A local socket: the common case, so a path converts.
    ControlEndpoint(QString socketPath);  // NOLINT(google-explicit-constructor)
    static ControlEndpoint overSsh(QString host, QString socket, QString remoteConfig);

    bool isRemote() const { return !sshHost.isEmpty(); }
    // How messages name it: the absolute path locally (QLocalSocket would look a relative name
    // up in /tmp, not where the operator thinks it is), "host:PATH" or "host:-c FILE" over ssh.
    QString describe() const;
    // The local socket's absolute path (empty for a remote endpoint).
    QString localPath() const;
};

}  // namespace mtga
