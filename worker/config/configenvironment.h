#pragma once

// ConfigEnvironment: what the environment does to a configuration: MTGA_<SECTION>_<KEY>
// variables set keys of the merged tree, and ${VAR} in the files' values is replaced by the
// variable. The environment is always a parameter, so that tests are hermetic.

#include "worker/config/configtree.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace mtga {

class ConfigEnvironment {
public:
    // MTGA_<SECTION>_<KEY> variables replace (or add) keys of `root`; list values are
    // comma-separated. Variables whose section is not a known one are left alone: other tools
    // (build scripts, tests) use the MTGA_ prefix too.
    static void applyOverrides(ConfigTree& root, const QProcessEnvironment& environment,
                               QStringList& errors);
    // `raw` with every ${NAME} replaced by NAME's value and "$${" by a literal "${"; nothing when
    // a reference is malformed or unset, with every problem in `problems`.
    static std::optional<QString> substitute(const QString& raw,
                                             const QProcessEnvironment& environment,
                                             QStringList& problems);
};

}  // namespace mtga
