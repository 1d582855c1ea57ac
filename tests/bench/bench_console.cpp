// The console under 2,000 partitions (issue 13's targets: under 5 ms per stats update, under
// 150 MB with an hour of history). The real main window, offscreen, at its default size, with the
// partitions table sorted by lag and the chart visible, is fed stats events as a worker pushes
// them: each update is timed on the window's thread, from the decoded event to the repaint
// (history, table, chart); decoding the line (on the session's decoder thread in the console) is
// timed on its own. Then an hour of events (one a second) fills the history and the process's RSS
// is read. Prints one JSON object.
//
//   bench_console [--partitions N] [--updates N] [--history-seconds N] [--size WxH]

#include "gui/chart/lagchartpanel.h"
#include "gui/mainwindow.h"
#include "gui/panels/partitionspanel.h"
#include "gui/partitions/partitiontablemodel.h"
#include "gui/session/laghistory.h"
#include "gui/session/statsdecoder.h"
#include "shared/values/statsevent.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace mtga;

namespace {

double rssMb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0;
        }
    }
    return -1;
}

// A worker's stats event: every partition moves a little, as under steady traffic.
class StatsFeed {
public:
    explicit StatsFeed(int partitions)
        : m_high(partitions, 1'000'000), m_current(partitions, 999'000) {}

    QJsonObject next() {
        StatsEvent event;
        event.state = QStringLiteral("running");
        event.intervalMs = 1000;
        event.rates = {9800, 9790, 12, 0.4};
        for (std::size_t p = 0; p < m_high.size(); ++p) {
            m_high[p] += 5 + static_cast<qint64>(m_random() % 10);
            m_current[p] =
                std::min(m_high[p], m_current[p] + 5 + static_cast<qint64>(m_random() % 10));
            PartitionRow row =
                PartitionRow::of(QStringLiteral("mulog_clean_24"), static_cast<int>(p), 0,
                                 m_high[p], m_current[p], m_current[p] - 50);
            row.lagSeconds = double(*row.lag) / 10.0;
            row.consumeRate = 9.5;
            row.produceRate = 9.4;
            row.etaSeconds = 3;
            row.health = QStringLiteral("ok");
            event.offsets.push_back(std::move(row));
        }
        event.totals.messages = m_messages += 10'000;
        QJsonObject body = event.toJson();
        body.insert(QStringLiteral("event"), QStringLiteral("stats"));
        return body;
    }

private:
    std::vector<qint64> m_high;
    std::vector<qint64> m_current;
    std::mt19937 m_random{7};
    qint64 m_messages = 0;
};

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[static_cast<std::size_t>(p * double(values.size() - 1))];
}

}  // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption partitionsOption(QStringLiteral("partitions"),
                                              QStringLiteral("partitions"), QStringLiteral("N"),
                                              QStringLiteral("2000"));
    const QCommandLineOption updatesOption(QStringLiteral("updates"),
                                           QStringLiteral("timed updates"), QStringLiteral("N"),
                                           QStringLiteral("200"));
    const QCommandLineOption historyOption(QStringLiteral("history-seconds"),
                                           QStringLiteral("history to fill"), QStringLiteral("N"),
                                           QStringLiteral("3600"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("window size"),
                                        QStringLiteral("WxH"));
    parser.addOptions({partitionsOption, updatesOption, historyOption, sizeOption});
    parser.process(app);
    const int partitions = parser.value(partitionsOption).toInt();
    const int updates = parser.value(updatesOption).toInt();
    const int historySeconds = parser.value(historyOption).toInt();

    QTemporaryDir dir;
    gui::MainWindow::Options options;
    options.settingsFile = dir.filePath(QStringLiteral("console.ini"));
    options.loadRemembered = false;
    gui::MainWindow window(options);
    // The window's own default size (1200×720) unless --size WxH asks for another.
    if (parser.isSet(sizeOption)) {
        const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
        window.resize(size.value(0).toInt(), size.value(1).toInt());
    }
    window.show();
    window.addWorker(gui::WorkerSpec::parse(dir.filePath(QStringLiteral("none.sock"))).value(),
                     false);
    gui::WorkerSession* session = window.currentSession();
    window.partitionsPanel()->view()->sortByColumn(gui::PartitionTableModel::Lag,
                                                   Qt::DescendingOrder);
    const double rssStart = rssMb();

    StatsFeed feed(partitions);
    // Prepared in advance: the bench times the console, not the feed.
    std::vector<QByteArray> lines;
    for (int i = 0; i < updates; ++i) {
        lines.push_back(QJsonDocument(feed.next()).toJson(QJsonDocument::Compact));
    }
    std::vector<double> applied;  // of the last timeUpdates(): before the repaint
    const auto timeUpdates = [&](std::vector<double>& out) {
        applied.clear();
        for (const QByteArray& line : lines) {
            QElapsedTimer timer;
            timer.start();
            // The decoder thread's part (the line to a StatsEvent) is timed on its own below;
            // this is what the window's thread does with the decoded event, up to the repaint.
            Result<StatsEvent> decoded = gui::StatsDecoder::decodeLine(line);
            timer.restart();
            session->applyStats(std::move(decoded));
            applied.push_back(double(timer.nsecsElapsed()) / 1e6);
            QCoreApplication::processEvents();  // the repaint
            out.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
    };
    // The parts of an update on their own: reading the event, the history, the table model.
    std::vector<double> parse;
    std::vector<double> history;
    std::vector<double> model;
    {
        gui::LagHistory ownHistory;
        gui::PartitionTableModel ownModel;
        qint64 ms = 0;
        for (const QByteArray& line : lines) {
            QElapsedTimer timer;
            timer.start();
            const Result<StatsEvent> stats = gui::StatsDecoder::decodeLine(line);
            parse.push_back(double(timer.nsecsElapsed()) / 1e6);
            timer.restart();
            ownHistory.add(ms += 1000, stats.value());
            history.push_back(double(timer.nsecsElapsed()) / 1e6);
            timer.restart();
            ownModel.setRows(stats->offsets, &ownHistory);
            model.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
    }
    std::vector<double> table;
    timeUpdates(table);
    const double tableApplied = percentile(applied, 0.5);
    window.tabs()->setCurrentWidget(window.chartPanel());
    window.chartPanel()->setWindowMinutes(60);
    std::vector<double> chart;
    timeUpdates(chart);
    const double chartApplied = percentile(applied, 0.5);

    // The prepared lines are the bench's, not the console's memory.
    lines.clear();
    lines.shrink_to_fit();
    malloc_trim(0);

    // An hour of history, one event a second (not timed: the events' clock is the wall clock,
    // so the history keeps all of them as if they came a second apart).
    window.tabs()->setCurrentWidget(window.partitionsPanel());
    for (int i = 0; i < historySeconds; ++i) {
        session->takeEvent(QStringLiteral("stats"), feed.next());  // decoded here: not timed
        if (i % 50 == 0) {
            QCoreApplication::processEvents();
        }
    }
    QCoreApplication::processEvents();
    const double rssAfter = rssMb();

    const QJsonObject result{
        {QStringLiteral("partitions"), partitions},
        {QStringLiteral("window"),
         QStringLiteral("%1x%2").arg(window.width()).arg(window.height())},
        {QStringLiteral("timed_updates"), updates},
        {QStringLiteral("decode_ms_off_gui_thread"), percentile(parse, 0.5)},
        {QStringLiteral("history_add_ms"), percentile(history, 0.5)},
        {QStringLiteral("model_update_ms"), percentile(model, 0.5)},
        {QStringLiteral("gui_table_before_repaint_ms"), tableApplied},
        {QStringLiteral("gui_chart_before_repaint_ms"), chartApplied},
        {QStringLiteral("gui_table_update_ms"),
         QJsonObject{{QStringLiteral("median"), percentile(table, 0.5)},
                     {QStringLiteral("p95"), percentile(table, 0.95)},
                     {QStringLiteral("max"), percentile(table, 1.0)}}},
        {QStringLiteral("gui_chart_update_ms"),
         QJsonObject{{QStringLiteral("median"), percentile(chart, 0.5)},
                     {QStringLiteral("p95"), percentile(chart, 0.95)},
                     {QStringLiteral("max"), percentile(chart, 1.0)}}},
        {QStringLiteral("history_events"), historySeconds + 2 * updates},
        {QStringLiteral("history_bytes"), qint64(session->history().bytes())},
        {QStringLiteral("rss_mb_start"), rssStart},
        {QStringLiteral("rss_mb_with_history"), rssAfter},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Indented).constData());
    return 0;
}
