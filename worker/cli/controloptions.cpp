#include "worker/cli/controloptions.h"

#include "worker/cli/command.h"
#include "worker/cli/options.h"
#include "worker/cli/pidfile.h"
#include "worker/cli/terminal.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mtga::cli {
namespace {

const QString kSocket = QStringLiteral("socket");
const QString kTimeout = QStringLiteral("timeout");
const QString kJson = QStringLiteral("json");
const QString kSsh = QStringLiteral("ssh");
const QString kConfig = QStringLiteral("config");

}  // namespace

ControlOptions::ControlOptions(QCommandLineParser& parser, const QStringList& arguments, Json json,
                               const QString& jsonHelp, Ssh ssh)
    : m_parser(parser), m_arguments(arguments), m_command(arguments.value(0)) {
    m_parser.addOption(configFileOption());
    m_parser.addOption({kSocket,
                        tr("Control socket of the worker (default: control.socket of the "
                           "configuration)."),
                        tr("PATH")});
    if (ssh == Ssh::Offered) {
        m_parser.addOption(
            {kSsh,
             tr("Reach the worker on HOST through `ssh -T HOST mtga control-stdio` (the "
                "socket given by --socket, else the one of -c FILE, a file on HOST). "
                "When ssh fails (host, login, no mtga there) the exit status is 6. $MTGA_SSH "
                "replaces the ssh program, $MTGA_SSH_MTGA the remote mtga."),
             tr("[USER@]HOST")});
    }
    if (json == Json::Offered) {
        m_parser.addOption({kJson, jsonHelp.isEmpty()
                                       ? tr("Print the worker's answer as one JSON line.")
                                       : jsonHelp});
    }
    m_parser.addOption({kTimeout, tr("Seconds to wait for the worker, in all (default 10)."),
                        tr("SECONDS"), QStringLiteral("10")});
}

bool ControlOptions::json() const {
    return m_parser.optionNames().contains(kJson) && m_parser.isSet(kJson);
}

std::optional<int> ControlOptions::parse(qsizetype positionals) {
    if (auto exitCode = parseArguments(m_parser, m_arguments)) {
        return exitCode;
    }
    if (m_parser.positionalArguments().size() > positionals) {
        printError(tr("%1: unexpected argument \"%2\"")
                       .arg(m_command, m_parser.positionalArguments().at(positionals)));
        return kExitUsage;
    }
    auto timeout = integerOption(m_parser, kTimeout, 1, 3600);
    if (!timeout) {
        printError(timeout.error().message);
        return kExitUsage;
    }
    m_timeout = std::chrono::seconds(timeout.value());
    if (m_parser.optionNames().contains(kSsh) && m_parser.isSet(kSsh)) {
        const QString host = m_parser.value(kSsh);
        // ssh would take a leading '-' as one of its own options.
        if (host.isEmpty() || host.startsWith(QLatin1Char('-'))) {
            return usage(tr("--ssh needs a host, [USER@]HOST, not \"%1\"").arg(host));
        }
        // The configuration is the remote host's: its control-stdio reads it there.
        m_endpoint = ControlEndpoint::overSsh(
            host, m_parser.isSet(kSocket) ? m_parser.value(kSocket) : QString(),
            m_parser.value(kConfig));
        return std::nullopt;
    }
    if (m_parser.isSet(kSocket)) {
        m_endpoint = ControlEndpoint(m_parser.value(kSocket));
        m_pidFile = PidFile::defaultPathFor(m_endpoint.socket);
        return std::nullopt;
    }
    auto config = loadWorkerConfig(m_parser);
    if (!config) {
        printError(config.error().message);
        printError(
            tr("%1: give the worker's configuration with -c FILE, or its socket with --socket PATH")
                .arg(m_command));
        return kExitUsage;
    }
    m_endpoint = ControlEndpoint(config->control.socket);
    m_pidFile = PidFile::pathFor(config->control);
    return std::nullopt;
}

int ControlOptions::exitCodeOf(const Error& error) {
    switch (error.code) {
        case ErrorCode::NotRunning:
            return kExitNotRunning;
        case ErrorCode::Timeout:
            return kExitTimeout;
        case ErrorCode::SshFailed:
            return kExitSsh;
        default:
            return kExitFailure;
    }
}

int ControlOptions::usage(const QString& message) const {
    printError(tr("%1: %2").arg(m_command, message));
    return kExitUsage;
}

int ControlOptions::fail(const Error& error) const {
    printError(tr("%1: %2 [%3]").arg(m_command, error.message, error.codeName()));
    return exitCodeOf(error);
}

QString ControlOptions::appList(const QJsonObject& reply) {
    QStringList apps;
    for (const QJsonValue& app : reply.value(QLatin1String("apps")).toArray()) {
        apps << QString::number(app.toInteger());
    }
    return apps.isEmpty() ? tr("none") : apps.join(QStringLiteral(", "));
}

void ControlOptions::printAnswer(const QString& text) {
    printLine(text);
}

void ControlOptions::printJson(const QJsonObject& object) {
    printLine(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

}  // namespace mtga::cli
