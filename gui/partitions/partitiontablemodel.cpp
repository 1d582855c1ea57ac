#include "gui/partitions/partitiontablemodel.h"

#include "shared/healthstate.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <cmath>
#include <cstdint>

namespace mtga::gui {

namespace {

std::optional<HealthState> stateOf(const PartitionRow& row) {
    return parseHealthState(QStringView(row.health));
}

QVariant offsetText(qint64 value, const QLocale& locale) {
    return value < 0 ? QVariant(QStringLiteral("—")) : QVariant(locale.toString(value));
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

PartitionTableModel::PartitionTableModel(QObject* parent)
    : QAbstractTableModel(parent), m_texts(Texts::translated()) {}

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
    // The worker sends its partitions in the same order every time: then row i is row i, and
    // no lookup is needed.
    bool sameOrder = rows.size() == m_rows.size();
    for (std::size_t i = 0; sameOrder && i < rows.size(); ++i) {
        sameOrder = rows[i].partition == m_rows[i].partition && rows[i].topic == m_rows[i].topic;
    }
    if (sameOrder) {
        std::vector<std::uint32_t> masks(m_rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            masks[i] = update(static_cast<int>(i), rows[i]);
        }
        announce(masks);
        return;
    }
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
    std::vector<std::uint32_t> masks(m_rows.size());
    for (const PartitionRow& row : rows) {
        const PartitionRef ref{row.topic, row.partition};
        const auto it = m_index.find(ref);
        if (it == m_index.end()) {
            added.push_back(&row);
            continue;
        }
        masks[static_cast<std::size_t>(it->second)] = update(it->second, row);
    }
    announce(masks);
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

std::uint32_t PartitionTableModel::update(int index, const PartitionRow& row) {
    PartitionRow& mine = m_rows[static_cast<std::size_t>(index)];
    std::uint32_t mask = 0;
    for (int column = 0; column < ColumnCount; ++column) {
        bool differs = !sameCell(mine, row, column);
        if (column == Trend && m_history) {
            // The sparkline moves with every sample unless its whole window is one value (a
            // changed lag moves it for sure: no need to look the series up).
            if (mask & (1U << Lag)) {
                differs = true;
            } else {
                const LagSeries* series =
                    m_history->partition(PartitionRef{row.topic, row.partition});
                differs = series && series->unchangedRun() <= std::size_t{kTrendSamples};
            }
        }
        mask |= differs ? 1U << column : 0U;
    }
    if (mask != 0) {
        mine = row;
    }
    return mask;
}

// One signal per block of neighbouring rows whose changed cells are the same columns, and per
// run of neighbouring columns in it: under steady traffic every row changes the same cells, so
// an update of 2,000 rows is a couple of signals instead of thousands (each one the proxy and
// the view handle on their own), and still no cell that did not change is announced.
void PartitionTableModel::announce(const std::vector<std::uint32_t>& masks) {
    std::size_t row = 0;
    while (row < masks.size()) {
        const std::uint32_t mask = masks[row];
        std::size_t last = row;
        while (last + 1 < masks.size() && masks[last + 1] == mask) {
            ++last;
        }
        int column = 0;
        while (mask != 0 && column < ColumnCount) {
            if (!(mask & (1U << column))) {
                ++column;
                continue;
            }
            const int first = column;
            while (column < ColumnCount && (mask & (1U << column))) {
                m_lastChangedColumns[static_cast<std::size_t>(column)] = true;
                ++column;
            }
            m_lastChangedCells += (column - first) * static_cast<int>(last - row + 1);
            Q_EMIT dataChanged(index(static_cast<int>(row), first),
                               index(static_cast<int>(last), column - 1));
        }
        row = last + 1;
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

PartitionTableModel::Texts PartitionTableModel::Texts::translated() {
    return {PartitionTableModel::tr("%1 s"),        PartitionTableModel::tr("%1 min %2 s"),
            PartitionTableModel::tr("%1 h %2 min"), PartitionTableModel::tr("%1 d %2 h"),
            PartitionTableModel::tr("caught up"),   PartitionTableModel::tr("never"),
            PartitionTableModel::tr("%1 (%2 lost)")};
}

QString PartitionTableModel::formatSeconds(double seconds) {
    return formatSeconds(seconds, Texts::translated(), QLocale());
}

QString PartitionTableModel::formatSeconds(double seconds, const Texts& texts,
                                           const QLocale& locale) {
    if (seconds < 60) {
        return texts.seconds.arg(locale.toString(seconds, 'f', seconds < 10 ? 1 : 0));
    }
    const auto whole = static_cast<qint64>(std::llround(seconds));
    if (whole < 3600) {
        return texts.minutes.arg(whole / 60).arg(whole % 60);
    }
    if (whole < 86400) {
        return texts.hours.arg(whole / 3600).arg(whole % 3600 / 60);
    }
    return texts.days.arg(whole / 86400).arg(whole % 86400 / 3600);
}

QVariant PartitionTableModel::display(const PartitionRow& row, int column) const {
    switch (column) {
        case Topic:
            return row.topic;
        case Partition:
            return m_locale.toString(row.partition);
        case Low:
            return offsetText(row.low, m_locale);
        case High:
            return offsetText(row.high, m_locale);
        case Current:
            return offsetText(row.current, m_locale);
        case Checkpointed:
            return offsetText(row.checkpointed, m_locale);
        case Lag:
            return row.lag ? offsetText(*row.lag, m_locale) : QVariant(QStringLiteral("—"));
        case LagTime:
            return row.lagSeconds ? formatSeconds(*row.lagSeconds, m_texts, m_locale)
                                  : QStringLiteral("—");
        case CatchUp:
            if (row.etaSeconds) {
                return *row.etaSeconds == 0
                           ? m_texts.caughtUp
                           : formatSeconds(double(*row.etaSeconds), m_texts, m_locale);
            }
            return row.lag.value_or(0) > 0 ? m_texts.never : QStringLiteral("—");
        case Health:
            return row.lost > 0 ? m_texts.lost.arg(row.health, m_locale.toString(row.lost))
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
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) {
        return {};
    }
    if (role == Qt::TextAlignmentRole) {
        return section == Topic || section == Health ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    // Looked up once: the header asks for its texts at every repaint and relayout.
    static const auto headers = [] {
        std::vector<std::pair<QString, QString>> texts(ColumnCount);
        texts[Topic] = {tr("Topic"), tr("Topic")};
        texts[Partition] = {tr("Part."), tr("Partition number")};
        texts[Low] = {tr("Low"), tr("The oldest offset Kafka still holds")};
        texts[High] = {tr("High"), tr("The offset after the newest message")};
        texts[Current] = {tr("Current"), tr("The next offset this worker processes")};
        texts[Checkpointed] = {tr("Checkpointed"),
                               tr("Where a restart resumes: written and checkpointed")};
        texts[Lag] = {tr("Lag"), tr("Messages not processed yet: High − Current")};
        texts[LagTime] = {tr("Lag time"), tr("How long the next unprocessed message has waited")};
        texts[CatchUp] = {tr("Catch-up"), tr("Time to catch up at the current rates")};
        texts[Health] = {tr("Health"), tr("Health")};
        texts[Trend] = {tr("Trend"), tr("The lag over the last minute")};
        return texts;
    };
    if (m_headers.empty()) {
        m_headers = headers();
    }
    const auto& [display, tip] = m_headers[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole) {
        return display;
    }
    if (role == Qt::ToolTipRole) {
        return tip;
    }
    return {};
}

}  // namespace mtga::gui
