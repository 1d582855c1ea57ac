#include "worker/cli/reloadcommand.h"

#include "shared/commands.h"
#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/terminal.h"

namespace mtga::cli {

QString ReloadCommand::summary() const {
    return tr("Reload a running worker's settings (as SIGHUP) and print the apps in force");
}

int ReloadCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sends \"reload\" to the worker listening on the control socket: it reads its "
           "settings folder again, as on SIGHUP, and puts them in force for every worker "
           "thread; settings with errors change nothing (each error is listed). Prints the "
           "apps whose settings are in force. Admins only. Exit status: 0 reloaded, 1 an "
           "error, 2 bad options, 3 no worker listening, 4 no answer in time."));
    ControlOptions control(parser, arguments);
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    return control.finish(
        ControlClient::call(control.endpoint(), QString(kReloadCommand), {}, control.timeout()),
        [](const QJsonObject& reply) {
            return tr("settings reloaded: apps %1").arg(ControlOptions::appList(reply));
        });
}

}  // namespace mtga::cli
