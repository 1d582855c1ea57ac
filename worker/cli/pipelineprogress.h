#pragma once

// PipelineProgress: one status line every few seconds while the worker runs: events written,
// filtered and failed with their rates, lag, checkpoints, the last error.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace mtga {
class Pipeline;
}

namespace mtga::cli {

class PipelineProgress : public QObject {
    Q_OBJECT

public:
    PipelineProgress(const Pipeline& pipeline, int intervalMs, QObject* parent = nullptr);
    void start();
    void printNow();

private:
    const Pipeline& m_pipeline;
    QTimer m_timer;
    QElapsedTimer m_clock;
    quint64 m_lastWritten = 0;
    qint64 m_lastMs = 0;
};

}  // namespace mtga::cli
