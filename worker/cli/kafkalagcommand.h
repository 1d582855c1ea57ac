#pragma once

// `mtga kafka_lag`: the running worker's total lag as one number, as the original printed it,
// for scripts and monitoring.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class KafkaLagCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(KafkaLagCommand)

public:
    QString name() const override { return QStringLiteral("kafka_lag"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
