#include "gui/dialogs/addworkerdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mtga::gui {

AddWorkerDialog::AddWorkerDialog(QWidget* parent)
    : QDialog(parent),
      m_target(new QLineEdit(this)),
      m_name(new QLineEdit(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("Add worker"));
    setObjectName(QStringLiteral("addWorkerDialog"));
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setPlaceholderText(tr("/srv/mtga/data/mtga.sock"));
    m_name->setPlaceholderText(tr("optional: how the list names it"));
    auto* help = new QLabel(
        tr("A control socket (/srv/mtga/data/mtga.sock), a configuration file "
           "(/etc/mtga/mtga.yml) or a worker on another machine "
           "(ssh://ops@game-01/srv/mtga/data/mtga.sock; your ssh keys and agent apply)."),
        this);
    help->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Worker:"), m_target);
    form->addRow(tr("&Name:"), m_name);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &QLineEdit::textChanged, this, &AddWorkerDialog::validate);
    connect(m_name, &QLineEdit::textChanged, this, &AddWorkerDialog::validate);
    validate();
    resize(520, sizeHint().height());
}

void AddWorkerDialog::validate() {
    const Result<WorkerSpec> spec = WorkerSpec::parse(m_target->text(), m_name->text());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(spec.ok());
    m_problem->setText(spec || m_target->text().isEmpty() ? QString() : spec.error().message);
    if (spec) {
        m_spec = spec.value();
    }
}

}  // namespace mtga::gui
