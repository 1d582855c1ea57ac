#pragma once

// ControlOptions: what every CLI command that talks to a running worker shares: the options
// that find its socket (`--socket PATH`, or control.socket of `-c FILE`; with `--ssh
// [USER@]HOST` the socket on that host, reached through `ssh HOST mtga control-stdio`) and
// bound the call (`--timeout SECONDS`, default 10), `--json` for the read commands, and the one
// mapping of a failed call to its message and exit code (docs/operations.md "Exit codes").

#include "shared/controlendpoint.h"
#include "shared/result.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace mtga::cli {

class ControlOptions {
    Q_DECLARE_TR_FUNCTIONS(ControlOptions)

public:
    enum class Json { Offered, NotOffered };
    // control-stdio is the remote end of --ssh: it relays a socket of its own machine.
    enum class Ssh { Offered, NotOffered };

    // Adds the options to `parser`; `arguments` starts with the command ("mtga status").
    // `jsonHelp`: what --json prints, when it is not the worker's answer as one line.
    ControlOptions(QCommandLineParser& parser, const QStringList& arguments,
                   Json json = Json::Offered, const QString& jsonHelp = QString(),
                   Ssh ssh = Ssh::Offered);

    // Parses the command line (after the command added its own options): an exit code when the
    // command must not go on (--help, bad options, no socket to be found; printed), else nothing
    // and socket() and timeout() are set. More positional arguments than `positionals` (a
    // subcommand's name) are refused.
    std::optional<int> parse(qsizetype positionals = 0);

    // Where the worker is: the local socket, or one on another host with --ssh.
    const ControlEndpoint& endpoint() const { return m_endpoint; }
    const QString& socket() const { return m_endpoint.socket; }
    // The worker's pid file (control.pid_file, or next to the socket); empty with --ssh.
    const QString& pidFile() const { return m_pidFile; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    bool json() const;
    // "mtga status": how messages name the command.
    const QString& command() const { return m_command; }

    // Prints a failed call ("mtga status: MESSAGE [code]") and returns its exit code: 3 when no
    // worker listens (no socket, a stale one), 4 when it did not answer in time, 6 when ssh
    // could not reach it (--ssh), else 1.
    int fail(const Error& error) const;
    // Prints a bad argument found after parse() ("mtga status: MESSAGE") and returns exit 2.
    int usage(const QString& message) const;
    static int exitCodeOf(const Error& error);
    // The "apps" of a reload or restart answer as "24, 25" ("none" when empty).
    static QString appList(const QJsonObject& reply);
    // A worker's answer as one compact JSON line on stdout.
    static void printJson(const QJsonObject& object);

    // How a command that asks once ends: the failed call's message and exit code, or the answer
    // printed (the worker's JSON with --json, else `format(answer)`) and exit 0.
    template <typename Answer, typename Format>
    int finish(const Result<Answer>& answer, Format format) const {
        if (!answer) {
            return fail(answer.error());
        }
        if (json()) {
            printJson(jsonOf(answer.value()));
        } else {
            printAnswer(format(answer.value()));
        }
        return 0;
    }

private:
    static QJsonObject jsonOf(const QJsonObject& answer) { return answer; }
    template <typename Value>
    static QJsonObject jsonOf(const Value& answer) {
        return answer.toJson();
    }
    static void printAnswer(const QString& text);

    QCommandLineParser& m_parser;
    QStringList m_arguments;
    QString m_command;
    ControlEndpoint m_endpoint;
    QString m_pidFile;
    std::chrono::milliseconds m_timeout{10'000};
};

}  // namespace mtga::cli
