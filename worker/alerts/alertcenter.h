#pragma once

// AlertCenter: turns what goes wrong (and right again) into notices people can bear at 3 a.m.:
// deduplicated per key (an alert that is still firing with the same content is not sent again,
// except every repeat_interval as a reminder), rate-limited per key (at most one notice per
// min_interval; what changes meanwhile goes out once the interval has passed, and a problem
// that came and went within it is kept in the history but not sent), with a resolved notice
// when a firing key clears. Every change is kept in the history. Any thread.

#include "shared/values/alert.h"
#include "worker/alerts/alertoptions.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

namespace mtga {

class AlertCenter {
public:
    using Deliver = std::function<void(const Alert&)>;
    // Keeps an alert in the history (assigning its id); called under the center's lock.
    using Keep = std::function<void(Alert&)>;
    using Clock = std::function<int64_t()>;  // epoch ms

    AlertCenter(AlertOptions options, QString worker, QString host, Deliver deliver, Keep keep,
                Clock clock = {});

    // `alert.key`, `kind`, `severity`, `summary` (and what else it has) set; the center adds
    // the status, worker, host and time.
    void raise(Alert alert);
    // Clears `alert.key` if it is firing, with a resolved notice saying `alert.summary`.
    void resolve(Alert alert);
    // A notice not tied to a state (an error in the log): rate-limited per key, never resolved.
    void notify(Alert alert);
    // Sends what waited for its interval and the reminders; the host calls it every second.
    void tick();
    bool isFiring(const QString& key) const;
    const QString& worker() const { return m_worker; }
    const QString& host() const { return m_host; }
    // The newest `limit` alerts this process kept, newest first.
    std::vector<Alert> recent(size_t limit) const;

private:
    struct KeyState {
        bool firing = false;
        Alert last;               // the newest of the key, sent or not
        int64_t sentAtMs = 0;     // 0: nothing sent yet
        bool pending = false;     // `last` waits for the interval
        bool firingSent = false;  // the firing notice went out (so a resolve is worth sending)
    };

    void record(Alert& alert);
    void offer(KeyState& state, int64_t now);
    void deliver(KeyState& state, int64_t now);
    static bool sameContent(const Alert& a, const Alert& b);

    AlertOptions m_options;
    QString m_worker;
    QString m_host;
    Deliver m_deliver;
    Keep m_keep;
    Clock m_clock;
    mutable std::mutex m_mutex;
    std::map<QString, KeyState> m_keys;
    std::deque<Alert> m_recent;
};

}  // namespace mtga
