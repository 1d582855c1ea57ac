#include "worker/pipeline/crashrecovery.h"

#include "worker/pipeline/pipelineinternal.h"

#include <string>

namespace mtga {

using namespace pipelineinternal;

CrashRecovery::CrashRecovery(Store& store, Sink& sink, RecoverySet& recovery)
    : m_store(store), m_sink(sink), m_recovery(recovery) {}

Result<std::vector<OpenFile>> CrashRecovery::checkpointedOutputs() const {
    const auto files = m_store.files();
    if (!files) {
        return files.error();
    }
    std::vector<OpenFile> outputs;
    for (const FileRecord& record : files.value()) {
        outputs.push_back({record.path, record.length});
    }
    return outputs;
}

Result<CrashRecovery::Found> CrashRecovery::atStart() {
    const auto saved = m_store.meta(kRecoveryIdentitiesKey);
    if (!saved) {
        return saved.error();
    }
    if (saved->has_value()) {
        m_recovery.load(*saved.value());
    }
    const auto outputs = checkpointedOutputs();
    if (!outputs) {
        return outputs.error();
    }
    const auto tails = m_sink.readTails(
        outputs.value(), true, [this](std::string_view line) { m_recovery.addTailLine(line); });
    if (!tails) {
        return tails.error();
    }
    Found found;
    found.shortOutputs = tails->shortOutputs;
    found.tailLines = tails->lines;
    for (const OpenFile& output : tails->outputs) {
        found.recoveredFiles.push_back({output.path, output.length});
    }
    if (!m_recovery.empty()) {
        qCInfo(lcPipeline,
               "recovery: %zu event(s) already written will be skipped when consumed again",
               m_recovery.size());
        (void)m_store.audit("recovery", "{\"tail_lines\":" + std::to_string(found.tailLines) +
                                            ",\"identities\":" + std::to_string(m_recovery.size()) +
                                            "}");
    }
    return found;
}

size_t CrashRecovery::rememberUncheckpointed() {
    const auto outputs = checkpointedOutputs();
    if (!outputs) {
        qCCritical(lcPipeline, "%s", qUtf8Printable(outputs.error().message));
        return 0;
    }
    const auto tails = m_sink.readTails(
        outputs.value(), false, [this](std::string_view line) { m_recovery.remember(line); });
    const size_t lines = tails ? tails->lines : 0;
    if (lines > 0) {
        qCWarning(lcPipeline,
                  "%zu event(s) written but not checkpointed are remembered: they are skipped "
                  "if this worker consumes them again",
                  lines);
    }
    return lines;
}

}  // namespace mtga
