#pragma once

// OperatorJob: one long operator request at a time (an offset reset, a retry or export of
// failures) on a thread of its own, so the control server answers when it is done without
// waiting on it. The pipeline joins it before it goes away, so a job may use the pipeline.

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>

namespace mtga {

class OperatorJob {
public:
    OperatorJob() = default;
    OperatorJob(const OperatorJob&) = delete;
    OperatorJob& operator=(const OperatorJob&) = delete;
    ~OperatorJob() { join(); }

    // False when a job is still running (the caller answers busy).
    bool start(std::function<void()> job);
    void join();
    bool running() const { return m_running.load(); }

private:
    std::mutex m_mutex;  // guards starting and joining m_thread
    std::thread m_thread;
    std::atomic<bool> m_running{false};
};

}  // namespace mtga
