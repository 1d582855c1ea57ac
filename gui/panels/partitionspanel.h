#pragma once

// PartitionsPanel: the partitions table of the selected worker with its filters (topic, health
// state, text) and copy as text or CSV. It shows what the session's stats events say and keeps
// the operator's selection, sort and scroll across updates.

#include "gui/partitions/partitioncopy.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;
class QLabel;

namespace mtga::gui {

class PartitionFilterProxy;
class PartitionTableModel;
class WorkerSession;

class PartitionsPanel : public QWidget {
    Q_OBJECT

public:
    explicit PartitionsPanel(QWidget* parent = nullptr);

    // The worker whose partitions are shown (nullptr: none).
    void setSession(WorkerSession* session);
    void focusFilter();
    // The selected rows as text (all rows when none is selected).
    QString selectedText(CopyFormat format) const;
    void copySelected(CopyFormat format);
    // The selected partitions, as "topic:N" (for the chart and the reset dialog).
    QStringList selectedPartitions() const;

    QTableView* view() const { return m_view; }
    // The columns' widths came from saved settings: keep them.
    void keepColumnWidths() { m_sized = true; }
    PartitionTableModel* model() const { return m_model; }
    PartitionFilterProxy* proxy() const { return m_proxy; }

Q_SIGNALS:
    void selectionChanged();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void update();
    void updateTopics();

    WorkerSession* m_session = nullptr;
    PartitionTableModel* m_model;
    PartitionFilterProxy* m_proxy;
    QTableView* m_view;
    QComboBox* m_topic;
    QComboBox* m_health;
    QLineEdit* m_text;
    QLabel* m_count;
    bool m_resortDue = false;  // sort keys changed while hidden
    bool m_sized = false;      // columns fitted to the first rows (or restored)
};

}  // namespace mtga::gui
