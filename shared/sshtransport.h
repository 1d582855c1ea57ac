#pragma once

// SshTransport: a worker's control socket on another machine, through
// `ssh -T -o BatchMode=yes HOST mtga control-stdio --socket PATH`: the remote relay carries the
// protocol over ssh's standard input and output (worker/cli/stdiorelay.h), so no port is
// opened. When ssh ends, its exit status and standard error say why: ssh itself failed (255:
// host unreachable, authentication, host key), mtga is not there (126/127), or the remote
// relay's own error (`... [not_running]`), which is passed on with its code.
//
// $MTGA_SSH replaces the ssh program (a command line: "ssh -p 2222 -i key"; tests use a
// stand-in); $MTGA_SSH_MTGA is the shell text that runs mtga on the remote host (default
// `mtga`; "/opt/mtga/bin/mtga", "sudo -n -u mtga mtga").

#include "shared/controltransport.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace mtga {

class SshTransport : public ControlTransport {
    Q_OBJECT

public:
    SshTransport(const ControlEndpoint& endpoint, std::chrono::milliseconds connectTimeout,
                 QObject* parent = nullptr,
                 const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
    ~SshTransport() override;

    // The program and arguments it runs.
    const QString& program() const { return m_program; }
    const QStringList& arguments() const { return m_arguments; }

    void open() override;
    void write(const QByteArray& bytes) override;
    QByteArray readAll() override;
    void abort() override;

    // `word` quoted for a POSIX shell, as ssh hands the command to the remote user's shell.
    static QString shellQuoted(const QString& word);

private:
    void finished(int exitCode, QProcess::ExitStatus status);
    void processFailed(QProcess::ProcessError error);
    void end(const Error& reason);
    Error reasonOf(int exitCode, QProcess::ExitStatus status) const;
    QString stderrText() const;

    QProcess* m_process = nullptr;  // child
    QString m_program;
    QStringList m_arguments;
    QString m_remoteMtga;
    QByteArray m_stderr;
    bool m_ended = false;
    bool m_aborted = false;
};

}  // namespace mtga
