#pragma once

// MainWindow: the console's frame. Panels (partitions, lag chart, failure queue) dock into it as
// they are built; it holds no logic of its own.

#include <QMainWindow>

namespace mtga::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace mtga::gui
