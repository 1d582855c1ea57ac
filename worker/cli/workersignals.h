#pragma once

// The process's signals for `mtga run` and `mtga demo`: the SignalWatcher's signals go to the
// worker host, which decides what each does (SIGINT and SIGTERM end the event loop, SIGHUP
// reloads the settings), and what a reload did is printed.

namespace mtga {
class SignalWatcher;
class WorkerHost;
}  // namespace mtga

namespace mtga::cli {

void handleWorkerSignals(const SignalWatcher& signals, WorkerHost& host);

}  // namespace mtga::cli
