#pragma once

// ControlServerOptions: the control socket's path and who may run mutating commands; the control
// section of the worker's configuration.

#include <QString>

#include <cstdint>
#include <vector>

namespace mtga {

struct ControlServerOptions {
    QString socket = QStringLiteral("data/mtga.sock");  // absolute once loaded from a configuration
    std::vector<uint32_t> adminUids{0};
    std::vector<uint32_t> adminGids;

    friend bool operator==(const ControlServerOptions&, const ControlServerOptions&) = default;
};

}  // namespace mtga
