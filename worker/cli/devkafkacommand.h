#pragma once

// `mtga dev-kafka`: the embedded Kafka as a process of its own, so that a worker can be killed and
// restarted while Kafka and its data stay up. Fault injection is typed on its standard input.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class DevKafkaCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(DevKafkaCommand)

public:
    QString name() const override { return QStringLiteral("dev-kafka"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
