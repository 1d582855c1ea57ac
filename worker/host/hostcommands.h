#pragma once

// The control commands that act on the worker as a whole, through its WorkerHost: `reload` (the
// settings, as SIGHUP), `restart` (a new pipeline from a fresh read of the configuration, in the
// same process) and `stop` (checkpoint and exit, as SIGTERM). All three are mutating, so the
// audit log records each, with what it was before and after.

#include <QCoreApplication>

namespace mtga {

class ControlServer;
class WorkerHost;

class HostCommands {
    Q_DECLARE_TR_FUNCTIONS(HostCommands)

public:
    static void registerOn(ControlServer& server, WorkerHost& host);
};

}  // namespace mtga
