#include "gui/session/workerspec.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace mtga::gui {

namespace {

QString defaultName(WorkerSpec::Kind kind, const QString& target) {
    if (kind == WorkerSpec::Kind::Ssh) {
        return QUrl(target).host();
    }
    // The folder says more than "mtga.sock": /srv/game-01/data/mtga.sock -> game-01/data.
    const QFileInfo info(target);
    const QString folder = info.dir().dirName();
    const QString parent = QFileInfo(info.dir().absolutePath()).dir().dirName();
    return parent.isEmpty() ? folder : parent + QLatin1Char('/') + folder;
}

}  // namespace

Result<WorkerSpec> WorkerSpec::parse(const QString& text, const QString& name) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return Error::of(ErrorCode::InvalidArgument,
                         tr("Enter a socket path, a configuration file or an ssh:// address."));
    }
    WorkerSpec spec;
    if (trimmed.startsWith(QLatin1String("ssh://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()) {
            return Error::of(
                ErrorCode::InvalidArgument,
                tr("\"%1\" is not ssh://[user@]host[:port]/path/to/mtga.sock").arg(trimmed));
        }
        if (url.path().size() < 2) {
            return Error::of(ErrorCode::InvalidArgument,
                             tr("\"%1\" names no socket: add its path on the host, as in "
                                "ssh://%2/srv/mtga/data/mtga.sock")
                                 .arg(trimmed, url.authority()));
        }
        spec.kind = Kind::Ssh;
        spec.target = url.toString();
    } else {
        const bool config =
            trimmed.endsWith(QLatin1String(".yml")) || trimmed.endsWith(QLatin1String(".yaml"));
        spec.kind = config ? Kind::Config : Kind::Socket;
        spec.target = QDir::cleanPath(QDir::current().absoluteFilePath(trimmed));
    }
    spec.name = name.trimmed().isEmpty() ? defaultName(spec.kind, spec.target) : name.trimmed();
    return spec;
}

ControlEndpoint WorkerSpec::endpoint() const {
    if (kind != Kind::Ssh) {
        return ControlEndpoint(target);
    }
    const QUrl url(target);
    // OpenSSH takes ssh://user@host:port as a destination; without a port the plain form
    // keeps messages short.
    QString destination =
        url.userName().isEmpty() ? url.host() : url.userName() + QLatin1Char('@') + url.host();
    if (url.port() > 0) {
        destination = QStringLiteral("ssh://%1:%2").arg(destination).arg(url.port());
    }
    return ControlEndpoint::overSsh(destination, url.path(), {});
}

QString WorkerSpec::kindName() const {
    switch (kind) {
        case Kind::Socket:
            return tr("socket");
        case Kind::Config:
            return tr("configuration");
        case Kind::Ssh:
            return tr("ssh");
    }
    return {};
}

}  // namespace mtga::gui
