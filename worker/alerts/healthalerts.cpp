#include "worker/alerts/healthalerts.h"

#include <algorithm>

namespace mtga {

HealthAlerts::HealthAlerts(AlertCenter& center, QString configFile)
    : m_center(center), m_configFile(std::move(configFile)) {}

void HealthAlerts::changed(const TopicPartition& partition, const HealthTransition& transition,
                           std::optional<double> lagSeconds) {
    std::lock_guard lock(m_mutex);
    if (isBadHealth(transition.to)) {
        m_bad[partition] = {transition.to, transition.lag, transition.lost, lagSeconds};
    } else {
        m_bad.erase(partition);
    }
    if (isBadHealth(transition.from) && transition.from != transition.to &&
        std::none_of(m_bad.begin(), m_bad.end(),
                     [&](const auto& bad) { return bad.second.state == transition.from; })) {
        // Resolved once the last partition left the state; one leaving before is no news.
        update(transition.from);
    }
    if (isBadHealth(transition.to)) {
        update(transition.to);
    }
}

void HealthAlerts::update(HealthState state) {
    Alert alert;
    const QString name = healthStateLatin1(state);
    alert.key = QStringLiteral("health:") + name;
    alert.kind = QStringLiteral("health");
    alert.health = name;
    alert.severity = healthSeverity(state) >= healthSeverity(HealthState::Stopped)
                         ? QString(Alert::kCritical)
                         : QString(Alert::kWarning);
    int64_t lag = 0;
    int64_t lost = 0;
    bool lagKnown = false;
    QString topic;
    for (const auto& [partition, bad] : m_bad) {
        if (bad.state != state) {
            continue;
        }
        alert.partitions << QStringLiteral("%1[%2]")
                                .arg(QString::fromStdString(partition.topic))
                                .arg(partition.partition);
        topic = QString::fromStdString(partition.topic);
        if (bad.lag >= 0) {
            lag += bad.lag;
            lagKnown = true;
        }
        lost += bad.lost;
        if (bad.lagSeconds) {
            alert.lagSeconds = std::max(alert.lagSeconds.value_or(0.0), *bad.lagSeconds);
        }
    }
    if (lagKnown) {
        alert.lag = lag;
    }
    alert.hint = hintFor(state, topic);
    if (alert.partitions.isEmpty()) {
        alert.summary = tr("no partition is %1 any more").arg(name);
        alert.lagSeconds.reset();
        m_center.resolve(std::move(alert));
        return;
    }
    alert.summary = summaryOf(state, alert.partitions.size(), lost);
    m_center.raise(std::move(alert));
}

QString HealthAlerts::summaryOf(HealthState state, qsizetype partitions, int64_t lost) {
    const int count = static_cast<int>(partitions);
    switch (state) {
        case HealthState::DataLoss:
            return tr("%n partition(s) lost events: retention deleted %1 before they were read", "",
                      count)
                .arg(lost);
        case HealthState::Rewind:
            return tr("%n partition(s) went back without an offset reset", "", count);
        case HealthState::Stopped:
            return tr("%n partition(s) stopped: data waits and nothing is consumed", "", count);
        case HealthState::Stall:
            return tr("%n partition(s) stalled: data waits and the position does not move", "",
                      count);
        case HealthState::Warn:
            return tr("%n partition(s) fall behind: the lag grows", "", count);
        case HealthState::Ok:
        case HealthState::Idle:
            break;
    }
    return {};
}

QString HealthAlerts::hintFor(HealthState state, const QString& topic) const {
    const QString config =
        m_configFile.isEmpty() ? QString() : QStringLiteral(" -c ") + m_configFile;
    switch (state) {
        case HealthState::Rewind:
            return QStringLiteral("mtga status%1; mtga reset_journal%1").arg(config);
        case HealthState::DataLoss:
        case HealthState::Stopped:
        case HealthState::Stall:
            return QStringLiteral("mtga status%1; mtga offset_checker%1 --topic %2")
                .arg(config, topic);
        default:
            return QStringLiteral("mtga offset_checker%1 --topic %2").arg(config, topic);
    }
}

}  // namespace mtga
