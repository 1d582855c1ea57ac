#pragma once

// How QCOMPARE prints mtga's enums when two values differ: by their stable names, not numbers.
// QTest finds these through argument-dependent lookup.

#include "shared/errorcode.h"

#include <QByteArray>

namespace mtga {

inline char* toString(ErrorCode code) {
    return qstrdup(QByteArray(errorCodeName(code).data(), errorCodeName(code).size()).constData());
}

}  // namespace mtga
