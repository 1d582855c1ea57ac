// Pipeline's health: the monitor's inputs (the board's positions, the source's Low and High,
// what the position guard found), its state changes, and the lag in time and the rates that
// stats() adds to every partition.

#include "worker/pipeline/pipeline.h"
#include "worker/pipeline/pipelineinternal.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcHealth)

namespace mtga {

using namespace pipelineinternal;

Result<void> Pipeline::startHealth() {
    m_health = std::make_unique<HealthMonitor>(
        m_options.health, *m_store, [this] { return healthInputs(); },
        [this](const TopicPartition& partition, const HealthTransition& transition) {
            healthChanged(partition, transition);
        });
    return m_health->start();
}

void Pipeline::setHealthListener(HealthListener listener) {
    std::lock_guard lock(m_healthListenerMutex);
    m_healthListener = std::move(listener);
}

HealthState Pipeline::health() const {
    return m_health ? m_health->worst() : HealthState::Ok;
}

std::vector<HealthInput> Pipeline::healthInputs() {
    const PipelineStats board = m_board.read();  // positions as processed, not clamped to Low
    const auto alarms =
        m_positions ? m_positions->alarms() : std::map<TopicPartition, PositionGuard::Alarm>{};
    const int64_t serial = m_store->resetSerial();
    std::vector<HealthInput> inputs;
    inputs.reserve(board.partitions.size());
    for (const PartitionProgress& progress : board.partitions) {
        HealthInput input{progress.partition, {}};
        HealthSample& sample = input.sample;
        if (m_source) {
            m_source->watermarks(progress.partition, &sample.low, &sample.high);
        }
        sample.position = progress.nextOffset;
        sample.checkpointed = progress.checkpointed;
        sample.read = m_arrivals.readNext(progress.partition);
        sample.resetSerial = serial;
        if (const auto alarm = alarms.find(progress.partition); alarm != alarms.end()) {
            int64_t& seen = m_lostSeen[progress.partition];
            // The guard counts from its assignment: a smaller total is a new assignment.
            sample.lost =
                alarm->second.lost >= seen ? alarm->second.lost - seen : alarm->second.lost;
            seen = alarm->second.lost;
            sample.logWentBack = alarm->second.stopped;
        }
        inputs.push_back(std::move(input));
    }
    return inputs;
}

void Pipeline::healthChanged(const TopicPartition& partition, const HealthTransition& transition) {
    const std::string from(healthStateName(transition.from));
    const std::string to(healthStateName(transition.to));
    if (isBadHealth(transition.to)) {
        qCWarning(lcHealth, "%s [%d]: health %s -> %s (lag %lld, lost %lld)",
                  partition.topic.c_str(), partition.partition, from.c_str(), to.c_str(),
                  static_cast<long long>(transition.lag), static_cast<long long>(transition.lost));
    } else {
        qCInfo(lcHealth, "%s [%d]: health %s -> %s (lag %lld)", partition.topic.c_str(),
               partition.partition, from.c_str(), to.c_str(),
               static_cast<long long>(transition.lag));
    }
    (void)m_store->audit("health", "{\"topic\":\"" + partition.topic +
                                       "\",\"partition\":" + std::to_string(partition.partition) +
                                       ",\"from\":\"" + from + "\",\"to\":\"" + to +
                                       "\",\"lag\":" + std::to_string(transition.lag) +
                                       ",\"lost\":" + std::to_string(transition.lost) + "}");
    std::lock_guard lock(m_healthListenerMutex);
    if (m_healthListener) {
        // One partition's, not stats(): a blocked output changes 2,000 partitions in one turn.
        std::optional<double> lagSeconds;
        if (auto progress = m_board.progressOf(partition)) {
            addWatermarks(*progress);
            addHealth(*progress, nowMs());
            lagSeconds = progress->lagSeconds;
        }
        m_healthListener(partition, transition, lagSeconds);
    }
}

void Pipeline::addHealth(PartitionProgress& progress, int64_t now) const {
    const int64_t lag = progress.high >= 0 && progress.nextOffset >= 0
                            ? std::max<int64_t>(progress.high - progress.nextOffset, 0)
                            : -1;
    if (lag == 0) {
        progress.lagSeconds = 0.0;
    } else if (lag > 0) {
        // The broker's time of the next unprocessed message when it was taken already; else
        // when the samples first saw High past it (as precise as the sample interval).
        auto since = m_arrivals.timestampAt(progress.partition, progress.nextOffset);
        if (!since && m_health) {
            since = m_health->inLogSinceMs(progress.partition, progress.nextOffset);
        }
        if (since) {
            progress.lagSeconds = static_cast<double>(std::max<int64_t>(now - *since, 0)) / 1000.0;
        }
    }
    const auto health = m_health ? m_health->health(progress.partition) : std::nullopt;
    if (!health) {
        return;
    }
    progress.health = health->state;
    progress.healthSinceMs = health->sinceMs;
    progress.lost = health->lost;
    if (health->rates.known) {
        progress.consumeRate = health->rates.consume;
        progress.produceRate = health->rates.produce;
    }
    // Stalled or stopped, the position does not move now: a rate from earlier in the window
    // (a catch-up before the output stopped) would promise a catch-up that is not happening.
    const bool moving =
        health->state != HealthState::Stall && health->state != HealthState::Stopped;
    progress.etaSeconds =
        lag >= 0 && moving ? HealthRules::etaSeconds(lag, health->rates) : std::nullopt;
}

}  // namespace mtga
