#include "worker/pipeline/offsetresetplanner.h"

#include <QString>

#include <algorithm>
#include <set>

namespace mtga {
namespace {

QString nameOf(const TopicPartition& partition) {
    return QString::fromStdString(partition.topic) + QLatin1Char(':') +
           QString::number(partition.partition);
}

TopicPartition keyOf(const PartitionRef& ref) {
    return {ref.topic.toStdString(), ref.partition};
}

void refuse(ResetRow& row, ErrorCode code, const QString& message) {
    row.refusedCode = QString(errorCodeName(code));
    row.refusedMessage = message;
    row.next = -1;
}

}  // namespace

Result<std::vector<TopicPartition>> OffsetResetPlanner::scope(
    const OffsetResetRequest& request, const std::vector<TopicPartition>& owned) {
    std::set<TopicPartition> chosen;
    if (request.target == ResetTarget::Offsets) {
        for (const PartitionOffset& entry : request.offsets) {
            chosen.insert(keyOf(entry.partition));
        }
    } else if (request.allTopics) {
        chosen.insert(owned.begin(), owned.end());
    } else if (!request.topics.isEmpty()) {
        for (const QString& topic : request.topics) {
            const std::string name = topic.toStdString();
            bool any = false;
            for (const TopicPartition& partition : owned) {
                if (partition.topic == name) {
                    chosen.insert(partition);
                    any = true;
                }
            }
            if (!any) {
                return Error::of(
                    ErrorCode::NotOwned,
                    tr("no partition of topic %1 is assigned to this worker").arg(topic));
            }
        }
    } else {
        for (const PartitionRef& ref : request.partitions) {
            chosen.insert(keyOf(ref));
        }
    }
    return std::vector<TopicPartition>(chosen.begin(), chosen.end());
}

bool OffsetResetPlanner::needsTimeLookup(const OffsetResetRequest& request) {
    return request.target == ResetTarget::Datetime || request.target == ResetTarget::Duration;
}

int64_t OffsetResetPlanner::lookupTimeMs(const OffsetResetRequest& request, int64_t nowMs) {
    return request.target == ResetTarget::Datetime
               ? request.timestampMs
               : std::max<int64_t>(nowMs - request.durationMs, 0);
}

std::vector<ResetRow> OffsetResetPlanner::plan(const OffsetResetRequest& request,
                                               const std::vector<State>& states) {
    std::map<TopicPartition, int64_t> explicitOffsets;
    for (const PartitionOffset& entry : request.offsets) {
        explicitOffsets[keyOf(entry.partition)] = entry.offset;
    }
    std::vector<ResetRow> rows;
    rows.reserve(states.size());
    for (const State& state : states) {
        rows.push_back(planOne(request, state, explicitOffsets));
    }
    return rows;
}

ResetRow OffsetResetPlanner::planOne(const OffsetResetRequest& request, const State& state,
                                     const std::map<TopicPartition, int64_t>& explicitOffsets) {
    ResetRow row;
    row.topic = QString::fromStdString(state.partition.topic);
    row.partition = state.partition.partition;
    row.low = state.low;
    row.high = state.high;
    row.current = state.current;
    row.checkpointed = state.checkpointed;
    const QString name = nameOf(state.partition);
    if (!state.owned) {
        refuse(row, ErrorCode::NotOwned,
               tr("%1 is not assigned to this worker (another member of the group has it, or "
                  "it is not in the worker's topics): reset it where it is consumed")
                   .arg(name));
        return row;
    }
    if (state.low < 0 || state.high < 0) {
        refuse(row, ErrorCode::KafkaError,
               tr("%1: the cluster did not say where the log begins and ends").arg(name));
        return row;
    }
    int64_t wanted = -1;
    switch (request.target) {
        case ResetTarget::Earliest:
            wanted = state.low;
            break;
        case ResetTarget::Latest:
            wanted = state.high;
            break;
        case ResetTarget::Offset:
            wanted = request.offset;
            break;
        case ResetTarget::Datetime:
        case ResetTarget::Duration:
            if (!state.atTimeKnown) {
                refuse(row, ErrorCode::KafkaError,
                       tr("%1: the cluster did not say which offset that time is").arg(name));
                return row;
            }
            // As kafka-consumer-groups.sh: no message at or after the time means the end of the
            // log.
            wanted = state.atTime >= 0 ? state.atTime : state.high;
            break;
        case ResetTarget::Shift:
            if (state.current < 0) {
                refuse(row, ErrorCode::InvalidArgument,
                       tr("%1: its position is not known yet, so it cannot be shifted").arg(name));
                return row;
            }
            wanted = state.current + request.shift;
            break;
        case ResetTarget::Offsets:
            wanted = explicitOffsets.at(state.partition);
            break;
    }
    if (wanted < state.low || wanted > state.high) {
        if (request.strict) {
            refuse(row, ErrorCode::OutOfRange,
                   tr("%1: offset %2 is outside the log [%3, %4] (without --strict it would be "
                      "clamped)")
                       .arg(name)
                       .arg(wanted)
                       .arg(state.low)
                       .arg(state.high));
            return row;
        }
        row.clamped = wanted < state.low ? QStringLiteral("low") : QStringLiteral("high");
        wanted = std::clamp(wanted, state.low, state.high);
    }
    row.next = wanted;
    row.lagAfter = state.high - wanted;
    if (state.current >= 0) {
        // Only messages in the log [Low, High) are skipped or replayed: from a position below
        // Low (retention deleted past it) or above High (a truncated log) the offsets between
        // it and the log's end are no messages.
        const int64_t from = std::clamp<int64_t>(state.current, state.low, state.high);
        row.skipped = std::max<int64_t>(wanted - from, 0);
        row.replayed = std::max<int64_t>(from - wanted, 0);
    }
    return row;
}

Result<void> OffsetResetPlanner::checkApplicable(const std::vector<ResetRow>& rows) {
    for (const ResetRow& row : rows) {
        if (row.refused()) {
            return Error::received(row.refusedCode, row.refusedMessage);
        }
    }
    if (rows.empty()) {
        return Error::of(ErrorCode::NotOwned, tr("no partition to reset: none is assigned to "
                                                 "this worker"));
    }
    return {};
}

}  // namespace mtga
