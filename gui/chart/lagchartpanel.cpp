#include "gui/chart/lagchartpanel.h"

#include "gui/session/workersession.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace mtga::gui {

namespace {

QList<QPointF> toList(const std::vector<QPointF>& points) {
    return QList<QPointF>(points.begin(), points.end());
}

double peak(const QList<QPointF>& points) {
    double top = 0;
    for (const QPointF& point : points) {
        top = std::max(top, point.y());
    }
    return top;
}

}  // namespace

LagChartPanel::LagChartPanel(QWidget* parent)
    : QWidget(parent),
      m_chart(new QChart),
      m_view(new QChartView(m_chart, this)),
      m_window(new QComboBox(this)),
      m_time(new QDateTimeAxis(m_chart)),
      m_lagAxis(new QValueAxis(m_chart)),
      m_rateAxis(new QValueAxis(m_chart)),
      m_total(new QLineSeries(m_chart)),
      m_consume(new QLineSeries(m_chart)),
      m_write(new QLineSeries(m_chart)),
      m_resets(new QScatterSeries(m_chart)),
      m_restarts(new QScatterSeries(m_chart)),
      m_markText(new QLabel(this)) {
    setObjectName(QStringLiteral("lagChartPanel"));
    m_window->setObjectName(QStringLiteral("chartWindow"));
    m_window->addItem(tr("Last 15 minutes"), 15);
    m_window->addItem(tr("Last hour"), 60);
    m_window->addItem(tr("Last 6 hours"), 360);
    connect(m_window, &QComboBox::currentIndexChanged, this, &LagChartPanel::redraw);

    m_chart->setTheme(palette().color(QPalette::Window).lightness() < 128
                          ? QChart::ChartThemeDark
                          : QChart::ChartThemeLight);
    m_chart->setBackgroundBrush(palette().base());
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_time->setFormat(QStringLiteral("HH:mm"));
    m_time->setTitleText(tr("time"));
    m_lagAxis->setTitleText(tr("lag (messages)"));
    m_lagAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_rateAxis->setTitleText(tr("messages/s"));
    m_rateAxis->setLabelFormat(QStringLiteral("%.0f"));
    // One grid is enough to read both axes; a second one costs a repaint's worth of lines.
    m_rateAxis->setGridLineVisible(false);
    m_chart->addAxis(m_time, Qt::AlignBottom);
    m_chart->addAxis(m_lagAxis, Qt::AlignLeft);
    m_chart->addAxis(m_rateAxis, Qt::AlignRight);

    m_total->setName(tr("total lag"));
    QPen totalPen = m_total->pen();
    totalPen.setWidthF(2.2);
    m_total->setPen(totalPen);
    m_consume->setName(tr("consumed/s"));
    m_write->setName(tr("written/s"));
    for (QLineSeries* rate : {m_consume, m_write}) {
        QPen pen = rate->pen();
        pen.setStyle(Qt::DashLine);
        pen.setWidthF(1.2);
        rate->setPen(pen);
    }
    m_resets->setName(tr("offset reset"));
    m_resets->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_resets->setMarkerSize(10);
    m_restarts->setName(tr("restart"));
    m_restarts->setMarkerSize(10);
    for (QXYSeries* series : std::initializer_list<QXYSeries*>{m_total, m_resets, m_restarts}) {
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_lagAxis);
    }
    for (QLineSeries* series : {m_consume, m_write}) {
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_rateAxis);
    }
    for (int i = 0; i < kMaxPartitionSeries; ++i) {
        auto* series = new QLineSeries(m_chart);
        m_chart->addSeries(series);
        series->attachAxis(m_time);
        series->attachAxis(m_lagAxis);
        series->setVisible(false);
        m_partitionSeries << series;
    }
    // What a mark stands for, under the pointer.
    for (QScatterSeries* marks : {m_resets, m_restarts}) {
        connect(marks, &QScatterSeries::hovered, this, [this](const QPointF& point, bool on) {
            if (!on || !m_session) {
                m_markText->clear();
                return;
            }
            for (const HistoryMark& mark : m_session->history().marks()) {
                if (std::abs(double(mark.ms) - point.x()) < 1) {
                    m_markText->setText(QStringLiteral("%1: %2").arg(
                        QDateTime::fromMSecsSinceEpoch(mark.ms).toString(
                            QStringLiteral("HH:mm:ss")),
                        mark.text));
                }
            }
        });
    }
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setObjectName(QStringLiteral("lagChart"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_window);
    bar->addWidget(m_markText, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

void LagChartPanel::setSession(WorkerSession* session) {
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
    }
    m_session = session;
    if (m_session) {
        connect(m_session, &WorkerSession::statsUpdated, this, [this] {
            if (isVisible()) {
                redraw();
            }
        });
        connect(m_session, &QObject::destroyed, this, [this] { setSession(nullptr); });
    }
    redraw();
}

void LagChartPanel::setPartitions(const QStringList& partitions) {
    m_partitions = partitions.mid(0, kMaxPartitionSeries);
    redraw();
}

void LagChartPanel::setWindowMinutes(int minutes) {
    const int index = m_window->findData(minutes);
    if (index >= 0) {
        m_window->setCurrentIndex(index);
    }
}

int LagChartPanel::windowMinutes() const {
    return m_window->currentData().toInt();
}

int LagChartPanel::totalPoints() const {
    return static_cast<int>(m_total->count());
}

void LagChartPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    redraw();
}

void LagChartPanel::redraw() {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 since = now - qint64{windowMinutes()} * 60'000;
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(since), QDateTime::fromMSecsSinceEpoch(now));
    m_time->setFormat(windowMinutes() > 60 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    if (!m_session) {
        for (QXYSeries* series :
             std::initializer_list<QXYSeries*>{m_total, m_consume, m_write, m_resets, m_restarts}) {
            series->clear();
        }
        for (QLineSeries* series : m_partitionSeries) {
            series->setVisible(false);
        }
        return;
    }
    const LagHistory& history = m_session->history();
    const QList<QPointF> total = toList(history.totalLag().since(since));
    m_total->replace(total);
    const QList<QPointF> consume = toList(history.consumeRate().since(since));
    const QList<QPointF> write = toList(history.writeRate().since(since));
    m_consume->replace(consume);
    m_write->replace(write);
    double lagTop = peak(total);
    for (int i = 0; i < kMaxPartitionSeries; ++i) {
        QLineSeries* series = m_partitionSeries[i];
        const std::optional<PartitionRef> ref =
            i < m_partitions.size() ? parsePartitionRef(m_partitions[i]) : std::nullopt;
        const LagSeries* lag = ref ? history.partition(*ref) : nullptr;
        series->setVisible(lag != nullptr);
        if (lag) {
            series->setName(m_partitions[i]);
            const QList<QPointF> points = toList(lag->since(since));
            lagTop = std::max(lagTop, peak(points));
            series->replace(points);
        }
    }
    const double top = std::max(10.0, lagTop * 1.1);
    m_lagAxis->setRange(0, top);
    m_rateAxis->setRange(0, std::max(10.0, std::max(peak(consume), peak(write)) * 1.1));
    QList<QPointF> resets;
    QList<QPointF> restarts;
    for (const HistoryMark& mark : history.marks()) {
        if (mark.ms >= since) {
            (mark.kind == HistoryMark::Kind::Reset ? resets : restarts)
                << QPointF(double(mark.ms), top * 0.97);
        }
    }
    m_resets->replace(resets);
    m_restarts->replace(restarts);
}

}  // namespace mtga::gui
