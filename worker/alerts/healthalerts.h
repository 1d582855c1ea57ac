#pragma once

// HealthAlerts: the partitions' health changes as alerts, one per bad state with every
// partition in it (a blocked output stalls 2,000 partitions at once: that is one notice, not
// 2,000), raised when a partition enters the state, updated as partitions join or leave it, and
// resolved when none is left. Each says what to run next.

#include "worker/alerts/alertcenter.h"
#include "worker/health/healthrecord.h"
#include "worker/kafka/topicpartition.h"

#include <QCoreApplication>
#include <QString>

#include <map>
#include <mutex>
#include <optional>

namespace mtga {

class HealthAlerts {
    Q_DECLARE_TR_FUNCTIONS(HealthAlerts)

public:
    // `configFile`: what the hints pass as -c.
    HealthAlerts(AlertCenter& center, QString configFile);

    // Any thread (the health monitor's). `lagSeconds`: the partition's lag in time then.
    void changed(const TopicPartition& partition, const HealthTransition& transition,
                 std::optional<double> lagSeconds);

private:
    struct Bad {
        HealthState state = HealthState::Ok;
        int64_t lag = -1;
        int64_t lost = 0;
        std::optional<double> lagSeconds;
    };

    void update(HealthState state);
    QString hintFor(HealthState state, const QString& topic) const;
    static QString summaryOf(HealthState state, qsizetype partitions, int64_t lost);

    AlertCenter& m_center;
    QString m_configFile;
    std::mutex m_mutex;
    std::map<TopicPartition, Bad> m_bad;
};

}  // namespace mtga
