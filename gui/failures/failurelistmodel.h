#pragma once

// FailureListModel: the failure queue's entries that match a query, a page at a time: the view
// asks for more as it scrolls (canFetchMore / fetchMore follow the worker's cursors), so a queue
// of a million entries costs only the pages the operator looked at. Columns: last time,
// partition, offset, stage, reason, attempts, message.

#include "shared/values/failurequeue.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>
#include <vector>

namespace mtga::gui {

class WorkerSession;

class FailureListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Time, Partition, Offset, Stage, Reason, Attempts, Message, ColumnCount };
    static constexpr qint64 kPageSize = 200;

    explicit FailureListModel(QObject* parent = nullptr);

    // Starts again from the first page of what `query` matches on `session`'s worker.
    void setQuery(WorkerSession* session, const FailureQuery& query);
    const FailureQuery& query() const { return m_query; }
    const FailureRecord& entry(int row) const { return m_entries[static_cast<std::size_t>(row)]; }
    bool loading() const { return m_loading; }
    // Whether the last page came (no cursor left).
    bool complete() const { return m_started && !m_cursor; }
    // The last page request's error; empty when it went well.
    const QString& lastError() const { return m_error; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void pageLoaded();

private:
    void request(const QString& cursor);

    QPointer<WorkerSession> m_session;
    FailureQuery m_query;
    std::vector<FailureRecord> m_entries;
    std::optional<QString> m_cursor;  // the next page's; none after the last
    bool m_started = false;
    bool m_loading = false;
    qint64 m_generation = 0;  // a new query drops the answers to the old one
    QString m_error;
};

}  // namespace mtga::gui
