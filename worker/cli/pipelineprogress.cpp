#include "worker/cli/pipelineprogress.h"

#include "worker/cli/terminal.h"
#include "worker/host/workerhost.h"

#include <QTime>

#include <algorithm>

namespace mtga::cli {

PipelineProgress::PipelineProgress(const WorkerHost& host, int intervalMs, QObject* parent)
    : QObject(parent), m_host(host) {
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &PipelineProgress::printNow);
}

void PipelineProgress::start() {
    m_clock.start();
    m_timer.start();
}

void PipelineProgress::printNow() {
    const Pipeline* pipeline = m_host.pipeline();
    if (!pipeline) {
        return;
    }
    const PipelineStats stats = pipeline->stats();
    // A new pipeline (a restart) counts from zero again.
    m_lastWritten = std::min<uint64_t>(m_lastWritten, stats.written);
    const qint64 nowMs = m_clock.elapsed();
    const double rate = 1000.0 * static_cast<double>(stats.written - m_lastWritten) /
                        static_cast<double>(std::max<qint64>(nowMs - m_lastMs, 1));
    m_lastWritten = stats.written;
    m_lastMs = nowMs;
    qint64 lag = 0;
    for (const PartitionProgress& partition : stats.partitions) {
        if (partition.high >= 0 && partition.nextOffset >= 0) {
            lag += std::max<qint64>(partition.high - partition.nextOffset, 0);
        }
    }
    QString line = tr("[%1] written %2 (%3/s), filtered %4, failed %5, lag %6, %7 partition(s), "
                      "%8 checkpoint(s)")
                       .arg(QTime::fromMSecsSinceStartOfDay(static_cast<int>(nowMs % 86'400'000))
                                .toString(QStringLiteral("HH:mm:ss")))
                       .arg(stats.written)
                       .arg(qRound64(rate))
                       .arg(stats.filtered)
                       .arg(stats.failed)
                       .arg(lag)
                       .arg(stats.partitions.size())
                       .arg(stats.checkpoints);
    if (stats.skippedOnRecovery > 0) {
        line += tr(", %1 already in the files after a crash").arg(stats.skippedOnRecovery);
    }
    if (!stats.lastError.isEmpty()) {
        line += tr("; last error: %1").arg(stats.lastError);
    }
    printError(line);
}

}  // namespace mtga::cli
