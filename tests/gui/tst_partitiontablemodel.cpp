// The partitions table's model, proxy and copy, and the history behind its trend: updates in
// place announce only the cells that changed and keep the view's selection and sort; numbers
// read in the user's locale; filters by topic, state and text; the history stays within its cap.

#include <QtTest>

#include "gui/partitions/partitioncopy.h"
#include "gui/partitions/partitionfilterproxy.h"
#include "gui/partitions/partitiontablemodel.h"
#include "gui/session/laghistory.h"
#include "gui/session/workerspec.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

using namespace mtga;
using mtga::gui::PartitionTableModel;

namespace {

std::vector<PartitionRow> rowsOf(int count, qint64 high = 1000) {
    std::vector<PartitionRow> rows;
    for (int p = 0; p < count; ++p) {
        rows.push_back(
            PartitionRow::of(QStringLiteral("events"), p, 0, high, high - p * 10, high - p * 10));
    }
    return rows;
}

}  // namespace

class TestPartitionTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void announcesOnlyChangedCells();
    void rowsComeAndGo();
    void keepsSelectionAndSortAcrossUpdates();
    void filtersByTopicStateAndText();
    void formatsSeconds_data();
    void formatsSeconds();
    void copiesAsTextAndCsv();
    void seriesStaysWithinItsCap();
    void trendChangesOnlyWhileItMoves();
    void parsesWorkerSpecs_data();
    void parsesWorkerSpecs();
};

void TestPartitionTableModel::announcesOnlyChangedCells() {
    PartitionTableModel model;
    std::vector<PartitionRow> rows = rowsOf(3);
    model.setRows(rows, nullptr);
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    model.setRows(rows, nullptr);
    QCOMPARE(changed.count(), 0);

    rows[1].checkpointed += 5;
    model.setRows(rows, nullptr);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toModelIndex(), model.index(1, PartitionTableModel::Checkpointed));
    QCOMPARE(changed[0][1].toModelIndex(), model.index(1, PartitionTableModel::Checkpointed));
    QCOMPARE(model.lastChangedCells(), 1);

    // Current and Lag move, Checkpointed between them does not: two signals.
    changed.clear();
    rows[2].current += 7;
    rows[2].lag = PartitionRow::lagOf(rows[2].high, rows[2].current);
    model.setRows(rows, nullptr);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed[0][0].toModelIndex(), model.index(2, PartitionTableModel::Current));
    QCOMPARE(changed[1][0].toModelIndex(), model.index(2, PartitionTableModel::Lag));
    QCOMPARE(model.row(2).current, rows[2].current);

    // Every row changes the same cells (steady traffic): one signal per run of columns for the
    // whole block of rows, exactly those cells (High and Lag; Current and Checkpointed between
    // them stay).
    changed.clear();
    for (PartitionRow& row : rows) {
        row.high += 3;
        row.lag = PartitionRow::lagOf(row.high, row.current);
    }
    model.setRows(rows, nullptr);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed[0][0].toModelIndex(), model.index(0, PartitionTableModel::High));
    QCOMPARE(changed[0][1].toModelIndex(), model.index(2, PartitionTableModel::High));
    QCOMPARE(changed[1][0].toModelIndex(), model.index(0, PartitionTableModel::Lag));
    QCOMPARE(changed[1][1].toModelIndex(), model.index(2, PartitionTableModel::Lag));
    QCOMPARE(model.lastChangedCells(), 6);
    changed.clear();
    rows[0].checkpointed += 1;
    rows[1].checkpointed += 1;
    rows[2].low += 1;
    model.setRows(rows, nullptr);
    QCOMPARE(changed.count(), 2);  // rows 0-1 Checkpointed, row 2 Low
    QCOMPARE(model.lastChangedCells(), 3);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(layout.count(), 0);
}

void TestPartitionTableModel::rowsComeAndGo() {
    PartitionTableModel model;
    model.setRows(rowsOf(4), nullptr);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    std::vector<PartitionRow> rows = rowsOf(4);
    rows.erase(rows.begin() + 1);  // a rebalance took partition 1
    rows.push_back(PartitionRow::of(QStringLiteral("other"), 0, 0, 5, 5, 5));
    model.setRows(rows, nullptr);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.row(1).partition, 2);
    QCOMPARE(model.row(3).topic, QStringLiteral("other"));
    // The index follows: an update of partition 3 lands on its row.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    rows[2].checkpointed = 1;
    model.setRows(rows, nullptr);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed[0][0].toModelIndex().row(), 2);
}

