#pragma once

// LanguageMenu: View › Language: the system's language (the default), English or Chinese. The
// choice is kept in the settings ("language") and applies from the console's next start, when
// applyLanguage() sets it before the translators load.

#include <QMenu>
#include <QSettings>

namespace mtga::gui {

class LanguageMenu : public QMenu {
    Q_OBJECT

public:
    LanguageMenu(QSettings& settings, QWidget* parent = nullptr);

    // Makes the chosen language the default locale (before installTranslators); nothing for the
    // system's.
    static void applyLanguage(const QSettings& settings);

private:
    QSettings& m_settings;
};

}  // namespace mtga::gui
