#pragma once

// How QCOMPARE prints mtga's enums when two values differ: by their stable names (error codes,
// failure-queue stages and reasons as stored), not numbers. QTest finds these through
// argument-dependent lookup.

#include "shared/errorcode.h"
#include "shared/failurecodes.h"

#include <QByteArray>

#include <string_view>

namespace mtga {

inline char* toString(ErrorCode code) {
    const QLatin1String name = errorCodeName(code);
    return qstrdup(QByteArray(name.data(), name.size()).constData());
}

inline char* toString(FailureStage stage) {
    const std::string_view name = failureStageName(stage);
    return qstrdup(QByteArray(name.data(), static_cast<qsizetype>(name.size())).constData());
}

inline char* toString(FailureReason reason) {
    const std::string_view name = failureReasonName(reason);
    return qstrdup(QByteArray(name.data(), static_cast<qsizetype>(name.size())).constData());
}

}  // namespace mtga
