#pragma once

// ActivityPanel: what the console did and what came of it, newest last, with the time and the
// worker: "12:03:41 game-01: Deleted 54 entries; 0 left." Failures and refusals in the error
// colour, with the worker's own message and code.

#include <QWidget>

class QListWidget;

namespace mtga::gui {

class ActivityPanel : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMaxLines = 1000;

    explicit ActivityPanel(QWidget* parent = nullptr);

    void add(const QString& worker, const QString& text, bool ok);
    QListWidget* list() const { return m_list; }
    // The newest line's text (tests and the status bar read it); empty when none.
    QString last() const;

private:
    QListWidget* m_list;
};

}  // namespace mtga::gui
