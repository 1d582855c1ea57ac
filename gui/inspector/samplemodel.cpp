#include "gui/inspector/samplemodel.h"

#include <QDateTime>
#include <QLocale>

#include <map>
#include <set>

namespace mtga::gui {

SampleModel::SampleModel(QObject* parent) : QAbstractTableModel(parent) {}

void SampleModel::setReply(SampleReply reply) {
    beginResetModel();
    m_reply = std::move(reply);
    endResetModel();
}

QString SampleModel::outcomeText(const SampleMessage& message) {
    std::map<QString, int> counts;
    std::set<QString> reasons;
    for (const SampleRecord& record : message.records) {
        ++counts[record.outcome];
        if (!record.reason.isEmpty()) {
            reasons.insert(record.reason);
        }
    }
    QStringList parts;
    for (const auto& [outcome, count] : counts) {
        parts << QStringLiteral("%1 %2").arg(count).arg(outcome);
    }
    QString text = parts.isEmpty() ? tr("no records") : parts.join(QStringLiteral(", "));
    if (!reasons.empty()) {
        text += QStringLiteral(" (%1)").arg(
            QStringList(reasons.begin(), reasons.end()).join(QStringLiteral(", ")));
    }
    return text;
}

QString SampleModel::recordsText(const SampleMessage& message) {
    QStringList out;
    for (const SampleRecord& record : message.records) {
        QString head = tr("#%1 app %2 %3: %4")
                           .arg(record.index)
                           .arg(record.appId)
                           .arg(record.logName, record.outcome);
        if (record.outcome == QLatin1String("written")) {
            out << head + QLatin1Char('\n') + record.line;
        } else if (record.outcome == QLatin1String("filtered")) {
            out << head + QLatin1Char(' ') + tr("by rule %1").arg(record.rule);
        } else {
            out << head + QLatin1Char(' ') +
                       tr("at %1, %2%3: %4")
                           .arg(record.stage, record.reason,
                                record.field.isEmpty() ? QString()
                                                       : tr(" (field %1)").arg(record.field),
                                record.message);
        }
    }
    return out.join(QStringLiteral("\n\n"));
}

int SampleModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_reply.messages.size());
}

int SampleModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SampleModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const SampleMessage& sampled = message(index.row());
    if (role == Qt::TextAlignmentRole) {
        return index.column() == Outcome ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                         : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
        case Offset:
            return QLocale().toString(sampled.offset);
        case Time:
            return QDateTime::fromMSecsSinceEpoch(sampled.timeMs)
                .toString(QStringLiteral("HH:mm:ss.zzz"));
        case Bytes:
            return QLocale().toString(sampled.payloadBytes);
        case Outcome:
            return outcomeText(sampled);
        default:
            return {};
    }
}

QVariant SampleModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
        case Offset:
            return tr("Offset");
        case Time:
            return tr("Transformed");
        case Bytes:
            return tr("Bytes");
        case Outcome:
            return tr("Became");
        default:
            return {};
    }
}

}  // namespace mtga::gui
