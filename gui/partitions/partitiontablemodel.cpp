#include "gui/partitions/partitiontablemodel.h"

#include "shared/healthstate.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace mtga::gui {

namespace {

// Compared as Latin-1, without a conversion: the table asks for every painted cell.
std::optional<HealthState> stateOf(const PartitionRow& row) {
    for (const HealthState state :
         {HealthState::Ok, HealthState::Idle, HealthState::Warn, HealthState::Stall,
          HealthState::Stopped, HealthState::Rewind, HealthState::DataLoss}) {
        if (row.health == healthStateLatin1(state)) {
            return state;
        }
    }
    return std::nullopt;
}

QVariant offsetText(qint64 value) {
    return value < 0 ? QVariant(QStringLiteral("—")) : QVariant(QLocale().toString(value));
}

// Only bad states are coloured: a healthy table is quiet. Translucent, so the tint reads on a
// light and a dark palette alike.
QVariant background(const PartitionRow& row) {
    const auto state = stateOf(row);
    if (!state) {
        return {};
    }
    switch (*state) {
        case HealthState::Warn:
            return QBrush(QColor(230, 160, 0, 60));
        case HealthState::Stall:
        case HealthState::Stopped:
        case HealthState::Rewind:
        case HealthState::DataLoss:
            return QBrush(QColor(220, 40, 40, 70));
        case HealthState::Ok:
        case HealthState::Idle:
            break;
    }
    return {};
}

}  // namespace

PartitionTableModel::PartitionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int PartitionTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PartitionTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

void PartitionTableModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_history = nullptr;
    endResetModel();
}

