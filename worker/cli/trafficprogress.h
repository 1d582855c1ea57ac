#pragma once

// TrafficProgress: prints, once a second, how much sample traffic a TrafficProducer has sent and
// Kafka has acknowledged, so an operator sees at a glance that events flow.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace mtga {
class TrafficProducer;
}

namespace mtga::cli {

class TrafficProgress : public QObject {
    Q_OBJECT

public:
    explicit TrafficProgress(const TrafficProducer& producer, QObject* parent = nullptr);

    void start();
    // Prints the line one last time (at the end of a run).
    void printNow();

private:
    const TrafficProducer& m_producer;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint64 m_lastEnqueued = 0;
    qint64 m_lastMs = 0;
};

}  // namespace mtga::cli
