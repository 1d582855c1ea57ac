#include "worker/alerts/alertcenter.h"

#include <QDateTime>

namespace mtga {
namespace {

constexpr size_t kRecentKept = 200;

}  // namespace

AlertCenter::AlertCenter(AlertOptions options, QString worker, QString host, Deliver deliver,
                         Keep keep, Clock clock)
    : m_options(std::move(options)),
      m_worker(std::move(worker)),
      m_host(std::move(host)),
      m_deliver(std::move(deliver)),
      m_keep(std::move(keep)),
      m_clock(clock ? std::move(clock) : [] { return QDateTime::currentMSecsSinceEpoch(); }) {}

bool AlertCenter::sameContent(const Alert& a, const Alert& b) {
    return a.status == b.status && a.summary == b.summary && a.partitions == b.partitions &&
           a.health == b.health && a.severity == b.severity;
}

void AlertCenter::raise(Alert alert) {
    std::lock_guard lock(m_mutex);
    const int64_t now = m_clock();
    alert.status = Alert::kFiring;
    KeyState& state = m_keys[alert.key];
    if (state.firing && sameContent(state.last, alert)) {
        return;  // still the same: the reminder is tick()'s
    }
    alert.timeMs = now;
    record(alert);
    state.firing = true;
    state.last = std::move(alert);
    offer(state, now);
}

void AlertCenter::resolve(Alert alert) {
    std::lock_guard lock(m_mutex);
    const auto it = m_keys.find(alert.key);
    if (it == m_keys.end() || !it->second.firing) {
        return;
    }
    KeyState& state = it->second;
    const int64_t now = m_clock();
    alert.status = Alert::kResolved;
    alert.timeMs = now;
    record(alert);
    state.firing = false;
    state.last = std::move(alert);
    if (!state.firingSent) {
        state.pending = false;  // came and went within the interval: nobody was told
        return;
    }
    offer(state, now);
}

void AlertCenter::notify(Alert alert) {
    std::lock_guard lock(m_mutex);
    const int64_t now = m_clock();
    alert.status = Alert::kFiring;
    alert.timeMs = now;
    record(alert);
    KeyState& state = m_keys[alert.key];
    state.last = std::move(alert);
    offer(state, now);
}

void AlertCenter::offer(KeyState& state, int64_t now) {
    if (state.sentAtMs == 0 || now - state.sentAtMs >= m_options.minInterval.count()) {
        deliver(state, now);
    } else {
        state.pending = true;
    }
}

void AlertCenter::deliver(KeyState& state, int64_t now) {
    state.pending = false;
    state.sentAtMs = now;
    state.firingSent = state.last.firing();
    m_deliver(state.last);
}

void AlertCenter::tick() {
    std::lock_guard lock(m_mutex);
    const int64_t now = m_clock();
    for (auto& [key, state] : m_keys) {
        if (state.pending && now - state.sentAtMs >= m_options.minInterval.count()) {
            deliver(state, now);
        } else if (state.firing && state.firingSent && state.last.kind != QLatin1String("log") &&
                   now - state.sentAtMs >= m_options.repeatInterval.count()) {
            deliver(state, now);  // a reminder: it is still firing
        }
    }
}

bool AlertCenter::isFiring(const QString& key) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_keys.find(key);
    return it != m_keys.end() && it->second.firing;
}

void AlertCenter::record(Alert& alert) {
    alert.worker = m_worker;
    alert.host = m_host;
    if (m_keep) {
        m_keep(alert);
    }
    m_recent.push_front(alert);
    while (m_recent.size() > kRecentKept) {
        m_recent.pop_back();
    }
}

std::vector<Alert> AlertCenter::recent(size_t limit) const {
    std::lock_guard lock(m_mutex);
    return {m_recent.begin(),
            m_recent.begin() + static_cast<std::ptrdiff_t>(std::min(limit, m_recent.size()))};
}

}  // namespace mtga
