#pragma once

// The options of every command that asks a running worker over its control socket (status, the
// failure queue's...): -c FILE or --socket PATH find it, --timeout bounds the whole call, --json
// prints the worker's answer; and the one way a failed call is reported.

#include "shared/result.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <optional>

namespace mtga::cli {

class ControlOptions {
    Q_DECLARE_TR_FUNCTIONS(ControlOptions)

public:
    struct Target {
        QString socket;
        std::chrono::milliseconds timeout{10'000};
    };

    // Adds -c, --socket and --timeout, and --json with this help unless it is empty.
    static void add(QCommandLineParser& parser, const QString& jsonHelp);
    // After parsing: where the worker listens and how long to wait for it. The error's message
    // (to print as it is, exit 2) says which option is wrong.
    static Result<Target> target(const QCommandLineParser& parser, const QString& program);
    static bool json(const QCommandLineParser& parser);

    // An exit code when the parser has more positional arguments than `expected` (the first
    // stray one is named), else nothing.
    static std::optional<int> rejectStrayArguments(const QCommandLineParser& parser,
                                                   const QString& program, qsizetype expected);
    // Prints "PROGRAM: message [code]" to stderr; the exit code of a call that failed.
    static int callFailed(const QString& program, const Error& error);
    static void printJson(const QJsonObject& object);
};

}  // namespace mtga::cli
