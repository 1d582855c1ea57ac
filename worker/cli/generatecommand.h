#pragma once

// `mtga generate`: sample traffic into any Kafka (the embedded one or a real cluster).

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class GenerateCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(GenerateCommand)

public:
    QString name() const override { return QStringLiteral("generate"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
