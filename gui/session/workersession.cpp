#include "gui/session/workersession.h"

#include "gui/session/configsocketlookup.h"
#include "gui/session/typedcall.h"
#include "shared/healthstate.h"

#include <QDateTime>
#include <QJsonObject>

namespace mtga::gui {

QString lightName(WorkerSession::Light light) {
    switch (light) {
        case WorkerSession::Light::Connecting:
            return WorkerSession::tr("connecting");
        case WorkerSession::Light::Connected:
            return WorkerSession::tr("connected");
        case WorkerSession::Light::Degraded:
            return WorkerSession::tr("degraded");
        case WorkerSession::Light::NoAnswer:
            return WorkerSession::tr("no answer");
        case WorkerSession::Light::Unreachable:
            return WorkerSession::tr("unreachable");
    }
    return {};
}

WorkerSession::WorkerSession(WorkerSpec spec, QObject* parent)
    : WorkerSession(std::move(spec), Options{}, parent) {}

WorkerSession::WorkerSession(WorkerSpec spec, Options options, QObject* parent)
    : QObject(parent), m_spec(std::move(spec)), m_options(options), m_history(options.history) {
    m_pollTimer.setInterval(m_options.pollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &WorkerSession::poll);
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, &WorkerSession::tick);
}

WorkerSession::~WorkerSession() = default;

void WorkerSession::start() {
    m_tickTimer.start();
    if (m_spec.kind != WorkerSpec::Kind::Config) {
        connectTo(m_spec.endpoint());
        return;
    }
    auto* lookup = new ConfigSocketLookup(this);
    connect(lookup, &ConfigSocketLookup::found, this,
            [this, lookup](const Result<QString>& socket) {
                lookup->deleteLater();
                if (!socket) {
                    m_lastError = socket.error();
                    Q_EMIT changed();
                    // The file may be fixed: look again later.
                    QTimer::singleShot(m_options.connection.maxRetry, this, &WorkerSession::start);
                    return;
                }
                connectTo(ControlEndpoint(socket.value()));
            });
    lookup->start(m_spec.target);
}

void WorkerSession::connectTo(const ControlEndpoint& endpoint) {
    if (m_connection) {
        return;
    }
    WorkerConnection::Options connection = m_options.connection;
    connection.rawEvents = QStringList{QString(StatsEvent::kEventName)};
    m_decoder = std::make_unique<StatsDecoder>(
        this, [this](Result<StatsEvent>& stats) { applyStats(std::move(stats)); });
    m_connection = new WorkerConnection(endpoint, connection, this);
    connect(m_connection, &WorkerConnection::eventLineReceived, this,
            [this](const QString&, const QByteArray& line) { m_decoder->decode(line); });
    connect(m_connection, &WorkerConnection::stateChanged, this, &WorkerSession::stateChanged);
    connect(m_connection, &WorkerConnection::eventReceived, this, &WorkerSession::takeEvent);
    connect(m_connection, &WorkerConnection::statusReceived, this,
            [this](qint64, const WorkerStatus& status) {
                m_status = status;
                Q_EMIT changed();
            });
    m_connection->open();
    Q_EMIT changed();
}

void WorkerSession::stateChanged(WorkerConnection::State state, const Error& reason) {
    if (state == WorkerConnection::State::Connected) {
        m_lastError = {};
        const qint64 pid = m_connection->hello() ? m_connection->hello()->pid : 0;
        if (m_lastPid != 0 && pid != m_lastPid) {
            addMark(HistoryMark::Kind::Restart, tr("worker restarted (pid %1)").arg(pid));
        }
        m_lastPid = pid;
        subscribe();
        poll();
        m_pollTimer.start();
    } else {
        m_pollTimer.stop();
        if (state == WorkerConnection::State::Unreachable) {
            m_lastError = reason;
        }
    }
    Q_EMIT changed();
}

void WorkerSession::subscribe() {
    m_connection->call(QStringLiteral("subscribe"),
                       QJsonObject{{QStringLiteral("interval_ms"), m_options.statsIntervalMs}},
                       [this](const Result<QJsonObject>& reply) {
                           if (!reply) {
                               m_lastError = reply.error();
                               Q_EMIT changed();
                           }
                       });
}

