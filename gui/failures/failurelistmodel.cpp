#include "gui/failures/failurelistmodel.h"

#include "gui/session/typedcall.h"
#include "gui/session/workersession.h"

#include <QDateTime>
#include <QLocale>

namespace mtga::gui {

FailureListModel::FailureListModel(QObject* parent) : QAbstractTableModel(parent) {}

void FailureListModel::setQuery(WorkerSession* session, const FailureQuery& query) {
    beginResetModel();
    m_session = session;
    m_query = query;
    m_entries.clear();
    m_cursor.reset();
    m_started = false;
    m_loading = false;
    m_error.clear();
    ++m_generation;
    endResetModel();
    request({});
}

void FailureListModel::request(const QString& cursor) {
    if (!m_session || !m_session->isConnected()) {
        m_error = m_session ? tr("Not connected: %1").arg(m_session->lightText())
                            : tr("No worker is selected.");
        Q_EMIT pageLoaded();
        return;
    }
    QJsonObject args = m_query.toArgs();
    args.insert(QStringLiteral("limit"), kPageSize);
    if (!cursor.isEmpty()) {
        args.insert(QStringLiteral("cursor"), cursor);
    }
    m_loading = true;
    const qint64 generation = m_generation;
    typedCall<FailurePage>(
        *m_session->connection(), QStringLiteral("failure_queue_list"), args,
        [this, generation](const Result<FailurePage>& page) {
            if (generation != m_generation) {
                return;
            }
            m_loading = false;
            m_started = true;
            if (!page) {
                m_error = errorText(page.error());
                m_cursor.reset();
                Q_EMIT pageLoaded();
                return;
            }
            m_error.clear();
            if (!page->entries.empty()) {
                const int first = rowCount();
                beginInsertRows({}, first, first + static_cast<int>(page->entries.size()) - 1);
                m_entries.insert(m_entries.end(), page->entries.begin(), page->entries.end());
                endInsertRows();
            }
            m_cursor = page->nextCursor;
            Q_EMIT pageLoaded();
        });
}

bool FailureListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && m_started && m_cursor.has_value() && !m_loading;
}

void FailureListModel::fetchMore(const QModelIndex& parent) {
    if (canFetchMore(parent)) {
        request(*m_cursor);
    }
}

int FailureListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int FailureListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FailureListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const FailureRecord& entry = m_entries[static_cast<std::size_t>(index.row())];
    if (role == Qt::TextAlignmentRole) {
        return index.column() == Offset || index.column() == Attempts
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && index.column() == Message) {
        return entry.message;
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
        case Time:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(entry.lastTimeMs),
                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Partition:
            return QStringLiteral("%1:%2").arg(entry.topic).arg(entry.partition);
        case Offset:
            return entry.index > 0 ? QStringLiteral("%1 #%2")
                                         .arg(QLocale().toString(entry.offset))
                                         .arg(entry.index)
                                   : QLocale().toString(entry.offset);
        case Stage:
            return entry.stage;
        case Reason:
            return entry.reason;
        case Attempts:
            return QLocale().toString(entry.attempts);
        case Message:
            return entry.message;
        default:
            return {};
    }
}

QVariant FailureListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case Time:
            return tr("Last attempt");
        case Partition:
            return tr("Partition");
        case Offset:
            return tr("Offset");
        case Stage:
            return tr("Stage");
        case Reason:
            return tr("Reason");
        case Attempts:
            return tr("Attempts");
        case Message:
            return tr("Message");
        default:
            return {};
    }
}

}  // namespace mtga::gui
