#pragma once

// AlertOptions: where alerts go and how often (the `alerts` section of the configuration;
// docs/configuration.md). These initialisers are the configuration's defaults.

#include "worker/alerts/alertformats.h"

#include <QString>
#include <QUrl>

#include <chrono>
#include <vector>

namespace mtga {

struct Webhook {
    QUrl url;
    AlertFormat format = AlertFormat::Generic;
    bool operator==(const Webhook&) const = default;
};

struct AlertOptions {
    std::vector<Webhook> webhooks;
    std::chrono::milliseconds timeout{10'000};      // per attempt
    int retries = 5;                                // after the first attempt
    std::chrono::milliseconds retryBackoff{2'000};  // before the first retry; doubles
    // At most one notice per alert key this often; changes meanwhile go out together after it.
    std::chrono::milliseconds minInterval{60'000};
    // A still-firing alert is sent again this often.
    std::chrono::milliseconds repeatInterval{4 * 3'600'000};
    qint64 failureQueueThreshold = 1000;  // 0: no failure-queue alert
    QString name;                         // the worker in alerts; empty: sink.instance
    int maxPending = 1000;                // deliveries waiting; past it the oldest are dropped
    bool operator==(const AlertOptions&) const = default;
};

}  // namespace mtga
