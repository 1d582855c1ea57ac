#pragma once

// ControlServerOptions: the control socket's path and who may run mutating commands; the control
// section of the worker's configuration.

#include <QString>

#include <chrono>
#include <cstdint>
#include <vector>

namespace mtga {

struct ControlServerOptions {
    QString socket = QStringLiteral("data/mtga.sock");  // absolute once loaded from a configuration
    // The pid file of `mtga start` (worker/cli/pidfile.h); empty: next to the socket, with the
    // socket's name and .pid (data/mtga.sock: data/mtga.pid).
    QString pidFile;
    std::vector<uint32_t> adminUids{0};
    std::vector<uint32_t> adminGids;
    // Beyond this many clients at once, a new one gets too_many_connections and is closed.
    int maxConnections = 64;
    // A connection that sent no request for this long and is not subscribed is closed.
    std::chrono::milliseconds idleTimeout{300'000};
    // A connection with more unsent bytes than this when an event is pushed to it is dropped
    // (not a configuration key: tests lower it so as not to push megabytes).
    qint64 maxPendingEventBytes = qint64{4} * 1024 * 1024;

    friend bool operator==(const ControlServerOptions&, const ControlServerOptions&) = default;
};

}  // namespace mtga
