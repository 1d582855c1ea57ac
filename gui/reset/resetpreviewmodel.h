#pragma once

// ResetPreviewModel: an offset reset's rows (a dry run's plan, an applied reset's result, an
// undo's plan): Partition, Current → New, lag after, skipped, replayed, and a note (clamped to
// the log's end, or refused with the reason).

#include "shared/values/offsetresetreply.h"

#include <QAbstractTableModel>

#include <vector>

namespace mtga::gui {

class ResetPreviewModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Partition, Current, New, LagAfter, Skipped, Replayed, Note, ColumnCount };

    explicit ResetPreviewModel(QObject* parent = nullptr);

    void setRows(std::vector<ResetRow> rows);
    const std::vector<ResetRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Totals of the rows that are not refused: partitions moved, skipped, replayed.
    struct Totals {
        int moving = 0;
        int refused = 0;
        qint64 skipped = 0;
        qint64 replayed = 0;
    };
    static Totals totalsOf(const std::vector<ResetRow>& rows);
    // The partitions of `applied` that did not go where `preview` said, one line each; empty
    // when all went as previewed.
    static QStringList differences(const std::vector<ResetRow>& preview,
                                   const std::vector<ResetRow>& applied);

private:
    std::vector<ResetRow> m_rows;
};

}  // namespace mtga::gui
