#include "worker/cli/workersignals.h"

#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/pipeline/pipeline.h"

#include <QCoreApplication>

#include <csignal>

namespace mtga::cli {

void handleWorkerSignals(const SignalWatcher& signals, Pipeline& pipeline) {
    QObject::connect(&signals, &SignalWatcher::signalReceived, qApp, [&pipeline](int number) {
        if (number == SIGHUP) {
            const Result<void> reloaded = pipeline.reloadSettings();
            printError(
                reloaded ? QCoreApplication::translate("WorkerSignals", "Settings reloaded.")
                         : QCoreApplication::translate(
                               "WorkerSignals", "Settings not reloaded, the previous ones stay: %1")
                               .arg(reloaded.error().message));
            return;
        }
        QCoreApplication::quit();
    });
}

}  // namespace mtga::cli
