#pragma once

// PipelineProgress: one status line every few seconds while the worker runs: events written,
// filtered and failed with their rates, lag, checkpoints, the last error. It follows the host's
// current pipeline, and prints nothing while there is none.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace mtga {
class WorkerHost;
}

namespace mtga::cli {

class PipelineProgress : public QObject {
    Q_OBJECT

public:
    PipelineProgress(const WorkerHost& host, int intervalMs, QObject* parent = nullptr);
    void start();
    void printNow();

private:
    const WorkerHost& m_host;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint64 m_lastWritten = 0;
    qint64 m_lastMs = 0;
};

}  // namespace mtga::cli
