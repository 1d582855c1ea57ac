// The alerts section: AlertOptions (where alerts go and how often; docs/configuration.md).

#include "worker/config/configschema.h"
#include "worker/config/configunits.h"
#include "worker/config/workerconfig.h"

#include <QUrl>

namespace mtga {

using namespace configfields;

namespace {

// "FORMAT:URL" or a bare URL (generic): wecom:https://qyapi.weixin.qq.com/cgi-bin/webhook/...
void readWebhooks(Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
    const std::vector<Tree>* items = r.list(v, k);
    if (!items) {
        return;
    }
    std::vector<Webhook> hooks;
    bool ok = true;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const QString at = configItemPath(k, i);
        const auto text = r.string((*items)[i], at, false);
        if (!text) {
            ok = false;
            continue;
        }
        Webhook hook;
        QString url = *text;
        const qsizetype colon = url.indexOf(QLatin1Char(':'));
        if (const auto format = parseAlertFormat(url.left(colon).toStdString());
            colon > 0 && format) {
            hook.format = *format;
            url = url.mid(colon + 1);
        }
        hook.url = QUrl(url, QUrl::StrictMode);
        const QString scheme = hook.url.scheme();
        if (!hook.url.isValid() || hook.url.host().isEmpty() ||
            (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
            r.error((*items)[i].at, at,
                    WorkerConfig::tr("\"%1\" is not [FORMAT:]URL with an http or https URL "
                                     "(FORMAT: generic, wecom, dingtalk, feishu or slack)")
                        .arg(*text));
            ok = false;
            continue;
        }
        hooks.push_back(std::move(hook));
    }
    if (ok) {
        c.alerts.webhooks = std::move(hooks);
    }
}

}  // namespace

ConfigSection ConfigSchema::alerts() {
    return {
        "alerts",
        {
            {"webhooks", Shape::List, &readWebhooks},
            {"name", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.alerts.name, r.string(v, k, true));
             }},
            {"timeout", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.alerts.timeout,
                            r.duration(v, k, milliseconds(100), milliseconds(5 * Units::kMinute)));
             }},
            {"retries", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 if (auto n = r.integer(v, k, 0, 20)) {
                     c.alerts.retries = static_cast<int>(*n);
                 }
             }},
            {"retry_backoff", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.alerts.retryBackoff,
                            r.duration(v, k, milliseconds(100), milliseconds(10 * Units::kMinute)));
             }},
            {"min_interval", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.alerts.minInterval,
                            r.duration(v, k, milliseconds(0), milliseconds(24 * Units::kHour)));
             }},
            {"repeat_interval", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.alerts.repeatInterval,
                            r.duration(v, k, milliseconds(Units::kMinute),
                                       milliseconds(7 * 24 * Units::kHour)));
             }},
            {"failure_queue_threshold", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 assignRead(c.alerts.failureQueueThreshold, r.integer(v, k, 0, 1'000'000'000'000));
             }},
            {"max_pending", Shape::Scalar,
             [](Reader& r, const Tree& v, const QString& k, WorkerConfig& c, State&) {
                 if (auto n = r.integer(v, k, 10, 1'000'000)) {
                     c.alerts.maxPending = static_cast<int>(*n);
                 }
             }},
        }};
}

}  // namespace mtga
