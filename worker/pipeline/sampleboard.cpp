#include "worker/pipeline/sampleboard.h"

namespace mtga {
namespace {

QString textOf(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

SampleRecord recordOf(const RecordOutcome& outcome, const TransformOutput& output) {
    SampleRecord record;
    record.index = static_cast<int>(outcome.index);
    record.appId = outcome.appId;
    record.logName = textOf(outcome.logName);
    switch (outcome.kind) {
        case OutcomeKind::Ok: {
            record.outcome = QStringLiteral("written");
            std::string_view line(output.text.data() + outcome.lineBegin,
                                  outcome.lineEnd - outcome.lineBegin);
            if (line.ends_with('\n')) {
                line.remove_suffix(1);
            }
            record.line = textOf(line);
            break;
        }
        case OutcomeKind::Filtered:
            record.outcome = QStringLiteral("filtered");
            record.rule = textOf(outcome.rule);
            break;
        case OutcomeKind::Failed:
            record.outcome = QStringLiteral("failed");
            record.stage = textOf(failureStageName(outcome.stage));
            record.reason = textOf(failureCodeName(outcome.code));
            record.message = textOf(outcome.message);
            record.field = textOf(outcome.field);
            break;
    }
    return record;
}

}  // namespace

SampleBoard::SampleBoard(size_t ringSize) : m_ringSize(std::max<size_t>(ringSize, 1)) {}

bool SampleGate::due(const void* topic, int32_t partition, int64_t nowMs) {
    const auto [it, first] = m_buckets.try_emplace({topic, partition}, Bucket{m_burst, nowMs});
    Bucket& bucket = it->second;
    if (!first) {
        const auto elapsed = static_cast<double>(std::max<int64_t>(nowMs - bucket.lastMs, 0));
        bucket.tokens = std::min(m_burst, bucket.tokens + elapsed * m_perMs);
        bucket.lastMs = nowMs;
    }
    if (bucket.tokens < 1.0) {
        return false;
    }
    bucket.tokens -= 1.0;
    return true;
}

void SampleBoard::keep(const TopicPartition& partition, int64_t offset, int64_t nowMs,
                       std::string_view payload, const TransformOutput& output) {
    // Built outside the lock: the control thread reads the rings meanwhile.
    SampleMessage message;
    message.offset = offset;
    message.timeMs = nowMs;
    message.payloadBytes = static_cast<qint64>(payload.size());
    message.payload = QByteArray(
        payload.data(),
        static_cast<qsizetype>(std::min<size_t>(payload.size(), SampleMessage::kMaxPayloadBytes)));
    message.records.reserve(output.outcomes.size());
    for (const RecordOutcome& outcome : output.outcomes) {
        message.records.push_back(recordOf(outcome, output));
    }
    std::lock_guard lock(m_mutex);
    std::deque<SampleMessage>& messages = m_rings[partition];
    messages.push_back(std::move(message));
    while (messages.size() > m_ringSize) {
        messages.pop_front();
    }
}

std::vector<SampleMessage> SampleBoard::last(const TopicPartition& partition, size_t limit) const {
    std::lock_guard lock(m_mutex);
    std::vector<SampleMessage> newest;
    const auto it = m_rings.find(partition);
    if (it == m_rings.end()) {
        return newest;
    }
    for (auto message = it->second.rbegin(); message != it->second.rend() && newest.size() < limit;
         ++message) {
        newest.push_back(*message);
    }
    return newest;
}

void SampleBoard::drop(const TopicPartition& partition) {
    std::lock_guard lock(m_mutex);
    m_rings.erase(partition);
}

}  // namespace mtga
