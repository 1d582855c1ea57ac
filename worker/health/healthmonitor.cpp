#include "worker/health/healthmonitor.h"

#include "worker/store/store.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHealth, "mtga.health", QtInfoMsg)

namespace mtga {

HealthMonitor::HealthMonitor(HealthOptions options, Store& store, Inputs inputs, Changed changed,
                             Clock clock)
    : m_rules(options),
      m_options(options),
      m_store(store),
      m_inputs(std::move(inputs)),
      m_changed(std::move(changed)),
      m_clock(clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); }) {}

HealthMonitor::~HealthMonitor() {
    stop();
}

Result<void> HealthMonitor::start() {
    auto stored = m_store.healthRecords();
    if (!stored) {
        return stored.error();
    }
    {
        std::lock_guard turn(m_turnMutex);
        for (auto& [partition, value] : stored.value()) {
            if (auto record = HealthRecord::decode(value)) {
                m_records.emplace(partition, std::move(*record));
            } else {
                qCWarning(lcHealth,
                          "%s [%d]: the stored health record is unreadable; it starts "
                          "again",
                          partition.topic.c_str(), partition.partition);
            }
        }
    }
    m_thread = std::thread([this] { run(); });
    return {};
}

void HealthMonitor::stop() {
    {
        std::lock_guard lock(m_wakeMutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
        std::lock_guard turn(m_turnMutex);
        persist({});  // every record, so that the next start goes on from here
    }
}

void HealthMonitor::persist(const std::set<TopicPartition>& only) {
    std::vector<std::pair<TopicPartition, std::string>> values;
    for (const auto& [partition, record] : m_records) {
        if (only.empty() || only.contains(partition)) {
            values.emplace_back(partition, record.encode());
        }
    }
    if (values.empty()) {
        return;
    }
    // Not synced: a turn lost in a crash costs samples of history, never an event.
    if (const Result<void> kept = m_store.putHealth(values); !kept) {
        qCWarning(lcHealth, "cannot keep the health records: %s",
                  qUtf8Printable(kept.error().message));
    }
}

void HealthMonitor::run() {
    std::unique_lock lock(m_wakeMutex);
    // The first turn after an interval: Low and High are asked of the cluster meanwhile.
    while (!m_wake.wait_for(lock, m_options.sampleInterval, [this] { return m_stopping; })) {
        lock.unlock();
        sampleNow();
        lock.lock();
    }
}

void HealthMonitor::sampleNow() {
    std::lock_guard turn(m_turnMutex);
    const int64_t now = m_clock();
    std::map<TopicPartition, PartitionHealth> views;
    HealthState worst = HealthState::Idle;  // idle only when every partition is
    std::vector<std::pair<TopicPartition, HealthTransition>> transitions;
    for (HealthInput& input : m_inputs()) {
        input.sample.timeMs = now;
        HealthRecord& record = m_records[input.partition];
        if (const auto transition = m_rules.update(record, input.sample)) {
            transitions.emplace_back(input.partition, *transition);
        }
        PartitionHealth view{
            record.state, record.sinceMs, record.lost, HealthRules::rates(record.samples), {}};
        view.highs.reserve(record.samples.size());
        for (const HealthSample& sample : record.samples) {
            view.highs.emplace_back(sample.timeMs, sample.high);
        }
        worst = worseOf(worst, record.state);
        views.emplace(input.partition, std::move(view));
    }
    if (views.empty()) {
        worst = HealthState::Ok;
    }
    publish(std::move(views), worst);
    // A state change is kept at once; the samples every few seconds only: 2,000 partitions'
    // records at every turn would be megabytes a second.
    if (now - m_persistedAtMs >= kPersistEveryMs) {
        m_persistedAtMs = now;
        persist({});
    } else if (!transitions.empty()) {
        std::set<TopicPartition> changed;
        for (const auto& [partition, transition] : transitions) {
            changed.insert(partition);
        }
        persist(changed);
    }
    for (const auto& [partition, transition] : transitions) {
        m_changed(partition, transition);
    }
}

void HealthMonitor::publish(std::map<TopicPartition, PartitionHealth> views, HealthState worst) {
    std::lock_guard lock(m_viewMutex);
    m_views = std::move(views);
    m_worst = worst;
}

std::optional<PartitionHealth> HealthMonitor::health(const TopicPartition& partition) const {
    std::lock_guard lock(m_viewMutex);
    const auto it = m_views.find(partition);
    return it == m_views.end() ? std::nullopt : std::optional<PartitionHealth>(it->second);
}

HealthState HealthMonitor::worst() const {
    std::lock_guard lock(m_viewMutex);
    return m_worst;
}

std::optional<int64_t> HealthMonitor::inLogSinceMs(const TopicPartition& partition,
                                                   int64_t position) const {
    std::lock_guard lock(m_viewMutex);
    const auto it = m_views.find(partition);
    if (it == m_views.end()) {
        return std::nullopt;
    }
    std::optional<int64_t> since;
    // Newest first: the oldest sample of the stretch in which High has been past the position.
    for (auto sample = it->second.highs.rbegin(); sample != it->second.highs.rend(); ++sample) {
        if (sample->second <= position) {
            break;
        }
        since = sample->first;
    }
    return since;
}

}  // namespace mtga
