#pragma once

// PartitionFilterProxy: the partitions table's sort (by the raw values, so 10 sorts after 9)
// and filter, redone once per update (refresh()): one topic or all, a health state ("bad": any
// state that raises an alert), and a text that the topic or "topic:partition" must contain.

#include <QSortFilterProxyModel>
#include <QString>

namespace mtga::gui {

class PartitionFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    static constexpr QLatin1String kBadStates{"bad"};

    explicit PartitionFilterProxy(QObject* parent = nullptr);

    void setTopic(const QString& topic);   // empty: all
    void setHealth(const QString& state);  // empty: any; kBadStates; or a state's name
    void setText(const QString& text);
    // After the model's update: sorts again when the sort column's values changed (or rows came
    // or went), filters again when a filter is set. Sorting once per update, instead of once
    // per changed row as a dynamic sort does, is what keeps 2,000 partitions smooth.
    void refresh(bool sortKeysChanged);
    bool filtering() const {
        return !m_topic.isEmpty() || !m_health.isEmpty() || !m_text.isEmpty();
    }

    const QString& topic() const { return m_topic; }
    const QString& health() const { return m_health; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_topic;
    QString m_health;
    QString m_text;
};

}  // namespace mtga::gui
