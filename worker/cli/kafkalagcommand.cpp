#include "worker/cli/kafkalagcommand.h"

#include "shared/controlclient.h"
#include "worker/cli/controloptions.h"
#include "worker/cli/terminal.h"

namespace mtga::cli {

QString KafkaLagCommand::summary() const {
    return tr("Print a running worker's total lag (messages not yet processed) as one number");
}

int KafkaLagCommand::run(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Asks the worker listening on the control socket for its total lag (\"kafka_lag\": "
           "High - Current summed over its partitions, those not known yet left out) and prints "
           "it as one number. The socket is --socket PATH, or control.socket of the "
           "configuration (-c FILE). Exit status: 0 answered, 1 an error, 2 bad options, 3 no "
           "worker listening, 4 no answer in time."));
    ControlOptions control(parser, arguments);
    if (auto exitCode = control.parse()) {
        return *exitCode;
    }
    return control.finish(ControlClient::kafkaLag(control.endpoint(), control.timeout()),
                          [](const KafkaLag& lag) { return QString::number(lag.lag); });
}

}  // namespace mtga::cli
