#include "worker/pipeline/operatorjob.h"

namespace mtga {

bool OperatorJob::start(std::function<void()> job) {
    std::lock_guard lock(m_mutex);
    if (m_running.load()) {
        return false;
    }
    if (m_thread.joinable()) {
        m_thread.join();
    }
    m_running.store(true);
    m_thread = std::thread([this, job = std::move(job)] {
        job();
        m_running.store(false);
    });
    return true;
}

void OperatorJob::join() {
    std::lock_guard lock(m_mutex);
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

}  // namespace mtga
