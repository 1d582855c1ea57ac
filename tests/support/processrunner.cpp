#include "tests/support/processrunner.h"

#include <QDeadlineTimer>

#include <csignal>

namespace mtga::test {

ProcessRunner::ProcessRunner(const QStringList& arguments) : m_arguments(arguments) {}

ProcessRunner::~ProcessRunner() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void ProcessRunner::setEnvironmentVariable(const QString& name, const QString& value) {
    QProcessEnvironment environment = m_process.processEnvironment();
    if (environment.isEmpty()) {
        environment = QProcessEnvironment::systemEnvironment();
    }
    environment.insert(name, value);
    m_process.setProcessEnvironment(environment);
}

bool ProcessRunner::start() {
    // MTGA_TEST_WORKER runs the workers (`mtga run`) of the same test from another build (an
    // older one, to see a test fail before its fix); the embedded Kafka stays this build's.
    const bool worker = !m_arguments.isEmpty() && m_arguments.front() == QLatin1String("run");
    m_process.start(worker ? qEnvironmentVariable("MTGA_TEST_WORKER", QStringLiteral(MTGA_BINARY))
                           : QStringLiteral(MTGA_BINARY),
                    m_arguments);
    return m_process.waitForStarted(10'000);
}

void ProcessRunner::drain() {
    m_out += QString::fromUtf8(m_process.readAllStandardOutput());
    m_err += QString::fromUtf8(m_process.readAllStandardError());
}

QString ProcessRunner::waitForLine(const QString& prefix, int timeoutMs) {
    const QDeadlineTimer deadline(timeoutMs);
    while (true) {
        drain();
        qsizetype newline = -1;
        while ((newline = m_out.indexOf(QLatin1Char('\n'), m_scanFrom)) >= 0) {
            const QString line = m_out.mid(m_scanFrom, newline - m_scanFrom);
            m_scanFrom = newline + 1;
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning) {
            return {};
        }
        m_process.waitForReadyRead(100);
    }
}

void ProcessRunner::write(const QByteArray& data) {
    m_process.write(data);
    m_process.waitForBytesWritten(5000);
}

void ProcessRunner::sendSignal(int signalNumber) {
    ::kill(static_cast<pid_t>(m_process.processId()), signalNumber);
}

bool ProcessRunner::waitForExit(int timeoutMs) {
    const bool finished = m_process.waitForFinished(timeoutMs);
    drain();
    return finished;
}

QString ProcessRunner::standardOutput() {
    drain();
    return m_out;
}

QString ProcessRunner::standardError() {
    drain();
    return m_err;
}

QString runToCompletion(const QString& program, const QStringList& arguments, int timeoutMs,
                        int* exitCode) {
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return {};
    }
    if (exitCode) {
        *exitCode = process.exitCode();
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

}  // namespace mtga::test
