#pragma once

// WorkQueues: the pipeline's hand-over from the source thread to its transform threads. One
// queue per thread; a partition always goes to the same queue, so its order is kept. A queue
// past its limits takes nothing more (back-pressure: the source offers it again later), and the
// queues count what is in flight (queued or taken, not yet done) so a revoke or a stop can wait
// until it is written.
//
// `Traits` tells the queues about an item: `topic(item)` (a string_view), `partition(item)` and
// `bytes(item)`. The pipeline queues librdkafka messages; the unit tests queue plain structs.

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace mtga {

template <typename Item, typename Traits>
class WorkQueues {
public:
    struct Limits {
        qint64 maxItems = 50'000;  // per queue
        qint64 maxBytes = qint64{64} * 1024 * 1024;
    };

    WorkQueues(size_t count, Limits limits) : m_limits(limits) {
        for (size_t i = 0; i < count; ++i) {
            m_queues.push_back(std::make_unique<Queue>());
        }
    }

    size_t count() const { return m_queues.size(); }

    size_t queueOf(std::string_view topic, int32_t partition) const {
        const size_t hash = std::hash<std::string_view>{}(topic) ^
                            (static_cast<size_t>(partition) * 0x9e3779b97f4a7c15ULL);
        return hash % m_queues.size();
    }

    // Queues `items`: all of a queue's share, or (while it stays full until `deadline`) none of
    // it; what a full queue did not take is left in `items`, in order, to be offered again. An
    // item `admit` refuses is dropped. False once the intake is closed: nothing more is taken,
    // and `items` is left empty (what was not queued is consumed again next time).
    template <typename Admit>
    bool offer(std::vector<Item>& items, std::chrono::steady_clock::time_point deadline,
               Admit&& admit) {
        std::vector<std::vector<Item>> perQueue(m_queues.size());
        for (Item& item : items) {
            perQueue[queueOf(Traits::topic(item), Traits::partition(item))].push_back(
                std::move(item));
        }
        items.clear();
        for (size_t index = 0; index < perQueue.size(); ++index) {
            std::vector<Item>& share = perQueue[index];
            if (share.empty()) {
                continue;
            }
            qint64 size = 0;
            for (const Item& item : share) {
                size += Traits::bytes(item);
            }
            Queue& queue = *m_queues[index];
            std::unique_lock lock(queue.mutex);
            const auto full = [&] {
                return (static_cast<qint64>(queue.items.size()) >= m_limits.maxItems ||
                        queue.bytes + size > m_limits.maxBytes) &&
                       !queue.items.empty();
            };
            queue.changed.wait_until(lock, deadline, [&] { return !full() || intakeClosed(); });
            if (intakeClosed()) {
                items.clear();
                return false;
            }
            if (full()) {
                for (Item& item : share) {
                    items.push_back(std::move(item));
                }
                continue;
            }
            const bool wasEmpty = queue.items.empty();
            int64_t queued = 0;
            for (Item& item : share) {
                if (admit(item)) {
                    queue.bytes += Traits::bytes(item);
                    queue.items.push_back(std::move(item));
                    ++queued;
                }
            }
            m_inFlight.fetch_add(queued);
            if (wasEmpty && queued > 0) {
                queue.changed.notify_all();  // only an empty queue has a thread waiting on it
            }
        }
        return true;
    }

    // Waits until queue `index` holds something, then moves up to `max` items into `out` and
    // calls `underLock()` while still holding the queue's lock (drop() takes it too, so what
    // underLock() reads is consistent with what was taken). False once abandoned: what the queue
    // held is discarded, not done.
    template <typename UnderLock>
    bool take(size_t index, size_t max, std::vector<Item>& out, UnderLock&& underLock) {
        Queue& queue = *m_queues[index];
        std::unique_lock lock(queue.mutex);
        queue.changed.wait(lock, [&] { return !queue.items.empty() || m_abandoned.load(); });
        if (m_abandoned.load()) {
            finish(static_cast<int64_t>(queue.items.size()));
            queue.items.clear();
            queue.bytes = 0;
            return false;
        }
        underLock();
        for (size_t taken = 0; !queue.items.empty() && taken < max; ++taken) {
            queue.bytes -= Traits::bytes(queue.items.front());
            out.push_back(std::move(queue.items.front()));
            queue.items.pop_front();
        }
        queue.changed.notify_all();  // room for a waiting offer
        return true;
    }

    // `count` items taken earlier are written (or given up on).
    void done(int64_t count) { finish(count); }

    // Removes the queued items of the partitions `matches(topic, partition)` selects; they are
    // not in flight any more. Returns how many were removed.
    template <typename Matches>
    size_t drop(Matches&& matches) {
        size_t removed = 0;
        for (auto& queue : m_queues) {
            std::lock_guard lock(queue->mutex);
            const size_t before = queue->items.size();
            std::erase_if(queue->items, [&](const Item& item) {
                if (!matches(Traits::topic(item), Traits::partition(item))) {
                    return false;
                }
                queue->bytes -= Traits::bytes(item);
                return true;
            });
            const size_t gone = before - queue->items.size();
            removed += gone;
            finish(static_cast<int64_t>(gone));
            queue->changed.notify_all();
        }
        return removed;
    }

    int64_t inFlight() const { return m_inFlight.load(); }

    // Whether everything offered so far is done by `deadline`.
    bool waitDrained(std::chrono::steady_clock::time_point deadline) {
        std::unique_lock lock(m_drainMutex);
        return m_drained.wait_until(lock, deadline, [this] { return m_inFlight.load() <= 0; });
    }

    // No more offers are taken; the transform threads go on with what is queued.
    void closeIntake() {
        m_intakeClosed.store(true);
        wakeAll();
    }
    bool intakeClosed() const { return m_intakeClosed.load() || m_abandoned.load(); }

    // The threads stop taking: take() returns false, and what is queued is discarded.
    void abandon() {
        m_abandoned.store(true);
        wakeAll();
    }
    bool abandoned() const { return m_abandoned.load(); }

private:
    struct Queue {
        std::mutex mutex;
        std::condition_variable changed;
        std::deque<Item> items;
        qint64 bytes = 0;
    };

    void finish(int64_t count) {
        if (count > 0 && m_inFlight.fetch_sub(count) == count) {
            std::lock_guard lock(m_drainMutex);
            m_drained.notify_all();
        }
    }

    void wakeAll() {
        for (auto& queue : m_queues) {
            std::lock_guard lock(queue->mutex);
            queue->changed.notify_all();
        }
        std::lock_guard lock(m_drainMutex);
        m_drained.notify_all();
    }

    Limits m_limits;
    std::vector<std::unique_ptr<Queue>> m_queues;
    std::atomic<int64_t> m_inFlight{0};
    std::atomic<bool> m_intakeClosed{false};
    std::atomic<bool> m_abandoned{false};
    std::mutex m_drainMutex;
    std::condition_variable m_drained;
};

}  // namespace mtga
