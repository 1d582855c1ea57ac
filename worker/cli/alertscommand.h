#pragma once

// `mtga alerts`: a running worker's alert history, newest first; `mtga alerts test` sends a
// test alert to every configured webhook and says how each one answered.

#include "shared/values/alert.h"
#include "worker/cli/command.h"

#include <QCoreApplication>

namespace mtga::cli {

class AlertsCommand : public Command {
    Q_DECLARE_TR_FUNCTIONS(AlertsCommand)

public:
    QString name() const override { return QStringLiteral("alerts"); }
    QString summary() const override;
    int run(const QStringList& arguments) override;

    // One line per alert: local time, status, severity, summary, partitions; cut to `width`.
    static QString formatHistory(const AlertsReply& reply, int width);
    // One line per receiver: ok or FAIL, format, URL, the HTTP status or error, attempts.
    static QString formatTest(const AlertTestReply& reply);
};

}  // namespace mtga::cli
