#include "gui/widgets/languagemenu.h"

#include <QActionGroup>
#include <QLocale>
#include <QMessageBox>

namespace mtga::gui {

namespace {

const QString kKey = QStringLiteral("language");

}  // namespace

LanguageMenu::LanguageMenu(QSettings& settings, QWidget* parent)
    : QMenu(tr("&Language"), parent), m_settings(settings) {
    setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(this);
    const QString chosen = settings.value(kKey).toString();
    // Each language's name in itself, so that a wrong choice can be undone by anyone.
    const std::pair<QString, QString> languages[] = {
        {QString(), tr("System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("中文 (简体)")},
    };
    for (const auto& [code, label] : languages) {
        QAction* action = addAction(label);
        action->setCheckable(true);
        action->setChecked(code == chosen);
        action->setData(code);
        group->addAction(action);
    }
    connect(group, &QActionGroup::triggered, this, [this, parent](QAction* action) {
        m_settings.setValue(kKey, action->data().toString());
        m_settings.sync();
        auto* box = new QMessageBox(QMessageBox::Information, tr("Language"),
                                    tr("The console speaks %1 from its next start.")
                                        .arg(action->text().remove(QLatin1Char('&'))),
                                    QMessageBox::Ok, parent);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void LanguageMenu::applyLanguage(const QSettings& settings) {
    const QString code = settings.value(kKey).toString();
    if (!code.isEmpty()) {
        QLocale::setDefault(QLocale(code));
    }
}

}  // namespace mtga::gui
