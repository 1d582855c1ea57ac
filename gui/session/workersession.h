#pragma once

// WorkerSession: the console's live view of one worker. It owns the WorkerConnection (which
// reconnects by itself with backoff), subscribes to the stats events again after every
// (re)connect, asks for `status` and the failure-queue counts every few seconds, keeps the lag
// history, and sums it all up as a light: connected, degraded (a partition in a bad health
// state), no answer (connected but silent), unreachable. Nothing here blocks: a worker that
// hangs shows up as a timeout, never as a frozen window.

#include "gui/session/laghistory.h"
#include "gui/session/statsdecoder.h"
#include "gui/session/workerspec.h"
#include "shared/values/failurequeue.h"
#include "shared/values/statsevent.h"
#include "shared/values/workerstatus.h"
#include "shared/workerconnection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace mtga::gui {

class WorkerSession : public QObject {
    Q_OBJECT

public:
    enum class Light { Connecting, Connected, Degraded, NoAnswer, Unreachable };
    Q_ENUM(Light)

    struct Options {
        WorkerConnection::Options connection;
        int statsIntervalMs = 1000;
        int pollIntervalMs = 5000;  // status and failure counts
        LagSeries::Limits history;
    };

    explicit WorkerSession(WorkerSpec spec, QObject* parent = nullptr);
    WorkerSession(WorkerSpec spec, Options options, QObject* parent = nullptr);
    ~WorkerSession() override;

    // Starts connecting (a configuration file is looked up first).
    void start();
    // Asks for status, counts and offsets now (F5).
    void refresh();

    const WorkerSpec& spec() const { return m_spec; }
    void setName(const QString& name);
    // nullptr until a configuration file's socket is known.
    WorkerConnection* connection() const { return m_connection; }
    bool isConnected() const;
    bool isAdmin() const;

    Light light() const;
    // One line for the light: "connected", "unreachable: ... [not_running]", "no answer for 12 s".
    QString lightText() const;
    // Why the mutating actions are off; empty when they are allowed.
    QString actionsBlockedReason() const;
    const Error& lastError() const { return m_lastError; }

    const std::optional<WorkerStatus>& status() const { return m_status; }
    const std::optional<StatsEvent>& stats() const { return m_stats; }
    const std::optional<FailureCounts>& failureCounts() const { return m_failureCounts; }
    // The worst health of the partitions (from the latest stats), "ok" without any.
    QString health() const;
    // Milliseconds since the latest stats event; -1 before the first.
    qint64 sinceUpdateMs() const;
    bool stale() const;
    const LagHistory& history() const { return m_history; }
    void addMark(HistoryMark::Kind kind, const QString& text);

    // An event as if the worker pushed it (the connection's events come here; benchmarks and
    // replays feed recorded ones).
    void takeEvent(const QString& name, const QJsonObject& body);
    // A decoded stats event: the history, the views (the GUI thread's part of an update).
    void applyStats(Result<StatsEvent> stats);

    bool muted() const { return m_muted; }
    void setMuted(bool muted);

Q_SIGNALS:
    // The light, the status, the hello or the counts changed (and once a second while silent).
    void changed();
    void statsUpdated();

private:
    void connectTo(const ControlEndpoint& endpoint);
    void stateChanged(WorkerConnection::State state, const Error& reason);
    void subscribe();
    void poll();
    void tick();

    WorkerSpec m_spec;
    Options m_options;
    WorkerConnection* m_connection = nullptr;  // child
    std::unique_ptr<StatsDecoder> m_decoder;
    Error m_lastError;
    std::optional<WorkerStatus> m_status;
    std::optional<StatsEvent> m_stats;
    std::optional<FailureCounts> m_failureCounts;
    LagHistory m_history;
    QElapsedTimer m_sinceStats;
    QTimer m_pollTimer;
    QTimer m_tickTimer;
    qint64 m_lastPid = 0;
    bool m_wasStale = false;
    bool m_muted = false;
};

QString lightName(WorkerSession::Light light);

}  // namespace mtga::gui
