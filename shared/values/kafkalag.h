#pragma once

// KafkaLag: the result of the `kafka_lag` command (docs/protocol.md), the worker's total lag as
// the original `kafka_lag` printed it, summed from the same rows `offsets` returns.

#include "shared/result.h"
#include "shared/values/partitionrow.h"

#include <QJsonObject>

namespace mtga {

struct KafkaLag {
    qint64 lag = 0;         // the sum of the partitions' lags that are known
    qint64 partitions = 0;  // partitions assigned to the worker
    qint64 unknown = 0;     // of those, the ones whose lag is not known yet (not in `lag`)

    static KafkaLag of(const OffsetsReply& offsets);

    QJsonObject toJson() const;
    static Result<KafkaLag> fromJson(const QJsonObject& json);
    bool operator==(const KafkaLag&) const = default;
};

}  // namespace mtga
