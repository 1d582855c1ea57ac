#pragma once

// SettingsRegistry: the settings in force, shared by every worker thread, and their reload. A
// reload that fails keeps the settings in force, so a typo in production never stops the flow.

#include "shared/result.h"
#include "worker/transform/settingsset.h"

#include <atomic>
#include <memory>

namespace mtga {

class SettingsRegistry {
public:
    explicit SettingsRegistry(QString folder);

    // Loads the folder; on failure the previous settings stay and the error says why.
    Result<void> reload();

    // The settings in force (never null after a successful first load).
    std::shared_ptr<const SettingsSet> current() const { return m_current.load(); }
    // Bumped by every successful reload; threads compare it to pick up new settings.
    uint64_t generation() const { return m_generation.load(); }
    const QString& folder() const { return m_folder; }

private:
    QString m_folder;
    std::atomic<std::shared_ptr<const SettingsSet>> m_current;
    std::atomic<uint64_t> m_generation{0};
};

}  // namespace mtga
