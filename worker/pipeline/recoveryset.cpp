#include "worker/pipeline/recoveryset.h"

#include "worker/transform/eventidentity.h"

#include <algorithm>

namespace mtga {

void RecoverySet::load(std::string_view saved) {
    size_t begin = 0;
    bool any = false;
    while (begin < saved.size()) {
        size_t end = saved.find('\n', begin);
        end = end == std::string_view::npos ? saved.size() : end;
        if (end > begin) {
            ++m_identities[std::string(saved.substr(begin, end - begin))];
            ++m_size;
            any = true;
        }
        begin = end + 1;
    }
    // Saved identities lost their partitions: they get the horizon of tails.
    m_unknownPartitions = m_unknownPartitions || any;
}

void RecoverySet::addTailLine(std::string_view line) {
    remember(line);
    m_unknownPartitions = true;
}

void RecoverySet::addWrittenLine(std::string_view line, const TopicPartition& partition,
                                 int64_t offset) {
    remember(line);
    raiseHorizon(partition, offset + 1);
}

void RecoverySet::remember(std::string_view line) {
    ++m_identities[EventIdentity::ofLine(line)];
    ++m_size;
    m_dirty = true;
}

void RecoverySet::raiseHorizon(const TopicPartition& partition, int64_t next) {
    int64_t& horizon = m_horizons[partition];
    horizon = std::max(horizon, next);
}

bool RecoverySet::take(std::string_view line) {
    if (m_identities.empty()) {
        return false;
    }
    const auto it = m_identities.find(EventIdentity::ofLine(line));
    if (it == m_identities.end()) {
        return false;
    }
    if (--it->second == 0) {
        m_identities.erase(it);
    }
    --m_size;
    m_dirty = true;
    return true;
}

bool RecoverySet::expire(const std::vector<PartitionPosition>& positions) {
    if (m_identities.empty() || positions.empty()) {
        return false;
    }
    bool past = true;
    for (const PartitionPosition& position : positions) {
        int64_t horizon = -1;
        if (const auto known = m_horizons.find(position.partition); known != m_horizons.end()) {
            horizon = known->second;
        }
        if (m_unknownPartitions) {
            auto high = m_highAfterStart.find(position.partition);
            if (high == m_highAfterStart.end() && position.high >= 0) {
                high = m_highAfterStart.emplace(position.partition, position.high).first;
            }
            if (high == m_highAfterStart.end()) {
                past = false;  // no High seen yet: the horizon is not known
                continue;
            }
            horizon = std::max(horizon, high->second);
        }
        if (horizon >= 0 && position.next < horizon) {
            past = false;
        }
    }
    if (!past) {
        return false;
    }
    m_identities.clear();
    m_size = 0;
    m_horizons.clear();
    m_highAfterStart.clear();
    m_unknownPartitions = false;
    m_dirty = true;
    return true;
}

std::string RecoverySet::serialize() const {
    std::string saved;
    saved.reserve(m_size * 38);
    for (const auto& [identity, copies] : m_identities) {
        for (uint32_t i = 0; i < copies; ++i) {
            saved += identity;
            saved += '\n';
        }
    }
    return saved;
}

}  // namespace mtga
