#pragma once

// `mtga transform`: the worker's transform engine on standard input, so operators can try
// settings offline before they reach production.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class TransformCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(TransformCommand)

public:
    QString name() const override { return QStringLiteral("transform"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
