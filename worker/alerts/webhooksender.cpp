#include "worker/alerts/webhooksender.h"

#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

Q_LOGGING_CATEGORY(lcAlerts, "mtga.alerts", QtInfoMsg)

namespace mtga {
namespace {

// Requests at once: one slow receiver must not hold up the others.
constexpr int kMaxInFlight = 8;
constexpr qint64 kMaxBackoffMs = 300'000;

}  // namespace

WebhookSender::WebhookSender(AlertOptions options) : m_options(std::move(options)) {
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("mtga-webhooks"));
    moveToThread(m_thread);
    m_thread->start();
}

WebhookSender::~WebhookSender() {
    QMetaObject::invokeMethod(
        this,
        [this] {
            delete m_network;  // aborts what is in flight, in the thread it lives in
            m_network = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

QString WebhookSender::describe(const QUrl& url) {
    return url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo | QUrl::RemoveFragment);
}

void WebhookSender::send(const Alert& alert) {
    for (const Webhook& hook : m_options.webhooks) {
        auto job = std::make_shared<Job>();
        job->hook = hook;
        job->body = AlertFormats::body(hook.format, alert);
        enqueue(std::move(job));
    }
}

void WebhookSender::sendTest(const Alert& alert, TestDone done) {
    struct Collect {
        AlertTestReply reply;
        size_t waiting = 0;
        TestDone done;
    };
    auto collect = std::make_shared<Collect>();
    collect->done = std::move(done);
    collect->waiting = m_options.webhooks.size();
    collect->reply.receivers.resize(m_options.webhooks.size());
    if (collect->waiting == 0) {
        QMetaObject::invokeMethod(this, [collect] { collect->done(collect->reply); });
        return;
    }
    for (size_t i = 0; i < m_options.webhooks.size(); ++i) {
        auto job = std::make_shared<Job>();
        job->hook = m_options.webhooks[i];
        job->body = AlertFormats::body(job->hook.format, alert);
        job->test = true;
        job->done = [collect, i](const ReceiverResult& result) {
            collect->reply.receivers[i] = result;
            if (--collect->waiting == 0) {
                collect->done(collect->reply);
            }
        };
        enqueue(std::move(job));
    }
}

void WebhookSender::enqueue(std::shared_ptr<Job> job) {
    {
        std::lock_guard lock(m_mutex);
        if (m_pending.load() >= m_options.maxPending && !job->test) {
            // The oldest waiting delivery goes (or this one, when all that is pending is in
            // flight or waiting for a retry): a receiver down for long must not hold memory.
            m_dropped.fetch_add(1);
            if (m_queue.empty()) {
                return;
            }
            m_queue.pop_front();
            m_pending.fetch_sub(1);
        }
        m_queue.push_back(std::move(job));
        m_pending.fetch_add(1);
    }
    QMetaObject::invokeMethod(this, &WebhookSender::pump, Qt::QueuedConnection);
}

void WebhookSender::pump() {
    while (m_inFlight < kMaxInFlight) {
        std::shared_ptr<Job> job;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty()) {
                return;
            }
            job = std::move(m_queue.front());
            m_queue.pop_front();
        }
        start(std::move(job));
    }
}

void WebhookSender::start(std::shared_ptr<Job> job) {
    if (!m_network) {
        m_network = new QNetworkAccessManager;
    }
    QNetworkRequest request(job->hook.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/json; charset=utf-8"));
    request.setTransferTimeout(static_cast<int>(m_options.timeout.count()));
    ++job->attempts;
    ++m_inFlight;
    QNetworkReply* reply = m_network->post(request, job->body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, job] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        QString error;
        if (reply->error() != QNetworkReply::NoError) {
            error = reply->errorString();
        } else if (status < 200 || status >= 300) {
            error = tr("HTTP status %1").arg(status);
        }
        reply->deleteLater();
        --m_inFlight;
        finished(job, status, error);
        pump();
    });
}

void WebhookSender::finished(std::shared_ptr<Job> job, int httpStatus, const QString& error) {
    const bool ok = error.isEmpty();
    if (!ok && !job->test && job->attempts <= m_options.retries) {
        const qint64 delay = std::min<qint64>(
            m_options.retryBackoff.count() << std::min(job->attempts - 1, 20), kMaxBackoffMs);
        QTimer::singleShot(delay, this, [this, job] {
            {
                std::lock_guard lock(m_mutex);
                m_queue.push_front(job);  // ahead of what is newer
            }
            pump();
        });
        return;
    }
    m_pending.fetch_sub(1);
    (ok ? m_delivered : m_failed).fetch_add(1);
    if (!ok && !job->test) {
        qCWarning(lcAlerts, "an alert to %s was not delivered after %d attempt(s): %s",
                  qUtf8Printable(describe(job->hook.url)), job->attempts, qUtf8Printable(error));
    }
    if (job->done) {
        job->done({describe(job->hook.url), QString::fromLatin1(alertFormatName(job->hook.format)),
                   ok, httpStatus, error, job->attempts});
    }
}

WebhookStats WebhookSender::stats() const {
    return {m_delivered.load(), m_failed.load(), m_dropped.load(), m_pending.load()};
}

}  // namespace mtga
