#pragma once

// StoreOptions: where the worker's RocksDB store lives and whether its writes are synced; the
// store section of the worker's configuration.

#include <QString>

namespace mtga {

struct StoreOptions {
    QString path = QStringLiteral("data/store");  // absolute once loaded from a configuration
    bool sync = true;

    friend bool operator==(const StoreOptions&, const StoreOptions&) = default;
};

}  // namespace mtga
