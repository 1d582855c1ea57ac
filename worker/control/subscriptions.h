#pragma once

// StatsSubscriptions: the `subscribe` and `unsubscribe` commands (docs/protocol.md). Every
// subscribed connection gets a `stats` event (StatsEvent) each interval and at once when the
// worker's state changes. A tick reads the pipeline once for all the subscribers of its
// interval; a subscriber that does not read is dropped by ControlServer::pushEvent, so it never
// holds up the pipeline (which this only reads) or the other clients.

#include "shared/result.h"
#include "shared/values/statsevent.h"
#include "worker/control/controlserver.h"
#include "worker/pipeline/pipeline.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <utility>

namespace mtga {

class StatsSubscriptions : public QObject {
    Q_OBJECT

public:
    static constexpr qint64 kDefaultIntervalMs = 1000;
    static constexpr qint64 kMinIntervalMs = 200;
    static constexpr qint64 kMaxIntervalMs = 3'600'000;

    using PipelineLookup = std::function<Result<const Pipeline*>()>;
    // The worker's state as events say it: running, blocked, stopped...
    using StateLookup = std::function<QString()>;

    // Registers subscribe and unsubscribe on `server`, which must outlive this object.
    StatsSubscriptions(ControlServer& server, PipelineLookup pipeline, StateLookup state,
                       QObject* parent = nullptr);

    int subscriberCount() const { return static_cast<int>(m_subscribers.size()); }

    // Pushes an event to every subscriber now if the state differs from the last one pushed
    // (WorkerHost::stateChanged; the pipeline's blocked flag is polled).
    void checkState();

private:
    struct Subscriber {
        qint64 intervalMs = kDefaultIntervalMs;
        QStringList topics;                            // empty: every topic
        std::set<std::pair<QString, int>> partitions;  // empty: by topics
        bool narrowed() const { return !topics.isEmpty() || !partitions.empty(); }
        bool shows(const PartitionRow& row) const;
    };
    // What the rates of an interval are computed from.
    struct Sample {
        WorkerCounts totals;
        QElapsedTimer taken;
    };
    struct Group {  // the subscribers of one interval
        std::unique_ptr<QTimer> timer;
        Sample last;
    };
    struct Snapshot {
        QString state;
        WorkerCounts totals;
        qint64 failureQueue = 0;
        std::vector<PartitionRow> rows;
    };

    Result<QJsonObject> subscribe(const QJsonObject& args, const ControlPeer& peer);
    Result<QJsonObject> unsubscribe(const ControlPeer& peer);
    void remove(quint64 connection);
    Snapshot snapshot() const;
    // The rates since `group`'s last sample, which becomes `now`.
    StatsRates advance(Group& group, const Snapshot& now);
    void tick(qint64 intervalMs);
    // Pushes the events of `group`'s subscribers (all when intervalMs is 0).
    void push(const Snapshot& now, qint64 intervalMs, const StatsRates& rates);
    void pushFirst(quint64 connection);
    void write(quint64 connection, const Subscriber& subscriber, const StatsEvent& event,
               QByteArray& whole);

    ControlServer& m_server;
    PipelineLookup m_pipeline;
    StateLookup m_state;
    std::map<quint64, Subscriber> m_subscribers;  // by connection
    std::map<qint64, Group> m_groups;             // by interval
    QTimer m_statePoll;                           // the blocked flag has no signal
    QString m_lastState;
};

}  // namespace mtga
