#include "worker/control/subscriptions.h"

#include "shared/commands.h"
#include "shared/controlprotocol.h"
#include "shared/jsonfields.h"
#include "worker/control/workercommands.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <algorithm>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcControl)

namespace mtga {
namespace {

constexpr int kStatePollMs = 200;

Error invalid(const QString& message) {
    return Error::of(ErrorCode::InvalidArgument, message);
}

WorkerCounts countsOf(const PipelineStats& stats) {
    auto number = [](uint64_t value) { return static_cast<qint64>(value); };
    WorkerCounts counts;
    counts.messages = number(stats.messages);
    counts.written = number(stats.written);
    counts.filtered = number(stats.filtered);
    counts.failed = number(stats.failed);
    counts.skippedOnRecovery = number(stats.skippedOnRecovery);
    counts.checkpoints = number(stats.checkpoints);
    counts.bytesWritten = number(stats.bytesWritten);
    return counts;
}

double perSecond(qint64 now, qint64 before, qint64 elapsedMs) {
    // A restarted pipeline counts from 0 again: what it did since is all new.
    const qint64 delta = now >= before ? now - before : now;
    return elapsedMs > 0 ? static_cast<double>(delta) * 1000.0 / static_cast<double>(elapsedMs)
                         : 0.0;
}

}  // namespace

bool StatsSubscriptions::Subscriber::shows(const PartitionRow& row) const {
    if (!partitions.empty()) {
        return partitions.count({row.topic, row.partition}) > 0;
    }
    return topics.isEmpty() || topics.contains(row.topic);
}

StatsSubscriptions::StatsSubscriptions(ControlServer& server, PipelineLookup pipeline,
                                       StateLookup state, QObject* parent)
    : QObject(parent),
      m_server(server),
      m_pipeline(std::move(pipeline)),
      m_state(std::move(state)) {
    m_server.registerCommand(
        QString(kSubscribeCommand),
        [this](const QJsonObject& args, const ControlPeer& peer) { return subscribe(args, peer); });
    m_server.registerCommand(
        QString(kUnsubscribeCommand),
        [this](const QJsonObject&, const ControlPeer& peer) { return unsubscribe(peer); });
    connect(&m_server, &ControlServer::connectionClosed, this, &StatsSubscriptions::remove);
    m_statePoll.setInterval(kStatePollMs);
    connect(&m_statePoll, &QTimer::timeout, this, &StatsSubscriptions::checkState);
}

Result<QJsonObject> StatsSubscriptions::subscribe(const QJsonObject& args,
                                                  const ControlPeer& peer) {
    Subscriber subscriber;
    const QJsonValue interval = args.value(QLatin1String("interval_ms"));
    if (!interval.isUndefined() && !interval.isNull()) {
        subscriber.intervalMs = interval.toInteger();
        if (subscriber.intervalMs < kMinIntervalMs || subscriber.intervalMs > kMaxIntervalMs) {
            return invalid(tr("interval_ms must be from %1 to %2, not %3")
                               .arg(kMinIntervalMs)
                               .arg(kMaxIntervalMs)
                               .arg(subscriber.intervalMs));
        }
    }
    for (const QJsonValue& topic : args.value(QLatin1String("topics")).toArray()) {
        if (!topic.isString() || topic.toString().isEmpty()) {
            return invalid(
                tr("topics must be names (strings), not %1").arg(describeJsonValue(topic)));
        }
        subscriber.topics << topic.toString();
    }
    for (const QJsonValue& partition : args.value(QLatin1String("partitions")).toArray()) {
        if (isJsonInteger(partition) && subscriber.topics.size() == 1 &&
            partition.toInteger() >= 0 && partition.toInteger() <= INT32_MAX) {
            subscriber.partitions.insert(
                {subscriber.topics.front(), static_cast<int>(partition.toInteger())});
            continue;
        }
        const QString text = partition.toString();
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        bool number = false;
        const int index = colon > 0 ? text.mid(colon + 1).toInt(&number) : -1;
        if (!partition.isString() || !number || index < 0) {
            return invalid(tr("partitions must be \"topic:N\" strings, or partition numbers "
                              "with exactly one topic in topics; not %1")
                               .arg(describeJsonValue(partition)));
        }
        subscriber.partitions.insert({text.left(colon), index});
    }
    remove(peer.connection);  // a second subscribe replaces the first
    const qint64 intervalMs = subscriber.intervalMs;
    m_subscribers[peer.connection] = std::move(subscriber);
    m_server.setSubscribed(peer.connection, true);
    Group& group = m_groups[intervalMs];
    if (!group.timer) {
        group.timer = std::make_unique<QTimer>();
        group.timer->setInterval(static_cast<int>(intervalMs));
        connect(group.timer.get(), &QTimer::timeout, this,
                [this, intervalMs] { tick(intervalMs); });
        group.last.totals = snapshot().totals;
        group.last.taken.start();
        group.timer->start();
    }
    if (!m_statePoll.isActive()) {
        m_lastState = m_state();
        m_statePoll.start();
    }
    // After the reply, which the server writes when this returns: a subscriber sees the worker
    // at once rather than after the first interval.
    QTimer::singleShot(0, this, [this, connection = peer.connection] { pushFirst(connection); });
    qCDebug(lcControl) << "pid" << peer.pid << "subscribed every" << intervalMs << "ms";
    return QJsonObject{{QStringLiteral("subscribed"), true},
                       {QStringLiteral("interval_ms"), intervalMs}};
}

Result<QJsonObject> StatsSubscriptions::unsubscribe(const ControlPeer& peer) {
    remove(peer.connection);
    m_server.setSubscribed(peer.connection, false);
    return QJsonObject{{QStringLiteral("subscribed"), false}};
}

void StatsSubscriptions::remove(quint64 connection) {
    const auto found = m_subscribers.find(connection);
    if (found == m_subscribers.end()) {
        return;
    }
    const qint64 intervalMs = found->second.intervalMs;
    m_subscribers.erase(found);
    const bool groupEmpty =
        std::none_of(m_subscribers.begin(), m_subscribers.end(),
                     [&](const auto& entry) { return entry.second.intervalMs == intervalMs; });
    if (groupEmpty) {
        m_groups.erase(intervalMs);
    }
    if (m_subscribers.empty()) {
        m_statePoll.stop();
    }
}

StatsSubscriptions::Snapshot StatsSubscriptions::snapshot() const {
    Snapshot now;
    now.state = m_state();
    const auto pipeline = m_pipeline();
    if (pipeline) {
        now.totals = countsOf(pipeline.value()->stats());
        now.failureQueue = static_cast<qint64>(pipeline.value()->failureCount());
        now.rows = WorkerCommands::offsets(*pipeline.value()).partitions;
    }
    return now;
}

StatsRates StatsSubscriptions::advance(Group& group, const Snapshot& now) {
    const qint64 elapsed = group.last.taken.restart();
    const WorkerCounts& before = group.last.totals;
    StatsRates rates;
    rates.in = perSecond(now.totals.messages, before.messages, elapsed);
    rates.out = perSecond(now.totals.written, before.written, elapsed);
    rates.filtered = perSecond(now.totals.filtered, before.filtered, elapsed);
    rates.failed = perSecond(now.totals.failed, before.failed, elapsed);
    group.last.totals = now.totals;
    return rates;
}

void StatsSubscriptions::tick(qint64 intervalMs) {
    const auto found = m_groups.find(intervalMs);
    if (found == m_groups.end()) {
        return;
    }
    const Snapshot now = snapshot();
    push(now, intervalMs, advance(found->second, now));
}

void StatsSubscriptions::checkState() {
    if (m_subscribers.empty()) {
        return;
    }
    const Snapshot now = snapshot();
    if (now.state == m_lastState) {
        return;
    }
    qCDebug(lcControl) << "the worker is" << now.state << "- telling" << m_subscribers.size()
                       << "subscribers";
    m_lastState = now.state;
    // Each interval's rates from its own last event; keys copied, a push may drop subscribers.
    std::vector<qint64> intervals;
    for (const auto& entry : m_groups) {
        intervals.push_back(entry.first);
    }
    for (const qint64 intervalMs : intervals) {
        if (const auto found = m_groups.find(intervalMs); found != m_groups.end()) {
            push(now, intervalMs, advance(found->second, now));
        }
    }
}

void StatsSubscriptions::push(const Snapshot& now, qint64 intervalMs, const StatsRates& rates) {
    StatsEvent event;
    event.state = now.state;
    event.intervalMs = intervalMs;
    event.rates = rates;
    event.totals = now.totals;
    event.failureQueue = now.failureQueue;
    event.offsets = now.rows;
    QByteArray whole;  // the un-narrowed line, encoded once for all who want it
    std::vector<quint64> members;
    for (const auto& [connection, subscriber] : m_subscribers) {
        if (subscriber.intervalMs == intervalMs) {
            members.push_back(connection);
        }
    }
    for (const quint64 connection : members) {
        if (const auto found = m_subscribers.find(connection); found != m_subscribers.end()) {
            write(connection, found->second, event, whole);
        }
    }
}

void StatsSubscriptions::pushFirst(quint64 connection) {
    const auto found = m_subscribers.find(connection);
    if (found == m_subscribers.end()) {
        return;
    }
    const Snapshot now = snapshot();
    StatsEvent event;
    event.state = now.state;
    event.intervalMs = found->second.intervalMs;
    event.totals = now.totals;
    event.failureQueue = now.failureQueue;
    event.offsets = now.rows;
    QByteArray whole;
    write(connection, found->second, event, whole);
}

void StatsSubscriptions::write(quint64 connection, const Subscriber& subscriber,
                               const StatsEvent& event, QByteArray& whole) {
    QByteArray line;
    if (subscriber.narrowed()) {
        StatsEvent narrowed = event;
        narrowed.offsets.clear();
        std::copy_if(event.offsets.begin(), event.offsets.end(),
                     std::back_inserter(narrowed.offsets),
                     [&](const PartitionRow& row) { return subscriber.shows(row); });
        line = ControlProtocol::encodeEvent(QString(StatsEvent::kEventName), narrowed.toJson());
    } else {
        if (whole.isEmpty()) {
            whole = ControlProtocol::encodeEvent(QString(StatsEvent::kEventName), event.toJson());
        }
        line = whole;
    }
    if (!m_server.pushEvent(connection, line)) {
        remove(connection);  // gone, or dropped for not reading
    }
}

}  // namespace mtga
