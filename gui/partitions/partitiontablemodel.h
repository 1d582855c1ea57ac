#pragma once

// PartitionTableModel: one row per partition of the selected worker, as its stats events say:
// Topic, Partition, Low, High, Current, Checkpointed, Lag, lag in time, catch-up, health and the
// lag's trend. setRows() updates in place: rows that stay keep their index and only the cells
// whose value changed are announced (dataChanged), so the views keep selection, sort and scroll.

#include "gui/session/laghistory.h"
#include "shared/values/partitionrow.h"

#include <QAbstractTableModel>
#include <QLocale>

#include <cstdint>
#include <map>
#include <vector>

namespace mtga::gui {

class PartitionTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        Topic,
        Partition,
        Low,
        High,
        Current,
        Checkpointed,
        Lag,
        LagTime,
        CatchUp,
        Health,
        Trend,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // the raw value: numbers sort as numbers
        TrendRole,                    // QList<double>: the last kTrendSamples lags
        HealthRole,                   // the health state's name
        SeverityRole,                 // healthSeverity(): rows by how bad they are
    };
    static constexpr int kTrendSamples = 60;

    explicit PartitionTableModel(QObject* parent = nullptr);

    // The worker's rows now; `history` (may be null) feeds the trend and must outlive the
    // model's use of it.
    void setRows(const std::vector<PartitionRow>& rows, const LagHistory* history);
    void clear();
    const PartitionRow& row(int index) const { return m_rows[static_cast<std::size_t>(index)]; }
    const std::vector<PartitionRow>& rows() const { return m_rows; }
    // How many cells the last setRows() announced as changed (benchmarks and tests read it).
    int lastChangedCells() const { return m_lastChangedCells; }
    // Whether the last setRows() changed a value of `column` or added or removed rows.
    bool lastChanged(int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The table's order for `column`, without building QVariants (2,000 rows sort in a
    // fraction of a millisecond): by the raw value, ties by topic and partition.
    static bool lessThan(const PartitionRow& a, const PartitionRow& b, int column);

    // The translated patterns of the cells, looked up once: a repaint asks for hundreds.
    struct Texts {
        QString seconds, minutes, hours, days, caughtUp, never, lost;
        static Texts translated();
    };
    // How lag in time and catch-up read: "0.8 s", "3 min 12 s", "2 h 5 min".
    static QString formatSeconds(double seconds);
    static QString formatSeconds(double seconds, const Texts& texts, const QLocale& locale);

private:
    QVariant display(const PartitionRow& row, int column) const;
    QVariant sortValue(const PartitionRow& row, int column) const;
    static double numericKey(const PartitionRow& row, int column);
    static bool sameCell(const PartitionRow& a, const PartitionRow& b, int column);
    // Row `index` becomes `row`; returns its changed columns (bit N: column N).
    std::uint32_t update(int index, const PartitionRow& row);
    // dataChanged for the changed cells, rows by index.
    void announce(const std::vector<std::uint32_t>& masks);

    std::vector<PartitionRow> m_rows;
    std::map<PartitionRef, int> m_index;
    const LagHistory* m_history = nullptr;
    Texts m_texts;
    mutable std::vector<std::pair<QString, QString>> m_headers;  // display, tool tip
    QLocale m_locale;
    int m_lastChangedCells = 0;
    bool m_lastRowsChanged = false;
    std::vector<bool> m_lastChangedColumns = std::vector<bool>(ColumnCount);
};

}  // namespace mtga::gui
