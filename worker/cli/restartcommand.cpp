#include "worker/cli/restartcommand.h"

#include "shared/commands.h"
#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/terminal.h"

namespace mtga::cli {

QString RestartCommand::summary() const {
    return tr("Restart a running worker's pipeline with its configuration read again");
}

int RestartCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Sends \"restart\" to the worker listening on the control socket: it reads its "
           "configuration file again, stops its pipeline (which checkpoints) and starts a new "
           "one, in the same process; the answer comes when the new pipeline runs. Admins "
           "only. Exit status: 0 restarted, 1 an error (the running pipeline goes on when the "
           "configuration cannot be loaded), 2 bad options, 3 no worker listening, 4 no answer "
           "in time. The old pipeline checkpoints before the new one starts: on a busy worker "
           "give --timeout more than its default."));
    ControlOptions control(parser, arguments);
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    return control.finish(
        ControlClient::call(control.endpoint(), QString(kRestartCommand), {}, control.timeout()),
        [](const QJsonObject& reply) {
            return tr("restarted: apps %1").arg(ControlOptions::appList(reply));
        });
}

}  // namespace mtga::cli
