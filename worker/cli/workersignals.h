#pragma once

// The worker's signal contract, shared by `mtga run` and `mtga demo`: SIGINT and SIGTERM end
// the event loop (the caller then stops the pipeline cleanly), SIGHUP reloads the settings.

namespace mtga {
class Pipeline;
class SignalWatcher;
}  // namespace mtga

namespace mtga::cli {

void handleWorkerSignals(const SignalWatcher& signals, Pipeline& pipeline);

}  // namespace mtga::cli
