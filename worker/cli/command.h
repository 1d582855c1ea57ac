#pragma once

// Command: one `mtga <name>` subcommand. main() picks one by name and runs it inside the event
// loop's application object; the return value is the process exit code.

#include <QString>
#include <QStringList>

namespace mtga::cli {

// Exit codes shared by every command, documented in docs/operations.md.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1,  // the command ran and something failed (Kafka unreachable, I/O error...)
    kExitUsage = 2,    // bad arguments or configuration: nothing was done
    // The commands that talk to a running worker: it is not there (no socket, or a stale one)...
    kExitNotRunning = 3,
    // ...or it did not answer within --timeout (hung, or overloaded).
    kExitTimeout = 4,
    // `mtga start`: a worker runs already (it holds the pid file, or answers on the socket).
    kExitAlreadyRunning = 5,
    // --ssh: the remote worker could not be reached through ssh (ssh failed, no mtga there).
    kExitSsh = 6,
};

class Command {
public:
    virtual ~Command() = default;
    virtual QString name() const = 0;
    virtual QString summary() const = 0;
    // `arguments` starts with the program and command name ("mtga demo", ...).
    virtual int run(const QStringList& arguments) = 0;
};

}  // namespace mtga::cli
