#pragma once

// FailureExport: `export_failures` writes the failure-queue entries a filter matches to a file
// of the worker's, one `failure_queue_list` entry per line (payload included, base64 when it is
// not UTF-8), for an operator to keep, grep or load elsewhere. The worker may run as another
// user than the caller, so the path is checked first and nothing is ever overwritten.

#include "shared/result.h"
#include "shared/values/failurejobs.h"
#include "worker/store/store.h"

#include <QCoreApplication>
#include <QString>

#include <functional>

namespace mtga {

class FailureExport {
    Q_DECLARE_TR_FUNCTIONS(FailureExport)

public:
    // invalid_argument unless `path` is absolute, in a folder that exists, and not there yet.
    static Result<void> checkPath(const QString& path);
    // Creates `path` (owner read and write only) and writes the matching entries, in key order;
    // gives up when `stopping` says so. On an error the partial file is removed.
    static Result<FailureExportReply> write(const Store& store, const FailureFilter& filter,
                                            const QString& path,
                                            const std::function<bool()>& stopping);
};

}  // namespace mtga