void PartitionTableModel::setRows(const std::vector<PartitionRow>& rows,
                                  const LagHistory* history) {
    m_history = history;
    m_lastChangedCells = 0;
    m_lastRowsChanged = false;
    std::fill(m_lastChangedColumns.begin(), m_lastChangedColumns.end(), false);
    std::map<PartitionRef, const PartitionRow*> incoming;
    for (const PartitionRow& row : rows) {
        incoming.emplace(PartitionRef{row.topic, row.partition}, &row);
    }
    // Rows that left (a rebalance) go first, from the end so the indexes stay right.
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const PartitionRow& old = m_rows[static_cast<std::size_t>(i)];
        if (!incoming.contains(PartitionRef{old.topic, old.partition})) {
            m_lastRowsChanged = true;
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    if (m_rows.size() != m_index.size()) {
        m_index.clear();
        for (std::size_t i = 0; i < m_rows.size(); ++i) {
            m_index.emplace(PartitionRef{m_rows[i].topic, m_rows[i].partition},
                            static_cast<int>(i));
        }
    }
    std::vector<const PartitionRow*> added;
    std::vector<bool> changed(ColumnCount);
    for (const PartitionRow& row : rows) {
        const PartitionRef ref{row.topic, row.partition};
        const auto it = m_index.find(ref);
        if (it == m_index.end()) {
            added.push_back(&row);
            continue;
        }
        PartitionRow& mine = m_rows[static_cast<std::size_t>(it->second)];
        bool any = false;
        for (int column = 0; column < ColumnCount; ++column) {
            bool differs = !sameCell(mine, row, column);
            if (column == Trend && m_history) {
                // The sparkline moves with every sample unless its whole window is one value.
                const LagSeries* series = m_history->partition(ref);
                differs = series && series->unchangedRun() <= std::size_t{kTrendSamples};
            }
            changed[static_cast<std::size_t>(column)] = differs;
            any = any || differs;
        }
        if (any) {
            mine = row;
            announce(it->second, changed);
        }
    }
    if (!added.empty()) {
        m_lastRowsChanged = true;
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
        for (const PartitionRow* row : added) {
            m_index.emplace(PartitionRef{row->topic, row->partition},
                            static_cast<int>(m_rows.size()));
            m_rows.push_back(*row);
        }
        endInsertRows();
    }
}

// One signal per run of neighbouring changed cells in the row.
void PartitionTableModel::announce(int row, const std::vector<bool>& changed) {
    int column = 0;
    while (column < ColumnCount) {
        if (!changed[static_cast<std::size_t>(column)]) {
            ++column;
            continue;
        }
        const int first = column;
        while (column < ColumnCount && changed[static_cast<std::size_t>(column)]) {
            ++column;
        }
        m_lastChangedCells += column - first;
        for (int c = first; c < column; ++c) {
            m_lastChangedColumns[static_cast<std::size_t>(c)] = true;
        }
        Q_EMIT dataChanged(index(row, first), index(row, column - 1));
    }
}

bool PartitionTableModel::lastChanged(int column) const {
    return m_lastRowsChanged || (column >= 0 && column < ColumnCount &&
                                 m_lastChangedColumns[static_cast<std::size_t>(column)]);
}

bool PartitionTableModel::sameCell(const PartitionRow& a, const PartitionRow& b, int column) {
    switch (column) {
        case Topic:
            return a.topic == b.topic;
        case Partition:
            return a.partition == b.partition;
        case Low:
            return a.low == b.low;
        case High:
            return a.high == b.high;
        case Current:
            return a.current == b.current;
        case Checkpointed:
            return a.checkpointed == b.checkpointed;
        case Lag:
            return a.lag == b.lag;
        case LagTime:
            return a.lagSeconds == b.lagSeconds;
        case CatchUp:
            return a.etaSeconds == b.etaSeconds;
        case Health:
            return a.health == b.health && a.lost == b.lost && a.healthSinceMs == b.healthSinceMs;
        default:
            return true;
    }
}

QString PartitionTableModel::formatSeconds(double seconds) {
    const QLocale locale;
    if (seconds < 60) {
        return tr("%1 s").arg(locale.toString(seconds, 'f', seconds < 10 ? 1 : 0));
    }
    const auto whole = static_cast<qint64>(std::llround(seconds));
    if (whole < 3600) {
        return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    }
    if (whole < 86400) {
        return tr("%1 h %2 min").arg(whole / 3600).arg(whole % 3600 / 60);
    }
    return tr("%1 d %2 h").arg(whole / 86400).arg(whole % 86400 / 3600);
}

QVariant PartitionTableModel::display(const PartitionRow& row, int column) const {
    switch (column) {
        case Topic:
            return row.topic;
        case Partition:
            return QLocale().toString(row.partition);
        case Low:
            return offsetText(row.low);
        case High:
            return offsetText(row.high);
        case Current:
            return offsetText(row.current);
        case Checkpointed:
            return offsetText(row.checkpointed);
        case Lag:
            return row.lag ? offsetText(*row.lag) : QVariant(QStringLiteral("—"));
        case LagTime:
            return row.lagSeconds ? formatSeconds(*row.lagSeconds) : QStringLiteral("—");
        case CatchUp:
            if (row.etaSeconds) {
                return *row.etaSeconds == 0 ? tr("caught up")
                                            : formatSeconds(double(*row.etaSeconds));
            }
            return row.lag.value_or(0) > 0 ? tr("never") : QStringLiteral("—");
        case Health:
            return row.lost > 0 ? tr("%1 (%2 lost)").arg(row.health, QLocale().toString(row.lost))
                                : row.health;
        default:
            return {};
    }
}

double PartitionTableModel::numericKey(const PartitionRow& row, int column) {
    switch (column) {
        case Partition:
            return row.partition;
        case Low:
            return double(row.low);
        case High:
            return double(row.high);
        case Current:
            return double(row.current);
        case Checkpointed:
            return double(row.checkpointed);
        case Lag:
        case Trend:
            return double(row.lag.value_or(-1));
        case LagTime:
            return row.lagSeconds.value_or(-1.0);
        case CatchUp:
            return row.etaSeconds ? double(*row.etaSeconds)
                                  : (row.lag.value_or(0) > 0 ? 1e18 : -1.0);
        case Health: {
            const auto state = stateOf(row);
            return state ? healthSeverity(*state) : 0;
        }
        default:
            return 0;
    }
}

bool PartitionTableModel::lessThan(const PartitionRow& a, const PartitionRow& b, int column) {
    if (column != Topic) {
        const double left = numericKey(a, column);
        const double right = numericKey(b, column);
        if (left != right) {
            return left < right;
        }
    }
    if (a.topic != b.topic) {
        return a.topic < b.topic;
    }
    return a.partition < b.partition;
}

QVariant PartitionTableModel::sortValue(const PartitionRow& row, int column) const {
    if (column == Topic) {
        return row.topic;
    }
    return column < ColumnCount ? QVariant(numericKey(row, column)) : QVariant();
}

QVariant PartitionTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const PartitionRow& row = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
        case Qt::DisplayRole:
            return column == Trend ? QVariant() : display(row, column);
        case SortRole:
            return sortValue(row, column);
        case Qt::TextAlignmentRole:
            return column == Topic || column == Health
                       ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                       : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::BackgroundRole:
            return background(row);
        case Qt::ToolTipRole:
            if (column == Health && row.healthSinceMs > 0) {
                return tr("%1 since %2")
                    .arg(row.health,
                         QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.healthSinceMs),
                                            QLocale::ShortFormat));
            }
            return {};
        case TrendRole: {
            if (!m_history) {
                return {};
            }
            const LagSeries* series = m_history->partition(PartitionRef{row.topic, row.partition});
            if (!series) {
                return {};
            }
            const std::vector<double> values = series->recent(kTrendSamples);
            return QVariant::fromValue(QList<double>(values.begin(), values.end()));
        }
        case HealthRole:
            return row.health;
        case SeverityRole: {
            const auto state = stateOf(row);
            return state ? healthSeverity(*state) : 0;
        }
        default:
            return {};
    }
}

QVariant PartitionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return section == Topic || section == Health ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
        case Topic:
            return tr("Topic");
        case Partition:
            return tip ? tr("Partition number") : tr("Part.");
        case Low:
            return tip ? tr("The oldest offset Kafka still holds") : tr("Low");
        case High:
            return tip ? tr("The offset after the newest message") : tr("High");
        case Current:
            return tip ? tr("The next offset this worker processes") : tr("Current");
        case Checkpointed:
            return tip ? tr("Where a restart resumes: written and checkpointed")
                       : tr("Checkpointed");
        case Lag:
            return tip ? tr("Messages not processed yet: High − Current") : tr("Lag");
        case LagTime:
            return tip ? tr("How long the next unprocessed message has waited") : tr("Lag time");
        case CatchUp:
            return tip ? tr("Time to catch up at the current rates") : tr("Catch-up");
        case Health:
            return tr("Health");
        case Trend:
            return tip ? tr("The lag over the last minute") : tr("Trend");
        default:
            return {};
    }
}

}  // namespace mtga::gui
