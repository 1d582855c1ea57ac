#pragma once

// AlertService: a worker's alerts, for as long as its process runs (pipelines come and go with
// restarts): the webhooks' sender, the center that deduplicates and rate-limits, the health
// alerts of the current pipeline, and once a second the failure queue against its threshold and
// the self-checks; error-level log lines become alerts too. The history goes into the current
// pipeline's store (kept in memory while there is none). Lives in the host's thread.

#include "shared/values/alert.h"
#include "worker/alerts/alertcenter.h"
#include "worker/alerts/healthalerts.h"
#include "worker/alerts/webhooksender.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <mutex>
#include <set>

namespace mtga {

class ControlServer;
class Pipeline;
class Store;

class AlertService : public QObject {
    Q_OBJECT

public:
    // `configFile` goes into the hints (-c FILE).
    AlertService(AlertOptions options, QString worker, QString configFile,
                 QObject* parent = nullptr);
    ~AlertService() override;

    // The pipeline whose health, failure queue and self-checks are watched, and whose store
    // keeps the history; null while none runs. In this object's thread.
    void watch(Pipeline* pipeline);
    // `alerts` and `alerts_test`.
    void registerCommands(ControlServer& server);

    Result<AlertsReply> history(size_t limit) const;
    AlertCenter& center() { return *m_center; }
    WebhookSender& sender() { return *m_sender; }

private:
    void check();
    void keep(Alert& alert);
    void logged(const QString& category, const QString& message);

    AlertOptions m_options;
    QString m_configFile;
    std::unique_ptr<WebhookSender> m_sender;
    std::unique_ptr<AlertCenter> m_center;
    std::unique_ptr<HealthAlerts> m_health;
    QTimer m_timer;
    Pipeline* m_pipeline = nullptr;  // this thread only
    mutable std::mutex m_storeMutex;
    Store* m_store = nullptr;  // guarded by m_storeMutex: the health monitor's thread keeps too
    std::set<std::string> m_failedChecks;
};

}  // namespace mtga
