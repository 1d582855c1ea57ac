#pragma once

// A failed QCOMPARE of failure-queue stages and reasons prints their stored names, not numbers:
// QTest finds these by argument-dependent lookup.

#include "shared/failurecodes.h"

#include <QByteArray>

#include <string_view>

namespace mtga {

inline char* toString(FailureStage stage) {
    const std::string_view name = failureStageName(stage);
    return qstrdup(QByteArray(name.data(), static_cast<qsizetype>(name.size())).constData());
}

inline char* toString(FailureReason reason) {
    const std::string_view name = failureReasonName(reason);
    return qstrdup(QByteArray(name.data(), static_cast<qsizetype>(name.size())).constData());
}

}  // namespace mtga
