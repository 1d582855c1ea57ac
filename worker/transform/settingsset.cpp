#include "worker/transform/settingsset.h"

#include "worker/settings/filterreader.h"
#include "worker/settings/metadatareader.h"

#include <QDir>
#include <QRegularExpression>

namespace mtga {
namespace {

struct SettingsFiles {
    QString metadata;
    QString filter;
};

}  // namespace

Result<std::shared_ptr<const SettingsSet>> SettingsSet::loadFolder(const QString& folder) {
    const QDir dir(folder);
    if (!dir.exists()) {
        return Error::of(ErrorCode::SettingsMissing,
                         SettingsSet::tr("%1: the settings folder does not exist").arg(folder));
    }
    static const QRegularExpression kName(
        QStringLiteral("^(?:mthinkingdata:)?(metadata|filter)\\.(\\d{1,9})\\.json$"));
    std::map<int, SettingsFiles> files;
    QStringList errors;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        const QRegularExpressionMatch match = kName.match(name);
        if (!match.hasMatch()) {
            continue;
        }
        const int appId = match.captured(2).toInt();
        QString& slot = match.captured(1) == QLatin1String("metadata") ? files[appId].metadata
                                                                       : files[appId].filter;
        if (!slot.isEmpty()) {
            errors << SettingsSet::tr("%1: both %2 and %3 exist for app %4; keep one")
                          .arg(folder, QFileInfo(slot).fileName(), name)
                          .arg(appId);
            continue;
        }
        slot = dir.filePath(name);
    }

    auto set = std::make_shared<SettingsSet>();
    set->m_folder = folder;
    for (auto& [appId, paths] : files) {
        if (paths.metadata.isEmpty()) {
            errors << SettingsSet::tr(
                          "%1: app %2 has a filter file but no metadata file (metadata.%2.json)")
                          .arg(paths.filter)
                          .arg(appId);
            continue;
        }
        AppSettings app;
        app.appId = appId;
        app.metadataFile = paths.metadata;
        app.filterFile = paths.filter;
        app.timeZone = QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
        auto metadata = JsoncDocument::load(paths.metadata);
        if (!metadata) {
            errors << metadata.error().message;
            continue;
        }
        MetadataReader(metadata.value(), app, errors).read();
        if (!paths.filter.isEmpty()) {
            auto filter = JsoncDocument::load(paths.filter);
            if (!filter) {
                errors << filter.error().message;
                continue;
            }
            FilterReader(filter.value(), app, errors).read();
        }
        set->m_apps.emplace(appId, std::move(app));
    }
    if (!errors.isEmpty()) {
        return Error::of(ErrorCode::SettingsInvalid, errors.join(QLatin1Char('\n')));
    }
    return std::shared_ptr<const SettingsSet>(std::move(set));
}

const AppSettings* SettingsSet::app(int appId) const {
    const auto it = m_apps.find(appId);
    return it == m_apps.end() ? nullptr : &it->second;
}

}  // namespace mtga
