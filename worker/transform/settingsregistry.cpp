#include "worker/transform/settingsregistry.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSettings, "mtga.settings", QtInfoMsg)

namespace mtga {

SettingsRegistry::SettingsRegistry(QString folder) : m_folder(std::move(folder)) {}

Result<void> SettingsRegistry::reload() {
    auto loaded = SettingsSet::loadFolder(m_folder);
    if (!loaded) {
        if (current()) {
            qCWarning(lcSettings, "settings in %s not reloaded, the previous ones stay: %s",
                      qUtf8Printable(m_folder), qUtf8Printable(loaded.error().message));
        }
        return loaded.error();
    }
    qCInfo(lcSettings, "settings loaded from %s: %zu app(s)", qUtf8Printable(m_folder),
           loaded.value()->apps().size());
    m_current.store(std::move(loaded).value());
    m_generation.fetch_add(1);
    return {};
}

}  // namespace mtga
