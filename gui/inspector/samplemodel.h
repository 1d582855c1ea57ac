#pragma once

// SampleModel: the inspector's table, the last messages the worker took of one partition
// (`sample`, newest first): offset, when it was transformed, size, and what its records became.

#include "shared/values/samplereply.h"

#include <QAbstractTableModel>

namespace mtga::gui {

class SampleModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Offset, Time, Bytes, Outcome, ColumnCount };

    explicit SampleModel(QObject* parent = nullptr);

    void setReply(SampleReply reply);
    const SampleReply& reply() const { return m_reply; }
    const SampleMessage& message(int row) const {
        return m_reply.messages[static_cast<std::size_t>(row)];
    }
    // "2 written, 1 failed (bad_time)": what a message's records became.
    static QString outcomeText(const SampleMessage& message);
    // Each record: the TA line it became, the rule that dropped it, or why it failed.
    static QString recordsText(const SampleMessage& message);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    SampleReply m_reply;
};

}  // namespace mtga::gui
