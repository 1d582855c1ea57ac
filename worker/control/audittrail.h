#pragma once

// AuditTrail: where the worker writes down every answered mutating control command: in the
// store's audit log (RocksDB, with the checkpoints it may have changed) and in the log file, as
// one line an operator can grep at 3 a.m.: who (uid, pid), when, what, and before -> after.

#include "worker/control/controlpeer.h"

#include <QJsonObject>

#include <functional>

namespace mtga {

class Store;

// The audit log's kind of a command's record: "control:reload". The prefix keeps operators'
// commands apart from what the worker records itself ("start", "stop", "reload").
inline constexpr const char* kAuditKindPrefix = "control:";

class AuditTrail {
public:
    // The store of the current pipeline, looked up at each record: null while there is none (the
    // record then goes to the log file only).
    using StoreLookup = std::function<Store*()>;
    explicit AuditTrail(StoreLookup store);

    void record(const CommandRecord& record) const;

    // The audit log's details of a command.
    static QJsonObject toJson(const CommandRecord& record);

private:
    StoreLookup m_store;
};

}  // namespace mtga