void WorkerSession::poll() {
    if (!isConnected()) {
        return;
    }
    m_connection->requestStatus([this](const Result<WorkerStatus>& status) {
        if (!status) {
            // pipeline_stopped (a restart that did not start one) is a state, not a failure of
            // the connection: keep what the stats say.
            m_lastError = status.error();
            Q_EMIT changed();
        }
    });
    typedCall<FailureCounts>(*m_connection, QStringLiteral("failure_queue_count"), {},
                             [this](const Result<FailureCounts>& counts) {
                                 if (counts) {
                                     m_failureCounts = counts.value();
                                     Q_EMIT changed();
                                 }
                             });
}

void WorkerSession::refresh() {
    poll();
}

void WorkerSession::takeEvent(const QString& name, const QJsonObject& body) {
    if (name == StatsEvent::kEventName) {
        applyStats(StatsEvent::fromJson(body));
    }
}

void WorkerSession::applyStats(Result<StatsEvent> stats) {
    if (!stats) {
        m_lastError = stats.error();
        Q_EMIT changed();
        return;
    }
    const bool wasStale = stale() || !m_stats;
    m_stats = std::move(stats).value();
    m_sinceStats.start();
    m_history.add(QDateTime::currentMSecsSinceEpoch(), *m_stats);
    m_wasStale = false;
    Q_EMIT statsUpdated();
    if (wasStale) {
        Q_EMIT changed();
    }
}

void WorkerSession::tick() {
    const bool nowStale = stale();
    if (nowStale || nowStale != m_wasStale) {
        m_wasStale = nowStale;
        Q_EMIT changed();
    }
}

bool WorkerSession::isConnected() const {
    return m_connection && m_connection->state() == WorkerConnection::State::Connected;
}

bool WorkerSession::isAdmin() const {
    return isConnected() && m_connection->isAdmin();
}

qint64 WorkerSession::sinceUpdateMs() const {
    return m_sinceStats.isValid() ? m_sinceStats.elapsed() : -1;
}

bool WorkerSession::stale() const {
    // Three intervals without an event: the worker is connected but not speaking.
    return isConnected() && m_sinceStats.isValid() &&
           m_sinceStats.elapsed() > 3 * qint64{m_options.statsIntervalMs} + 1000;
}

QString WorkerSession::health() const {
    if (!m_stats) {
        return m_status ? m_status->health : QStringLiteral("ok");
    }
    HealthState worst = HealthState::Ok;
    for (const PartitionRow& row : m_stats->offsets) {
        if (const auto state = parseHealthState(QStringView(row.health))) {
            worst = worseOf(worst, *state);
        }
    }
    return QString(healthStateLatin1(worst));
}

WorkerSession::Light WorkerSession::light() const {
    if (!m_connection) {
        return m_lastError.message.isEmpty() ? Light::Connecting : Light::Unreachable;
    }
    switch (m_connection->state()) {
        case WorkerConnection::State::Disconnected:
        case WorkerConnection::State::Connecting:
            return m_lastError.message.isEmpty() ? Light::Connecting : Light::Unreachable;
        case WorkerConnection::State::Unreachable:
            return Light::Unreachable;
        case WorkerConnection::State::Connected:
            break;
    }
    if (stale()) {
        return Light::NoAnswer;
    }
    const auto state = parseHealthState(QStringView(health()));
    return state && isBadHealth(*state) ? Light::Degraded : Light::Connected;
}

QString WorkerSession::lightText() const {
    const Light now = light();
    switch (now) {
        case Light::Unreachable:
            return tr("unreachable: %1").arg(errorText(m_lastError));
        case Light::NoAnswer:
            return tr("no answer for %1 s").arg(sinceUpdateMs() / 1000);
        case Light::Degraded:
            return tr("degraded: %1").arg(health());
        case Light::Connecting:
        case Light::Connected:
            break;
    }
    return lightName(now);
}

QString WorkerSession::actionsBlockedReason() const {
    if (!isConnected()) {
        return tr("Not connected to the worker.");
    }
    if (!m_connection->isAdmin()) {
        return tr(
            "This connection is not an admin's: the worker lets only the users in "
            "control.admin_uids and control.admin_gids change it.");
    }
    return {};
}

void WorkerSession::addMark(HistoryMark::Kind kind, const QString& text) {
    m_history.addMark(QDateTime::currentMSecsSinceEpoch(), kind, text);
    Q_EMIT statsUpdated();
}

void WorkerSession::setName(const QString& name) {
    m_spec.name = name;
    Q_EMIT changed();
}

void WorkerSession::setMuted(bool muted) {
    m_muted = muted;
    Q_EMIT changed();
}

}  // namespace mtga::gui
