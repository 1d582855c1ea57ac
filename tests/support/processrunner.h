#pragma once

// ProcessRunner: runs the real `mtga` binary for end-to-end tests, collecting its output and
// waiting (with a deadline) for a line that says it is ready.

#include <QProcess>
#include <QStringList>

namespace mtga::test {

class ProcessRunner {
public:
    explicit ProcessRunner(const QStringList& arguments);
    ~ProcessRunner();

    // Sets a variable of the process's environment (before start()); the rest is inherited.
    void setEnvironmentVariable(const QString& name, const QString& value);
    bool start();
    // Waits until stdout has a line starting with `prefix`; returns that line, or empty on timeout.
    QString waitForLine(const QString& prefix, int timeoutMs);
    void write(const QByteArray& data);
    void sendSignal(int signalNumber);
    // Waits for the process to end; false on timeout.
    bool waitForExit(int timeoutMs);

    int exitCode() const { return m_process.exitCode(); }
    qint64 processId() const { return m_process.processId(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QString standardOutput();
    QString standardError();

private:
    void drain();

    QProcess m_process;
    QStringList m_arguments;
    QString m_out;
    QString m_err;
    qsizetype m_scanFrom = 0;
};

// Runs a command to completion; returns its standard output, or an empty string on failure.
QString runToCompletion(const QString& program, const QStringList& arguments, int timeoutMs,
                        int* exitCode = nullptr);

}  // namespace mtga::test
