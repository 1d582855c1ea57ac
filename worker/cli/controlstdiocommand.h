#pragma once

// `mtga control-stdio`: relays standard input and output to a worker's control socket, so that
// `ssh host mtga control-stdio` carries the control protocol to another machine.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class ControlStdioCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(ControlStdioCommand)

public:
    QString name() const override { return QStringLiteral("control-stdio"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
