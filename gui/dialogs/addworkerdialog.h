#pragma once

// AddWorkerDialog: adds a worker to the side list by its socket path, its configuration file or
// ssh://[user@]host[:port]/path; says what is wrong with the text before it can be added.

#include "gui/session/workerspec.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace mtga::gui {

class AddWorkerDialog : public QDialog {
    Q_OBJECT

public:
    explicit AddWorkerDialog(QWidget* parent = nullptr);

    // Valid once accepted.
    const WorkerSpec& spec() const { return m_spec; }
    QLineEdit* targetEdit() const { return m_target; }

private:
    void validate();

    QLineEdit* m_target;
    QLineEdit* m_name;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    WorkerSpec m_spec;
};

}  // namespace mtga::gui
