#include "worker/cli/trafficprogress.h"

#include "worker/cli/terminal.h"
#include "worker/demo/trafficproducer.h"

#include <QTime>

namespace mtga::cli {

TrafficProgress::TrafficProgress(const TrafficProducer& producer, QObject* parent)
    : QObject(parent), m_producer(producer) {
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &TrafficProgress::printNow);
}

void TrafficProgress::start() {
    m_clock.start();
    m_timer.start();
}

void TrafficProgress::printNow() {
    const qint64 nowMs = m_clock.elapsed();
    const quint64 enqueued = m_producer.enqueued();
    const qint64 spanMs = std::max<qint64>(nowMs - m_lastMs, 1);
    const double rate =
        1000.0 * static_cast<double>(enqueued - m_lastEnqueued) / static_cast<double>(spanMs);
    m_lastEnqueued = enqueued;
    m_lastMs = nowMs;
    QString line = tr("[%1] produced %2 (%3/s), acknowledged by Kafka %4, failed %5")
                       .arg(QTime::fromMSecsSinceStartOfDay(static_cast<int>(nowMs))
                                .toString(QStringLiteral("HH:mm:ss")))
                       .arg(enqueued)
                       .arg(qRound64(rate))
                       .arg(m_producer.delivered())
                       .arg(m_producer.failed());
    if (m_producer.failed() > 0) {
        line += tr(" (last error: %1)").arg(m_producer.lastDeliveryError());
    }
    printError(line);
}

}  // namespace mtga::cli
