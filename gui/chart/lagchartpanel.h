#pragma once

// LagChartPanel: the selected worker's lag over the last 15 minutes, hour or 6 hours (Qt
// Charts): the total, the partitions selected in the table, the consume and write rates on a
// second axis, and marks where an offset reset or a restart explains a jump. Redrawn from the
// session's capped LagHistory while it is visible.

#include <QWidget>

class QComboBox;
class QLabel;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace mtga::gui {

class WorkerSession;

class LagChartPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMaxPartitionSeries = 6;

    explicit LagChartPanel(QWidget* parent = nullptr);

    void setSession(WorkerSession* session);
    // "topic:N" of the partitions to draw next to the total (the first kMaxPartitionSeries).
    void setPartitions(const QStringList& partitions);
    // 15, 60 or 360.
    void setWindowMinutes(int minutes);
    int windowMinutes() const;

    QChart* chart() const { return m_chart; }
    // How many points the total-lag line holds now (tests read it).
    int totalPoints() const;

protected:
    void showEvent(QShowEvent* event) override;

private:
    void redraw();

    WorkerSession* m_session = nullptr;
    QStringList m_partitions;
    QChart* m_chart;
    QChartView* m_view;
    QComboBox* m_window;
    QDateTimeAxis* m_time;
    QValueAxis* m_lagAxis;
    QValueAxis* m_rateAxis;
    QLineSeries* m_total;
    QLineSeries* m_consume;
    QLineSeries* m_write;
    QScatterSeries* m_resets;
    QScatterSeries* m_restarts;
    QList<QLineSeries*> m_partitionSeries;
    QLabel* m_markText;
};

}  // namespace mtga::gui
