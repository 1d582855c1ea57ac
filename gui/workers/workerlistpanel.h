#pragma once

// WorkerListPanel: the side list of workers with their lights, the add button, and remove /
// mute on each worker's context menu. Selecting a row makes that worker the current one.

#include <QWidget>

class QListView;

namespace mtga::gui {

class WorkerList;
class WorkerListModel;

class WorkerListPanel : public QWidget {
    Q_OBJECT

public:
    explicit WorkerListPanel(WorkerList* workers, QWidget* parent = nullptr);

    int currentIndex() const;
    void setCurrentIndex(int index);
    QListView* view() const { return m_view; }

Q_SIGNALS:
    void currentChanged(int index);
    void addRequested();

private:
    WorkerList* m_workers;
    WorkerListModel* m_model;
    QListView* m_view;
};

}  // namespace mtga::gui