void TestPartitionTableModel::keepsSelectionAndSortAcrossUpdates() {
    PartitionTableModel model;
    gui::PartitionFilterProxy proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    std::vector<PartitionRow> rows = rowsOf(20);
    model.setRows(rows, nullptr);
    view.sortByColumn(PartitionTableModel::Lag, Qt::DescendingOrder);
    // The largest lag first: partition 19 (190 behind).
    QCOMPARE(
        proxy.index(0, PartitionTableModel::Partition).data(PartitionTableModel::SortRole).toInt(),
        19);
    view.selectRow(5);
    const int selected =
        proxy.index(5, PartitionTableModel::Partition).data(PartitionTableModel::SortRole).toInt();
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());
    const int scroll = view.verticalScrollBar()->value();

    // Partition 0 overtakes everyone: it moves to the top, the selection stays on its partition.
    rows[0].current = 0;
    rows[0].lag = 1000;
    model.setRows(rows, nullptr);
    QVERIFY(model.lastChanged(PartitionTableModel::Lag));
    QVERIFY(!model.lastChanged(PartitionTableModel::High));
    proxy.refresh(true);
    QCOMPARE(
        proxy.index(0, PartitionTableModel::Partition).data(PartitionTableModel::SortRole).toInt(),
        0);
    const QModelIndexList now = view.selectionModel()->selectedRows(PartitionTableModel::Partition);
    QCOMPARE(now.size(), 1);
    QCOMPARE(now.front().data(PartitionTableModel::SortRole).toInt(), selected);
    QCOMPARE(view.horizontalHeader()->sortIndicatorSection(), int(PartitionTableModel::Lag));
    QCOMPARE(view.verticalScrollBar()->value(), scroll);
}

