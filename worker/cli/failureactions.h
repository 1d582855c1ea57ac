#pragma once

// `mtga failures retry` and `mtga failures export`: the failure queue's long commands, which
// the worker answers when done (so they wait up to 10 minutes unless --timeout says otherwise).

#include "shared/values/failurequeue.h"
#include "worker/cli/controloptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <chrono>

namespace mtga::cli {

class FailureActions {
    Q_DECLARE_TR_FUNCTIONS(FailureActions)

public:
    static constexpr std::chrono::minutes kLongTimeout{10};

    static void addOptions(QCommandLineParser& parser);
    // What `list` must refuse: an option of retry or export given to it (empty when none is).
    static QString foreignOption(const QCommandLineParser& parser, const QString& action);

    static int retry(const QCommandLineParser& parser, const ControlOptions& control,
                     const FailureQuery& query);
    static int exportTo(const QCommandLineParser& parser, const ControlOptions& control,
                        const FailureQuery& query);
};

}  // namespace mtga::cli
