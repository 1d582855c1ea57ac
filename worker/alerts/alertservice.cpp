#include "worker/alerts/alertservice.h"

#include "shared/commands.h"
#include "shared/logging.h"
#include "worker/control/controlserver.h"
#include "worker/pipeline/pipeline.h"
#include "worker/store/store.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSysInfo>

namespace mtga {
namespace {

constexpr qint64 kDefaultHistory = 50;
constexpr qint64 kMaxHistory = 1000;

// While an alert is being kept, its own errors (a store that fails) must not become alerts.
thread_local bool t_keeping = false;

}  // namespace

AlertService::AlertService(AlertOptions options, QString worker, QString configFile,
                           QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_configFile(std::move(configFile)) {
    m_sender = std::make_unique<WebhookSender>(m_options);
    m_center = std::make_unique<AlertCenter>(
        m_options, std::move(worker), QSysInfo::machineHostName(),
        [this](const Alert& alert) { m_sender->send(alert); },
        [this](Alert& alert) { keep(alert); });
    m_health = std::make_unique<HealthAlerts>(*m_center, m_configFile);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &AlertService::check);
    m_timer.start();
    Logging::setErrorHook([this](const char* category, const QString& message) {
        if (t_keeping || qstrcmp(category, "mtga.alerts") == 0) {
            return;
        }
        // Posted: the line may come from under any lock of any thread.
        QMetaObject::invokeMethod(
            this,
            [this, category = QString::fromLatin1(category), message] {
                logged(category, message);
            },
            Qt::QueuedConnection);
    });
}

AlertService::~AlertService() {
    Logging::setErrorHook({});
    watch(nullptr);
}

void AlertService::watch(Pipeline* pipeline) {
    if (m_pipeline) {
        m_pipeline->setHealthListener({});
    }
    m_pipeline = pipeline;
    {
        std::lock_guard lock(m_storeMutex);
        m_store = pipeline ? pipeline->storeIfOpen() : nullptr;
    }
    if (pipeline) {
        pipeline->setHealthListener([this](const TopicPartition& partition,
                                           const HealthTransition& transition,
                                           std::optional<double> lagSeconds) {
            m_health->changed(partition, transition, lagSeconds);
        });
    }
}

void AlertService::keep(Alert& alert) {
    std::lock_guard lock(m_storeMutex);
    if (!m_store) {
        return;  // between pipelines: in memory only
    }
    t_keeping = true;
    alert.id = m_store->takeAlertId();
    (void)m_store->putAlert(
        alert.id, QJsonDocument(alert.toJson()).toJson(QJsonDocument::Compact).toStdString());
    t_keeping = false;
}

void AlertService::logged(const QString& category, const QString& message) {
    Alert alert;
    alert.key = QStringLiteral("log:") + category;
    alert.kind = QStringLiteral("log");
    alert.severity = QString(Alert::kCritical);
    alert.summary = message.section(QLatin1Char('\n'), 0, 0).left(300);
    alert.detail = tr("an error in the worker's log (%1)").arg(category);
    alert.hint =
        QStringLiteral("mtga status%1")
            .arg(m_configFile.isEmpty() ? QString() : QStringLiteral(" -c ") + m_configFile);
    m_center->notify(std::move(alert));
}

void AlertService::check() {
    m_center->tick();
    if (!m_pipeline) {
        return;
    }
    const QString config =
        m_configFile.isEmpty() ? QString() : QStringLiteral(" -c ") + m_configFile;
    if (m_options.failureQueueThreshold > 0) {
        const auto count = static_cast<qint64>(m_pipeline->failureCount());
        Alert alert;
        alert.key = QStringLiteral("failure_queue");
        alert.kind = QStringLiteral("failure_queue");
        alert.severity = QString(Alert::kWarning);
        alert.detail = tr("%1 entries in the failure queue").arg(count);
        alert.hint = QStringLiteral("mtga failure_queue_count%1 --by-reason; mtga failures list%1")
                         .arg(config);
        if (count >= m_options.failureQueueThreshold) {
            alert.summary =
                tr("the failure queue passed %1 entries").arg(m_options.failureQueueThreshold);
            m_center->raise(std::move(alert));
        } else if (m_center->isFiring(alert.key)) {
            alert.summary = tr("the failure queue is below %1 entries again")
                                .arg(m_options.failureQueueThreshold);
            m_center->resolve(std::move(alert));
        }
    }
    for (const SelfCheckFinding& finding : m_pipeline->selfCheck()) {
        Alert alert;
        const QString name = QString::fromStdString(finding.check);
        alert.key = QStringLiteral("self_check:") + name;
        alert.kind = QStringLiteral("self_check");
        alert.severity = QString(Alert::kWarning);
        alert.detail = finding.detail;
        alert.hint = QStringLiteral("mtga status%1").arg(config);
        if (!finding.ok) {
            alert.summary = tr("self-check %1 failed").arg(name);
            m_center->raise(std::move(alert));
        } else if (m_center->isFiring(alert.key)) {
            alert.summary = tr("self-check %1 passes again").arg(name);
            m_center->resolve(std::move(alert));
        }
    }
}

Result<AlertsReply> AlertService::history(size_t limit) const {
    AlertsReply reply;
    std::lock_guard lock(m_storeMutex);
    if (!m_store) {
        reply.alerts = m_center->recent(limit);
        return reply;
    }
    auto stored = m_store->alerts(limit);
    if (!stored) {
        return stored.error();
    }
    for (const std::string& json : stored.value()) {
        const QJsonObject object =
            QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
        if (auto alert = Alert::fromJson(object, QStringLiteral("alert")); alert) {
            reply.alerts.push_back(std::move(alert).value());
        }
    }
    return reply;
}

void AlertService::registerCommands(ControlServer& server) {
    server.registerCommand(
        QString(kAlertsCommand), [this](const QJsonObject& args) -> Result<QJsonObject> {
            const qint64 limit = args.value(QLatin1String("limit")).toInteger(kDefaultHistory);
            if (limit < 1 || limit > kMaxHistory) {
                return Error::of(
                    ErrorCode::InvalidArgument,
                    tr("limit must be from 1 to %1, not %2").arg(kMaxHistory).arg(limit));
            }
            auto reply = history(static_cast<size_t>(limit));
            if (!reply) {
                return reply.error();
            }
            return reply->toJson();
        });
    server.registerDeferredCommand(
        QString(kAlertsTestCommand), [this](const QJsonObject&, ControlReply reply) {
            Alert alert;
            alert.key = QStringLiteral("test");
            alert.kind = QStringLiteral("test");
            alert.status = QString(Alert::kFiring);
            alert.severity = QString(Alert::kWarning);
            alert.summary = tr("a test alert: this receiver works");
            alert.detail = tr("sent by mtga alerts test");
            alert.timeMs = QDateTime::currentMSecsSinceEpoch();
            alert.worker = m_center->worker();
            alert.host = m_center->host();
            m_sender->sendTest(
                alert, [reply](const AlertTestReply& result) { reply.send(result.toJson()); });
        });
}

}  // namespace mtga
