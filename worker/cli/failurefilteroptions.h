#pragma once

// The filters of the failure-queue commands on the command line (failure_queue_count,
// clear_failure_queue, failures list): --reason, --stage, --topic T[:P,P...], --since, --until,
// turned into the FailureQuery the worker takes.

#include "shared/result.h"
#include "shared/values/failurequeue.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace mtga::cli {

class FailureFilterOptions {
    Q_DECLARE_TR_FUNCTIONS(FailureFilterOptions)

public:
    static void add(QCommandLineParser& parser);
    // invalid_argument, naming the option, for an unknown reason or stage, a bad partition list
    // or time, or --until before --since.
    static Result<FailureQuery> query(const QCommandLineParser& parser);
    // A time as --since and --until take it: epoch milliseconds, or an ISO 8601 date-time in
    // local time unless it has an offset ("2026-12-01T08:00:00", "2026-12-01T08:00:00.000Z").
    static Result<qint64> parseTime(const QString& option, const QString& text);
};

}  // namespace mtga::cli
