#pragma once

// SettingsSet: the per-app settings of a settings folder (metadata.<app>.json and
// filter.<app>.json, or the original service's mthinkingdata:metadata.<app>.json names), loaded
// and validated as a whole, so a reload either replaces everything or nothing.

#include "shared/result.h"
#include "worker/transform/appsettings.h"

#include <QCoreApplication>
#include <QString>

#include <map>
#include <memory>

namespace mtga {

class SettingsSet {
    Q_DECLARE_TR_FUNCTIONS(SettingsSet)

public:
    // Errors name the file, line, column and key ("settings/metadata.24.json:7:5: ...").
    static Result<std::shared_ptr<const SettingsSet>> loadFolder(const QString& folder);

    const QString& folder() const { return m_folder; }
    const AppSettings* app(int appId) const;
    const std::map<int, AppSettings>& apps() const { return m_apps; }

private:
    QString m_folder;
    std::map<int, AppSettings> m_apps;
};

}  // namespace mtga
