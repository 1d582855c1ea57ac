#pragma once

// `mtga demo`: the quick start. Embedded Kafka with topic mulog_clean_24 (6 partitions) and
// sample traffic flowing into it, until Ctrl-C.

#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class DemoCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(DemoCommand)

public:
    QString name() const override { return QStringLiteral("demo"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;
};

}  // namespace mtga::cli
