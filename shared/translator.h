#pragma once

// Loads mtga's own and Qt's translations for the user's locale into the running application.

class QCoreApplication;

namespace mtga {

// Installs the translators for the system locale (LANG / LC_ALL); English needs none.
// Returns true when an mtga translation was found for that locale.
bool installTranslators(QCoreApplication& app);

}  // namespace mtga
