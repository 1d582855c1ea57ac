#include "worker/host/hostcommands.h"

#include "shared/commands.h"
#include "worker/control/controlserver.h"
#include "worker/host/workerhost.h"

#include <QJsonArray>
#include <QMetaObject>

namespace mtga {
namespace {

QJsonArray appsOf(const WorkerHost& host) {
    QJsonArray apps;
    if (const Pipeline* pipeline = host.pipeline()) {
        for (const int id : pipeline->appIds()) {
            apps.append(id);
        }
    }
    return apps;
}

// What an audit record shows of the worker around a reload or a restart.
QJsonObject snapshot(const WorkerHost& host) {
    return QJsonObject{{QStringLiteral("state"), host.stateName()},
                       {QStringLiteral("apps"), appsOf(host)}};
}

}  // namespace

void HostCommands::registerOn(ControlServer& server, WorkerHost& host) {
    server.registerCommand(
        QString(kReloadCommand), [&host](const QJsonObject&) -> Result<QJsonObject> {
            const QJsonObject before = snapshot(host);
            const Result<void> reloaded = host.reloadSettings();
            Q_EMIT host.settingsReloaded(reloaded.ok(),
                                         reloaded ? QString() : reloaded.error().message);
            if (!reloaded) {
                return reloaded.error();  // the settings in force stay
            }
            const QJsonObject after = snapshot(host);
            return QJsonObject{{QStringLiteral("apps"), after.value(QLatin1String("apps"))},
                               {QStringLiteral("before"), before},
                               {QStringLiteral("after"), after}};
        });

    server.registerDeferredCommand(
        QString(kRestartCommand), [&host](const QJsonObject&, ControlReply reply) {
            auto options = host.reloadConfiguration();
            if (!options) {
                reply.send(Error::of(options.error().code,
                                     tr("the configuration cannot be used, so the running "
                                        "pipeline goes on: %1")
                                         .arg(options.error().message)));
                return;
            }
            const QJsonObject before = snapshot(host);
            auto restarting = host.restartPipeline(
                std::move(options).value(), [&host, reply, before](const Result<void>& started) {
                    if (!started) {
                        reply.send(Error::of(started.error().code,
                                             tr("the pipeline stopped but the new one did not "
                                                "start: %1")
                                                 .arg(started.error().message)));
                        return;
                    }
                    const QJsonObject after = snapshot(host);
                    reply.send(
                        QJsonObject{{QStringLiteral("state"), after.value(QLatin1String("state"))},
                                    {QStringLiteral("apps"), after.value(QLatin1String("apps"))},
                                    {QStringLiteral("before"), before},
                                    {QStringLiteral("after"), after}});
                });
            if (!restarting) {
                reply.send(restarting.error());
            }
        });

    server.registerCommand(
        QString(kStopCommand), [&host](const QJsonObject&) -> Result<QJsonObject> {
            const QJsonObject before = snapshot(host);
            // Queued: the reply goes out first, then the event loop ends and the worker stops as on
            // SIGTERM (draining, a final checkpoint, exit 0).
            QMetaObject::invokeMethod(
                &host, [&host] { Q_EMIT host.stopRequested(); }, Qt::QueuedConnection);
            return QJsonObject{
                {QStringLiteral("stopping"), true},
                {QStringLiteral("pid"), QCoreApplication::applicationPid()},
                {QStringLiteral("before"), before},
                {QStringLiteral("after"),
                 QJsonObject{{QStringLiteral("state"), QStringLiteral("stopping")}}}};
        });
}

}  // namespace mtga
