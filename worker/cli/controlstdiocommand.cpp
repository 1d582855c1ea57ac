#include "worker/cli/controlstdiocommand.h"

#include "shared/controlerrors.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/stdiorelay.h"

#include <QFileInfo>
#include <QLocalSocket>

#include <csignal>

namespace mtga::cli {

QString ControlStdioCommand::summary() const {
    return tr("Relay standard input and output to a worker's control socket (for ssh)");
}

int ControlStdioCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Connects to the worker's control socket (--socket PATH, or control.socket of the "
           "configuration, -c FILE) and relays standard input to it and its replies to "
           "standard output, byte for byte, until either side closes: `ssh host mtga "
           "control-stdio` speaks the control protocol (docs/protocol.md) to a remote worker. "
           "--timeout bounds connecting, and the wait for the last replies once standard input "
           "ends. Exit status: 0 a clean end, 1 an I/O error, 2 bad options, 3 no worker "
           "listening, 4 no connection in time."));
    ControlOptions control(parser, arguments, ControlOptions::Json::NotOffered, QString(),
                           ControlOptions::Ssh::NotOffered);
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    // A reader of standard output that goes away must end the relay, not kill it mid-write.
    std::signal(SIGPIPE, SIG_IGN);
    // QLocalSocket would look a relative name up in /tmp, not where the operator thinks it is.
    const QString path = QFileInfo(control.socket()).absoluteFilePath();
    QLocalSocket socket;
    socket.connectToServer(path);
    if (socket.state() != QLocalSocket::ConnectedState &&
        !socket.waitForConnected(static_cast<int>(control.timeout().count()))) {
        return control.fail(ControlErrors::connectFailed(socket.error(), path, name(),
                                                         control.timeout(), socket.errorString()));
    }
    StdioRelay relay(socket, control.timeout());
    return relay.run();
}

}  // namespace mtga::cli
