#include "worker/cli/workersignals.h"

#include "worker/cli/signalwatcher.h"
#include "worker/cli/terminal.h"
#include "worker/host/workerhost.h"

#include <QCoreApplication>

namespace mtga::cli {

void handleWorkerSignals(const SignalWatcher& signals, WorkerHost& host) {
    QObject::connect(&signals, &SignalWatcher::signalReceived, &host, &WorkerHost::handleSignal);
    QObject::connect(
        &host, &WorkerHost::settingsReloaded, &signals, [](bool ok, const QString& error) {
            printError(
                ok ? QCoreApplication::translate("WorkerSignals", "Settings reloaded.")
                   : QCoreApplication::translate(
                         "WorkerSignals", "Settings not reloaded, the previous ones stay: %1")
                         .arg(error));
        });
}

}  // namespace mtga::cli
