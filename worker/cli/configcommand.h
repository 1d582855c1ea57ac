#pragma once

// `mtga config check`: validates the configuration and prints the effective one.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class ConfigCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(ConfigCommand)

public:
    QString name() const override { return QStringLiteral("config"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
