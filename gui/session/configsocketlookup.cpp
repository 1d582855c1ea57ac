#include "gui/session/configsocketlookup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

namespace mtga::gui {

ConfigSocketLookup::ConfigSocketLookup(QObject* parent) : QObject(parent) {}

QString ConfigSocketLookup::mtgaProgram() {
    const QString fromEnvironment = qEnvironmentVariable("MTGA_BINARY");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    const QDir here(QCoreApplication::applicationDirPath());
    for (const QString& candidate :
         {here.filePath(QStringLiteral("mtga")), here.filePath(QStringLiteral("../worker/mtga"))}) {
        if (QFileInfo(candidate).isExecutable()) {
            return QDir::cleanPath(candidate);
        }
    }
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("mtga"));
    return onPath.isEmpty() ? QStringLiteral("mtga") : onPath;
}

QString ConfigSocketLookup::socketIn(const QString& checkOutput) {
    bool inControl = false;
    for (const QString& line : checkOutput.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1Char(' '))) {
            inControl = line.trimmed() == QLatin1String("control:");
            continue;
        }
        const QString trimmed = line.trimmed();
        if (inControl && trimmed.startsWith(QLatin1String("socket:"))) {
            QString value = trimmed.mid(7).trimmed();
            if (value.size() >= 2 && value.startsWith(QLatin1Char('"')) &&
                value.endsWith(QLatin1Char('"'))) {
                value = value.mid(1, value.size() - 2);
            }
            return value;
        }
    }
    return {};
}

void ConfigSocketLookup::start(const QString& configFile, int timeoutMs) {
    m_config = configFile;
    m_process = new QProcess(this);
    connect(m_process, &QProcess::finished, this, &ConfigSocketLookup::finished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            report(Error::of(ErrorCode::NotRunning,
                             tr("cannot run %1 to read %2: %3")
                                 .arg(m_process->program(), m_config, m_process->errorString())));
        }
    });
    QTimer::singleShot(timeoutMs, this, [this] {
        if (!m_reported) {
            m_process->kill();
            report(Error::of(ErrorCode::Timeout,
                             tr("reading %1 took too long (mtga config check)").arg(m_config)));
        }
    });
    m_process->start(mtgaProgram(), {QStringLiteral("config"), QStringLiteral("check"),
                                     QStringLiteral("-c"), configFile});
}

void ConfigSocketLookup::finished(int exitCode, QProcess::ExitStatus status) {
    const QString out = QString::fromUtf8(m_process->readAllStandardOutput());
    const QString err = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
    if (status != QProcess::NormalExit || exitCode != 0) {
        report(
            Error::of(ErrorCode::ConfigInvalid,
                      err.isEmpty() ? tr("%1 is not a valid configuration").arg(m_config) : err));
        return;
    }
    const QString socket = socketIn(out);
    if (socket.isEmpty()) {
        report(Error::of(ErrorCode::ConfigInvalid,
                         tr("%1 names no control socket (control.socket)").arg(m_config)));
        return;
    }
    report(socket);
}

void ConfigSocketLookup::report(const Result<QString>& result) {
    if (m_reported) {
        return;
    }
    m_reported = true;
    Q_EMIT found(result);
}

}  // namespace mtga::gui
