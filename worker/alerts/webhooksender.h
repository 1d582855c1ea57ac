#pragma once

// WebhookSender: delivers alerts to the configured webhooks (HTTP or HTTPS POST with the
// system's CA store) on a thread of its own, so that nothing the pipeline or the control socket
// does ever waits for a receiver: send() queues and returns. Each attempt has a timeout; a
// failed one (no answer, an HTTP status not 2xx) is tried again after a backoff that doubles,
// up to `retries` times. What waits is bounded: past maxPending the oldest delivery is dropped
// and counted, so a receiver that is down for days costs a fixed amount of memory.

#include "shared/values/alert.h"
#include "worker/alerts/alertoptions.h"

#include <QCoreApplication>
#include <QObject>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

class QNetworkAccessManager;
class QThread;

namespace mtga {

struct WebhookStats {
    qint64 delivered = 0;
    qint64 failed = 0;   // gave up after every retry
    qint64 dropped = 0;  // never tried: the queue was full
    qint64 pending = 0;  // waiting or in flight
};

class WebhookSender : public QObject {
    Q_OBJECT

public:
    using TestDone = std::function<void(AlertTestReply)>;

    explicit WebhookSender(AlertOptions options);
    // Stops its thread: deliveries not done yet are dropped.
    ~WebhookSender() override;

    // To every webhook; any thread, never blocks.
    void send(const Alert& alert);
    // `alert` to every webhook once, without retries; `done` (on the sender's thread) gets each
    // receiver's result once all have answered or timed out.
    void sendTest(const Alert& alert, TestDone done);
    WebhookStats stats() const;
    const AlertOptions& options() const { return m_options; }

    // A receiver as alerts_test reports it: the URL without its query (where tokens live).
    static QString describe(const QUrl& url);

private:
    struct Job {
        Webhook hook;
        QByteArray body;
        int attempts = 0;
        bool test = false;
        std::function<void(const ReceiverResult&)> done;  // tests only
    };

    Q_INVOKABLE void pump();
    void start(std::shared_ptr<Job> job);
    void finished(std::shared_ptr<Job> job, int httpStatus, const QString& error);
    void enqueue(std::shared_ptr<Job> job);

    AlertOptions m_options;
    QThread* m_thread = nullptr;
    QNetworkAccessManager* m_network = nullptr;  // lives in m_thread
    mutable std::mutex m_mutex;
    std::deque<std::shared_ptr<Job>> m_queue;  // guarded by m_mutex
    int m_inFlight = 0;                        // the sender's thread only
    std::atomic<qint64> m_delivered{0};
    std::atomic<qint64> m_failed{0};
    std::atomic<qint64> m_dropped{0};
    std::atomic<qint64> m_pending{0};
};

}  // namespace mtga
