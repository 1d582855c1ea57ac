#pragma once

// WorkerHost: one running worker: its pipeline, the control socket with the worker's commands,
// and what the process's signals do. `mtga run`, `mtga demo` and the tests each build one. The
// pipeline can be replaced in the same process (what restart, reload and offset resets need):
// the control socket keeps listening meanwhile, and its commands follow the new pipeline.
//
// Lives in the thread of its event loop (the main thread). A pipeline is created and started
// there; a restart stops the old one on a thread of its own, so the event loop (the control
// socket) keeps answering while it drains and checkpoints.

#include "shared/commands.h"
#include "shared/result.h"
#include "worker/alerts/alertservice.h"
#include "worker/control/audittrail.h"
#include "worker/control/controlserver.h"
#include "worker/control/subscriptions.h"
#include "worker/metrics/metricsserver.h"
#include "worker/pipeline/pipeline.h"

#include <QObject>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace mtga {

class WorkerHost : public QObject {
    Q_OBJECT

public:
    enum class State {
        Stopped,   // no pipeline runs (none yet, stopped, or a start failed)
        Starting,  // a pipeline is being created and started
        Running,
        Stopping,  // draining what was taken and checkpointing
    };
    Q_ENUM(State)

    // `configFile` is what `status` reports as the worker's configuration.
    // `commands`: what the control socket may serve (tests add stand-ins to the builtin table).
    WorkerHost(const ControlServerOptions& control, const QString& configFile,
               CommandTable commands = CommandTable::builtin(), QObject* parent = nullptr);
    // Stops the pipeline (waiting for a restart's stop in progress).
    ~WorkerHost() override;

    // The first pipeline, in the two steps callers report differently: creating checks the
    // options; starting opens the store, recovers the files and starts consuming. A pipeline that
    // fails to start is gone and the host is Stopped.
    Result<void> createPipeline(PipelineOptions options);
    Result<void> startPipeline();
    // Listens on the control socket and registers the worker's commands on it.
    Result<void> listen();
    // Stops the pipeline: writes what was taken, checkpoints, joins its threads. The stopped
    // pipeline stays for its final counts. During a restart, waits for the old pipeline's stop
    // and starts no new one.
    Result<void> stopPipeline();

    // How `restart` reads the configuration again (the pipeline section; the control socket and
    // the log keep what they were until the process starts again). Without one, `restart` is
    // refused.
    // Where this worker's alerts go, and its name in them (before the first pipeline starts; a
    // worker without it keeps its alert history but sends nothing).
    void setAlertOptions(AlertOptions options, QString worker);
    AlertService& alerts() { return *m_alerts; }
    // /metrics and /healthz on this address ("PORT" or "HOST:PORT") once listen() runs; empty
    // (the default): none.
    void setMetricsAddress(QString address) { m_metricsAddress = std::move(address); }
    // The port /metrics listens on; 0 when it does not.
    quint16 metricsPort() const;

    using ConfigLoader = std::function<Result<PipelineOptions>()>;
    void setConfigLoader(ConfigLoader loader) { m_configLoader = std::move(loader); }
    Result<PipelineOptions> reloadConfiguration() const;

    using RestartDone = std::function<void(const Result<void>& started)>;
    // Stops the pipeline (checkpointing) without blocking the event loop, then creates and
    // starts a new one with `options`; `done` gets whether it started, in this thread. Refused
    // ("busy") while a pipeline is starting or stopping. When the new one fails to start, the
    // host stays Stopped, the commands say why, and another restart may be tried.
    Result<void> restartPipeline(PipelineOptions options, RestartDone done = {});

    // The worker's signal contract: SIGINT and SIGTERM end the event loop (the caller then
    // stops the pipeline), SIGHUP reloads the settings (settingsReloaded tells how it went).
    void handleSignal(int signalNumber);
    Result<void> reloadSettings();

    State state() const { return m_state; }
    // As the `stats` events say it: running or blocked, else starting, stopping or stopped.
    QString stateName() const;
    // The current pipeline; null while there is none. Kept after stopPipeline().
    Pipeline* pipeline() { return m_pipeline.get(); }
    const Pipeline* pipeline() const { return m_pipeline.get(); }
    ControlServer& control() { return m_control; }
    // Why a pipeline stopped on its own (the output lost bytes it had taken); empty otherwise.
    QString fatalError() const { return m_fatal; }

Q_SIGNALS:
    void stateChanged(mtga::WorkerHost::State state);
    // A pipeline (the first or a restart's) did not start; the host is Stopped.
    void startFailed(const QString& code, const QString& message);
    // The pipeline cannot go on without losing events and must be started again.
    void fatalErrorOccurred(const QString& why);
    void settingsReloaded(bool ok, const QString& error);
    // The `stop` command asked the worker to stop, as SIGTERM does: the owner ends the event loop
    // and stops the pipeline.
    void stopRequested();

private:
    struct Restart {
        PipelineOptions options;
        RestartDone done;
    };

    void setState(State state);
    void failStart(const Error& error);
    // The commands' view: the current pipeline, or why there is none.
    Result<const Pipeline*> commandPipeline() const;
    // In this thread, once the old pipeline has stopped: replaces it with the restart's.
    void startReplacement();
    void joinStopper();

    ControlServer m_control;
    QString m_configFile;
    AuditTrail m_audit;  // of the current pipeline's store
    ConfigLoader m_configLoader;
    State m_state = State::Stopped;
    std::unique_ptr<Pipeline> m_pipeline;
    QString m_fatal;
    QString m_lastStartError;
    std::optional<Restart> m_restart;        // between restartPipeline() and its new start
    std::thread m_stopper;                   // stops the old pipeline of a restart
    Result<void> m_stopperResult;            // written by m_stopper, read after joining it
    std::unique_ptr<AlertService> m_alerts;  // reset first in the destructor
    QString m_metricsAddress;
    std::unique_ptr<MetricsServer> m_metrics;
    // The failure queue by reason for /metrics: a scan of the store, so at most every 15 s.
    std::map<std::string, uint64_t> m_failuresByReason;
    qint64 m_failuresReadAtMs = 0;
    // Last, so it goes first: it reads the pipeline and the server.
    std::unique_ptr<StatsSubscriptions> m_subscriptions;
};

}  // namespace mtga
