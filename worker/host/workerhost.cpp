#include "worker/host/workerhost.h"

#include "worker/control/failurecommands.h"
#include "worker/control/resetcommands.h"
#include "worker/control/workercommands.h"
#include "worker/host/hostcommands.h"
#include "worker/metrics/workermetrics.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>

#include <csignal>
#include <utility>

Q_LOGGING_CATEGORY(lcHost, "mtga.host", QtInfoMsg)

namespace mtga {
namespace {}  // namespace

WorkerHost::WorkerHost(const ControlServerOptions& control, const QString& configFile,
                       CommandTable commands, QObject* parent)
    : QObject(parent),
      m_control(control, std::move(commands)),
      m_configFile(configFile),
      m_audit([this]() -> Store* { return m_pipeline ? m_pipeline->storeIfOpen() : nullptr; }) {
    connect(&m_control, &ControlServer::mutatingCommandAnswered, this,
            [this](const CommandRecord& record) { m_audit.record(record); });
    setAlertOptions({}, QStringLiteral("mtga"));
}

void WorkerHost::setAlertOptions(AlertOptions options, QString worker) {
    m_alerts.reset();  // first: its destructor clears the log hook the new one installs
    m_alerts = std::make_unique<AlertService>(std::move(options), std::move(worker), m_configFile);
    if (m_state == State::Running) {
        m_alerts->watch(m_pipeline.get());
    }
}

WorkerHost::~WorkerHost() {
    joinStopper();
    m_alerts.reset();    // it watches the pipeline
    m_restart.reset();   // nobody is left to tell
    m_pipeline.reset();  // its destructor stops it
}

Result<void> WorkerHost::createPipeline(PipelineOptions options) {
    if (m_state != State::Stopped) {
        return Error::of(ErrorCode::Busy, tr("a pipeline is running or changing; stop it first"));
    }
    m_pipeline.reset();
    setState(State::Starting);
    auto created = Pipeline::create(std::move(options));
    if (!created) {
        failStart(created.error());
        return created.error();
    }
    m_pipeline = std::move(created).value();
    // From a pipeline thread: the report waits for the event loop, where it is safe.
    m_pipeline->setFatalHandler([this](const QString& why) {
        QMetaObject::invokeMethod(
            this,
            [this, why] {
                m_fatal = why;
                Q_EMIT fatalErrorOccurred(why);
            },
            Qt::QueuedConnection);
    });
    return {};
}

Result<void> WorkerHost::startPipeline() {
    if (!m_pipeline || m_state != State::Starting) {
        return Error::of(ErrorCode::PipelineStopped, tr("no pipeline was created to start"));
    }
    if (auto started = m_pipeline->start(); !started) {
        m_pipeline.reset();
        failStart(started.error());
        return started;
    }
    m_lastStartError.clear();
    setState(State::Running);
    return {};
}

void WorkerHost::failStart(const Error& error) {
    m_lastStartError = error.message;
    setState(State::Stopped);
    Q_EMIT startFailed(error.codeName(), error.message);
}

Result<void> WorkerHost::listen() {
    if (auto listening = m_control.listen(); !listening) {
        return listening;
    }
    WorkerCommands::registerOn(
        m_control, [this] { return commandPipeline(); }, m_configFile);
    const auto mutablePipeline = [this]() -> Result<Pipeline*> {
        const auto current = commandPipeline();
        if (!current) {
            return current.error();
        }
        return m_pipeline.get();  // the one commandPipeline() found
    };
    FailureCommands::registerOn(m_control, mutablePipeline);
    ResetCommands::registerOn(m_control, mutablePipeline);
    HostCommands::registerOn(m_control, *this);
    m_alerts->registerCommands(m_control);
    if (!m_metricsAddress.isEmpty()) {
        m_metrics = std::make_unique<MetricsServer>(
            [this] {
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                const bool running = m_state == State::Running && m_pipeline;
                if (running && now - m_failuresReadAtMs >= 15'000) {
                    if (auto counts = m_pipeline->store().failureCountsByReason(); counts) {
                        m_failuresByReason = std::move(counts).value();
                        m_failuresReadAtMs = now;
                    }
                }
                return WorkerMetrics::render(m_pipeline.get(), running, m_failuresByReason, now);
            },
            [this] {
                const auto verdict =
                    WorkerMetrics::healthz(m_pipeline.get(), m_state == State::Running);
                return std::make_pair(verdict.healthy, verdict.reason);
            });
        if (auto listening = m_metrics->listen(m_metricsAddress); !listening) {
            m_metrics.reset();
            return listening;
        }
        qCInfo(lcHost, "metrics on %s: /metrics and /healthz (port %u)",
               qUtf8Printable(m_metricsAddress), m_metrics->port());
    }
    m_subscriptions = std::make_unique<StatsSubscriptions>(
        m_control, [this] { return commandPipeline(); }, [this] { return stateName(); });
    connect(this, &WorkerHost::stateChanged, m_subscriptions.get(),
            &StatsSubscriptions::checkState);
    return {};
}

quint16 WorkerHost::metricsPort() const {
    return m_metrics ? m_metrics->port() : 0;
}

QString WorkerHost::stateName() const {
    switch (m_state) {
        case State::Running:
            return m_pipeline && m_pipeline->stats().blocked ? QString(WorkerStatus::kBlocked)
                                                             : QString(WorkerStatus::kRunning);
        case State::Starting:
            return QStringLiteral("starting");
        case State::Stopping:
            return QStringLiteral("stopping");
        case State::Stopped:
            break;
    }
    return QString(StatsEvent::kStopped);
}

Result<const Pipeline*> WorkerHost::commandPipeline() const {
    if (m_pipeline) {
        return static_cast<const Pipeline*>(m_pipeline.get());
    }
    if (m_lastStartError.isEmpty()) {
        return Error::of(ErrorCode::PipelineStopped, tr("no pipeline runs in this worker"));
    }
    return Error::of(ErrorCode::PipelineStopped,
                     tr("no pipeline runs in this worker: the last one did not start: %1")
                         .arg(m_lastStartError));
}

Result<void> WorkerHost::stopPipeline() {
    if (m_restart) {
        // A restart is under way: the worker stops instead, with the old pipeline's stop.
        joinStopper();
        const RestartDone done = std::move(m_restart->done);
        m_restart.reset();
        Result<void> stopped = std::exchange(m_stopperResult, Result<void>());
        setState(State::Stopped);
        if (done) {
            done(Error::of(ErrorCode::PipelineStopped,
                           tr("the worker stopped before the new pipeline started")));
        }
        return stopped;
    }
    if (!m_pipeline || m_state == State::Stopped) {
        return {};
    }
    setState(State::Stopping);
    Result<void> stopped = m_pipeline->stop();
    setState(State::Stopped);
    return stopped;
}

Result<PipelineOptions> WorkerHost::reloadConfiguration() const {
    if (!m_configLoader) {
        return Error::of(ErrorCode::ConfigMissing,
                         tr("this worker was started without a configuration file to read again"));
    }
    return m_configLoader();
}

Result<void> WorkerHost::restartPipeline(PipelineOptions options, RestartDone done) {
    if (m_state == State::Starting || m_state == State::Stopping) {
        return Error::of(ErrorCode::Busy,
                         tr("the pipeline is already starting or stopping; try again when it "
                            "has"));
    }
    m_restart = Restart{std::move(options), std::move(done)};
    if (!m_pipeline || m_state == State::Stopped) {
        // Nothing to stop; still asynchronous, so `done` never runs inside this call.
        QMetaObject::invokeMethod(this, &WorkerHost::startReplacement, Qt::QueuedConnection);
        return {};
    }
    qCInfo(lcHost, "restarting the pipeline: stopping the running one");
    setState(State::Stopping);
    // The stop drains and checkpoints, which can take as long as the output needs (up to the
    // drain timeout): on its own thread, while the control socket goes on answering from the
    // stopping pipeline, whose reads are safe against its stop as against a revoke.
    Pipeline* old = m_pipeline.get();
    m_stopper = std::thread([this, old] {
        m_stopperResult = old->stop();
        QMetaObject::invokeMethod(this, &WorkerHost::startReplacement, Qt::QueuedConnection);
    });
    return {};
}

void WorkerHost::startReplacement() {
    joinStopper();
    if (!m_restart) {
        return;  // stopPipeline() took over: the worker is stopping
    }
    Restart restart = std::move(*m_restart);
    m_restart.reset();
    if (const Result<void> stopped = std::exchange(m_stopperResult, Result<void>()); !stopped) {
        qCWarning(lcHost,
                  "the old pipeline did not stop cleanly (what it did not checkpoint is "
                  "consumed again): %s",
                  qUtf8Printable(stopped.error().message));
    }
    if (m_pipeline) {
        m_pipeline.reset();  // closes its store, which the new pipeline opens
        setState(State::Stopped);
    }
    Result<void> started = createPipeline(std::move(restart.options));
    if (started) {
        started = startPipeline();
    }
    if (started) {
        qCInfo(lcHost, "restarted the pipeline");
    } else {
        qCWarning(lcHost, "the new pipeline did not start: %s",
                  qUtf8Printable(started.error().message));
    }
    if (restart.done) {
        restart.done(started);
    }
}

void WorkerHost::joinStopper() {
    if (m_stopper.joinable()) {
        m_stopper.join();
    }
}

void WorkerHost::handleSignal(int signalNumber) {
    if (signalNumber == SIGHUP) {
        const Result<void> reloaded = reloadSettings();
        Q_EMIT settingsReloaded(reloaded.ok(), reloaded ? QString() : reloaded.error().message);
        return;
    }
    QCoreApplication::quit();
}

Result<void> WorkerHost::reloadSettings() {
    if (m_state == State::Starting || m_state == State::Stopping) {
        return Error::of(ErrorCode::Busy,
                         tr("the pipeline is starting or stopping; reload when it runs (a restart "
                            "reads the settings anyway)"));
    }
    if (!m_pipeline || m_state != State::Running) {
        return Error::of(ErrorCode::PipelineStopped,
                         tr("no pipeline is running to reload its settings"));
    }
    return m_pipeline->reloadSettings();
}

void WorkerHost::setState(State state) {
    if (m_state == state) {
        return;
    }
    m_state = state;
    qCDebug(lcHost) << "pipeline" << state;
    // Alerts watch a running pipeline only: its store keeps their history, and a stopping one's
    // store is about to close.
    m_alerts->watch(state == State::Running ? m_pipeline.get() : nullptr);
    Q_EMIT stateChanged(state);
}

}  // namespace mtga
