#include "shared/sshtransport.h"

#include <QPointer>
#include <QRegularExpression>

#include <algorithm>

namespace mtga {
namespace {

// ssh's own failures: it could not connect, authenticate or verify the host key.
constexpr int kSshFailedStatus = 255;
// The remote shell could not find or run the command.
constexpr int kNotExecutableStatus = 126;
constexpr int kNotFoundStatus = 127;
// Enough of standard error for any message; a remote that floods it is not kept in memory.
constexpr qsizetype kMaxStderrBytes = 64 * 1024;
constexpr qsizetype kMaxMessageLines = 8;
constexpr int kReapMs = 2'000;

qint64 wholeSeconds(std::chrono::milliseconds duration) {
    return std::max<qint64>(1, (duration.count() + 999) / 1000);
}

}  // namespace

SshTransport::SshTransport(const ControlEndpoint& endpoint,
                           std::chrono::milliseconds connectTimeout, QObject* parent,
                           const QProcessEnvironment& environment)
    : ControlTransport(endpoint, parent), m_process(new QProcess(this)) {
    QStringList ssh = QProcess::splitCommand(environment.value(QStringLiteral("MTGA_SSH")));
    if (ssh.isEmpty()) {
        ssh = {QStringLiteral("ssh")};
    }
    m_program = ssh.takeFirst();
    m_remoteMtga = environment.value(QStringLiteral("MTGA_SSH_MTGA"), QStringLiteral("mtga"));
    const QString seconds = QString::number(wholeSeconds(connectTimeout));
    QString remote = m_remoteMtga + QStringLiteral(" control-stdio ");
    remote += endpoint.socket.isEmpty()
                  ? QStringLiteral("-c ") + shellQuoted(endpoint.remoteConfig)
                  : QStringLiteral("--socket ") + shellQuoted(endpoint.socket);
    remote += QStringLiteral(" --timeout ") + seconds;
    // -T: no terminal, the protocol's bytes pass unchanged. BatchMode: ssh never asks for a
    // password or a host key on a terminal (it would hang the CLI): it fails instead.
    m_arguments = ssh + QStringList{QStringLiteral("-T"),
                                    QStringLiteral("-o"),
                                    QStringLiteral("BatchMode=yes"),
                                    QStringLiteral("-o"),
                                    QStringLiteral("ConnectTimeout=") + seconds,
                                    endpoint.sshHost,
                                    remote};

    connect(m_process, &QProcess::started, this, &SshTransport::opened);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &SshTransport::readyRead);
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QByteArray more = m_process->readAllStandardError();
        if (m_stderr.size() < kMaxStderrBytes) {
            m_stderr += more.left(kMaxStderrBytes - m_stderr.size());
        }
    });
    connect(m_process, &QProcess::finished, this, &SshTransport::finished);
    connect(m_process, &QProcess::errorOccurred, this, &SshTransport::processFailed);
}

QString SshTransport::shellQuoted(const QString& word) {
    static const QRegularExpression kPlain(QStringLiteral(R"(^[A-Za-z0-9_./:=@%+,-]+$)"));
    if (kPlain.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

void SshTransport::open() {
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(m_program, m_arguments);
}

void SshTransport::write(const QByteArray& bytes) {
    m_process->write(bytes);
}

QByteArray SshTransport::readAll() {
    return m_process->readAllStandardOutput();
}

SshTransport::~SshTransport() {
    if (m_process->state() != QProcess::NotRunning) {
        // Reaping a process that got SIGKILL takes no time; a QProcess destroyed before that
        // would leave a zombie and a warning.
        disconnect(m_process, nullptr, this, nullptr);
        m_process->kill();
        m_process->waitForFinished(kReapMs);
    }
}

void SshTransport::abort() {
    m_aborted = true;
    disconnect(m_process, nullptr, this, nullptr);
    if (m_process->state() != QProcess::NotRunning) {
        m_process->closeWriteChannel();
        m_process->kill();
    }
}

void SshTransport::processFailed(QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) {
        return;  // a crash or a broken pipe: finished() says how it ended
    }
    end(Error::of(ErrorCode::SshFailed,
                  tr("cannot run the ssh program \"%1\" to reach %2: %3 ($MTGA_SSH names it)")
                      .arg(m_program, endpoint().sshHost, m_process->errorString())));
}

void SshTransport::finished(int exitCode, QProcess::ExitStatus status) {
    m_stderr += m_process->readAllStandardError();
    const QPointer<SshTransport> self(this);
    // Lines that came before the end are still answers.
    if (m_process->bytesAvailable() > 0) {
        Q_EMIT readyRead();
        if (self.isNull() || m_aborted) {
            return;
        }
    }
    end(reasonOf(exitCode, status));
}

void SshTransport::end(const Error& reason) {
    if (m_ended || m_aborted) {
        return;
    }
    m_ended = true;
    Q_EMIT failed(reason);
}

QString SshTransport::stderrText() const {
    QStringList lines;
    for (const QString& line : QString::fromLocal8Bit(m_stderr).split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) {
            lines << line.trimmed();
        }
    }
    if (lines.size() > kMaxMessageLines) {
        lines = lines.mid(lines.size() - kMaxMessageLines);
    }
    return lines.isEmpty() ? tr("no message") : lines.join(QStringLiteral("; "));
}

Error SshTransport::reasonOf(int exitCode, QProcess::ExitStatus status) const {
    const QString& host = endpoint().sshHost;
    if (status == QProcess::CrashExit) {
        return Error::of(ErrorCode::SshFailed,
                         tr("ssh to %1 was ended by a signal: %2").arg(host, stderrText()));
    }
    // The remote relay's own failure ("/usr/bin/mtga control-stdio: MESSAGE [code]", as every
    // CLI command prints one) keeps its code: no worker there is not_running, exit 3, as locally.
    static const QRegularExpression kRemoteError(
        QStringLiteral(R"(^\S+ control-stdio: (.*) \[([a-z_]+)\]\s*$)"));
    const QStringList lines = QString::fromLocal8Bit(m_stderr).trimmed().split(QLatin1Char('\n'));
    const QRegularExpressionMatch remote = kRemoteError.match(lines.last());
    if (exitCode != 0 && remote.hasMatch()) {
        return Error::received(remote.captured(2), tr("on %1: %2").arg(host, remote.captured(1)));
    }
    switch (exitCode) {
        case 0:
            // The relay ends cleanly when the worker closes the connection.
            return Error::of(
                ErrorCode::ConnectionClosed,
                tr("the worker on %1 closed the connection (did it stop?)").arg(where()));
        case kSshFailedStatus:
            return Error::of(
                ErrorCode::SshFailed,
                tr("ssh could not reach %1 or log in there: %2").arg(host, stderrText()));
        case kNotExecutableStatus:
        case kNotFoundStatus:
            return Error::of(ErrorCode::SshFailed,
                             tr("\"%1\" could not be run on %2 (exit %3: %4); is mtga installed "
                                "there? $MTGA_SSH_MTGA names the command that runs it")
                                 .arg(m_remoteMtga, host)
                                 .arg(exitCode)
                                 .arg(stderrText()));
        default:
            return Error::of(ErrorCode::SshFailed,
                             tr("mtga control-stdio on %1 failed (exit %2): %3")
                                 .arg(host)
                                 .arg(exitCode)
                                 .arg(stderrText()));
    }
}

}  // namespace mtga
