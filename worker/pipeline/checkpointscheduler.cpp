#include "worker/pipeline/checkpointscheduler.h"

#include <utility>

namespace mtga {

CheckpointScheduler::CheckpointScheduler(std::chrono::milliseconds interval,
                                         std::function<void()> turn)
    : m_interval(interval), m_turn(std::move(turn)) {}

CheckpointScheduler::~CheckpointScheduler() {
    requestStop();
    join();
}

void CheckpointScheduler::start() {
    m_thread = std::thread([this] { loop(); });
}

void CheckpointScheduler::requestSoon() {
    m_soon.store(true);
    wake();
}

void CheckpointScheduler::requestReplay() {
    m_replay.store(true);
    m_soon.store(true);
    wake();
}

void CheckpointScheduler::requestStop() {
    m_stopping.store(true);
    wake();
}

void CheckpointScheduler::join() {
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void CheckpointScheduler::wake() {
    // Under the mutex: a waiter between its predicate check and its sleep cannot miss it.
    std::lock_guard lock(m_mutex);
    m_wake.notify_all();
}

void CheckpointScheduler::loop() {
    while (true) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, m_interval,
                            [this] { return m_stopping.load() || m_soon.load(); });
        }
        if (m_stopping.load()) {
            return;
        }
        m_soon.store(false);
        m_turn();
        m_turns.fetch_add(1);
    }
}

}  // namespace mtga
