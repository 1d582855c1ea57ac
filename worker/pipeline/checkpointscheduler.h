#pragma once

// CheckpointScheduler: the checkpoint thread. It runs the pipeline's checkpoint turn every
// interval, sooner when asked (a new file, many bytes since the last checkpoint, a replay
// requested by a reload), and never after a stop was requested. Every wait has a predicate: a
// request made while a turn runs is seen by the next wait, not lost; and a replay that cannot
// run (the checkpoint before it fails) waits for the interval instead of spinning.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace mtga {

class CheckpointScheduler {
public:
    CheckpointScheduler(std::chrono::milliseconds interval, std::function<void()> turn);
    ~CheckpointScheduler();
    CheckpointScheduler(const CheckpointScheduler&) = delete;
    CheckpointScheduler& operator=(const CheckpointScheduler&) = delete;

    void start();
    // The next turn comes now (or right after the one in progress). Any thread.
    void requestSoon();
    // A replay of the failure queue is wanted: the next turn comes now, and the first turn
    // that can replay takes it with takeReplayRequest(). A request no turn could take yet does
    // not wake the thread again: the turns go on at the interval.
    void requestReplay();
    // The same, without waking the thread (a replay the output did not take completely).
    void requestReplayLater() { m_replay.store(true); }
    bool takeReplayRequest() { return m_replay.exchange(false); }
    // No turn starts after this; the one in progress finishes. join() waits for it.
    void requestStop();
    void join();
    uint64_t turns() const { return m_turns.load(); }

private:
    void loop();
    void wake();

    const std::chrono::milliseconds m_interval;
    const std::function<void()> m_turn;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::atomic<bool> m_soon{false};
    std::atomic<bool> m_replay{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<uint64_t> m_turns{0};
    std::thread m_thread;
};

}  // namespace mtga