void TestPartitionTableModel::filtersByTopicStateAndText() {
    PartitionTableModel model;
    gui::PartitionFilterProxy proxy;
    proxy.setSourceModel(&model);
    std::vector<PartitionRow> rows = rowsOf(12);
    rows[3].health = QStringLiteral("stall");
    rows[7].health = QStringLiteral("idle");
    rows.push_back(PartitionRow::of(QStringLiteral("audit"), 0, 0, 9, 9, 9));
    model.setRows(rows, nullptr);
    QCOMPARE(proxy.rowCount(), 13);
    proxy.setTopic(QStringLiteral("audit"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setTopic({});
    proxy.setHealth(QString(gui::PartitionFilterProxy::kBadStates));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setHealth(QStringLiteral("idle"));
    QCOMPARE(proxy.rowCount(), 1);
    // Only the bad states are coloured.
    QVERIFY(model.data(model.index(3, 0), Qt::BackgroundRole).isValid());
    QVERIFY(!model.data(model.index(7, 0), Qt::BackgroundRole).isValid());
    QVERIFY(!model.data(model.index(0, 0), Qt::BackgroundRole).isValid());
    proxy.setHealth({});
    proxy.setText(QStringLiteral("events:1"));  // 1, 10, 11
    QCOMPARE(proxy.rowCount(), 3);
    // A row whose state changes joins the filter at the next refresh.
    proxy.setText({});
    proxy.setHealth(QString(gui::PartitionFilterProxy::kBadStates));
    rows[5].health = QStringLiteral("stopped");
    model.setRows(rows, nullptr);
    proxy.refresh(false);
    QCOMPARE(proxy.rowCount(), 2);
}

void TestPartitionTableModel::formatsSeconds_data() {
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("sub-second") << 0.84 << QStringLiteral("0.8 s");
    QTest::newRow("seconds") << 42.0 << QStringLiteral("42 s");
    QTest::newRow("minutes") << 192.0 << QStringLiteral("3 min 12 s");
    QTest::newRow("hours") << 7500.0 << QStringLiteral("2 h 5 min");
    QTest::newRow("days") << 3.0 * 86400 + 4 * 3600 << QStringLiteral("3 d 4 h");
}

void TestPartitionTableModel::formatsSeconds() {
    QFETCH(double, seconds);
    QFETCH(QString, text);
    QCOMPARE(PartitionTableModel::formatSeconds(seconds), text);
}

void TestPartitionTableModel::copiesAsTextAndCsv() {
    PartitionTableModel model;
    std::vector<PartitionRow> rows = rowsOf(2, 1'234'567);
    rows[0].topic = QStringLiteral("a,b");
    model.setRows(rows, nullptr);
    const QList<QModelIndex> all{model.index(0, 0), model.index(1, 0)};
    const QString text = gui::partitionRowsText(model, all, gui::CopyFormat::Text);
    const QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(QLatin1String("Topic\tPart.\tLow\tHigh")));
    QVERIFY2(lines[2].startsWith(QLatin1String("events\t1\t0\t1234567\t1234557\t")),
             qPrintable(lines[2]));
    const QString csv = gui::partitionRowsText(model, all, gui::CopyFormat::Csv);
    QVERIFY2(csv.contains(QLatin1String("\"a,b\",0,0,1234567,1234567,1234567,0,")),
             qPrintable(csv));
    // On screen the digits are grouped.
    QCOMPARE(model.data(model.index(0, PartitionTableModel::High)).toString(),
             QLocale().toString(qint64{1'234'567}));
}

void TestPartitionTableModel::seriesStaysWithinItsCap() {
    gui::LagSeries series({/*fine*/ 60, /*coarse*/ 30, /*bucketMs*/ 10'000});
    for (qint64 second = 0; second < 3600; ++second) {
        // A spike at 00:10:05 must survive being folded into a coarse bucket.
        series.append(second * 1000, second == 605 ? 9999.0 : 1.0);
    }
    const std::vector<QPointF> all = series.since(0);
    QCOMPARE(all.size(), std::size_t{60 + 30});
    QCOMPARE(series.since(3540 * 1000).size(), std::size_t{60});
    // The oldest kept bucket is 30 buckets before the fine samples.
    QCOMPARE(qint64(all.front().x()), qint64{3540 - 300} * 1000);
    gui::LagSeries withSpike({60, 400, 10'000});
    for (qint64 second = 0; second < 3600; ++second) {
        withSpike.append(second * 1000, second == 605 ? 9999.0 : 1.0);
    }
    const std::vector<QPointF> points = withSpike.since(0);
    QVERIFY(std::any_of(points.begin(), points.end(),
                        [](const QPointF& p) { return p.y() == 9999.0 && p.x() == 600'000; }));
    QVERIFY(series.bytes() < 2048);
}

void TestPartitionTableModel::trendChangesOnlyWhileItMoves() {
    gui::LagHistory history({120, 10, 10'000});
    PartitionTableModel model;
    StatsEvent stats;
    stats.offsets = rowsOf(1);
    qint64 ms = 0;
    const auto feed = [&](qint64 lag) {
        stats.offsets[0].lag = lag;
        history.add(ms += 1000, stats);
        model.setRows(stats.offsets, &history);
    };
    feed(5);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    feed(6);  // Lag and Trend
    QCOMPARE(model.lastChangedCells(), 2);
    // The same lag for a whole trend window: then nothing is announced any more.
    for (int i = 0; i < PartitionTableModel::kTrendSamples + 2; ++i) {
        feed(6);
    }
    changed.clear();
    feed(6);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.data(model.index(0, PartitionTableModel::Trend), PartitionTableModel::TrendRole)
                 .value<QList<double>>()
                 .size(),
             PartitionTableModel::kTrendSamples);
}

void TestPartitionTableModel::parsesWorkerSpecs_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");  // -1: refused
    QTest::addColumn<QString>("socket");
    QTest::addColumn<QString>("host");
    QTest::newRow("socket") << QStringLiteral("/srv/game-01/data/mtga.sock") << 0
                            << QStringLiteral("/srv/game-01/data/mtga.sock") << QString();
    QTest::newRow("config") << QStringLiteral("/etc/mtga/mtga.yml") << 1 << QString() << QString();
    QTest::newRow("ssh") << QStringLiteral("ssh://ops@game-01/srv/mtga.sock") << 2
                         << QStringLiteral("/srv/mtga.sock") << QStringLiteral("ops@game-01");
    QTest::newRow("ssh with port")
        << QStringLiteral("ssh://ops@game-01:2222/srv/mtga.sock") << 2
        << QStringLiteral("/srv/mtga.sock") << QStringLiteral("ssh://ops@game-01:2222");
    QTest::newRow("ssh without path")
        << QStringLiteral("ssh://game-01") << -1 << QString() << QString();
    QTest::newRow("empty") << QStringLiteral("  ") << -1 << QString() << QString();
}

void TestPartitionTableModel::parsesWorkerSpecs() {
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, socket);
    QFETCH(QString, host);
    const Result<gui::WorkerSpec> spec = gui::WorkerSpec::parse(text);
    QCOMPARE(spec.ok(), kind >= 0);
    if (!spec) {
        QVERIFY(!spec.error().message.isEmpty());
        return;
    }
    QCOMPARE(static_cast<int>(spec->kind), kind);
    QVERIFY(!spec->name.isEmpty());
    if (kind != 1) {
        QCOMPARE(spec->endpoint().socket, socket);
        QCOMPARE(spec->endpoint().sshHost, host);
    }
}

QTEST_MAIN(TestPartitionTableModel)
#include "tst_partitiontablemodel.moc"
