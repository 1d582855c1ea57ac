#include "worker/pipeline/selfcheck.h"

#include "worker/pipeline/pipelineinternal.h"

#include <QStringList>

namespace mtga {

void SelfCheck::add(SelfCheckFinding finding) {
    if (finding.ok) {
        qCInfo(lcPipeline, "self-check %s: %s", finding.check.c_str(),
               qUtf8Printable(finding.detail));
    } else {
        qCWarning(lcPipeline, "self-check %s FAILED: %s", finding.check.c_str(),
                  qUtf8Printable(finding.detail));
    }
    std::lock_guard lock(m_mutex);
    std::erase_if(m_findings, [&](const SelfCheckFinding& f) { return f.check == finding.check; });
    m_findings.push_back(std::move(finding));
}

std::vector<SelfCheckFinding> SelfCheck::findings() const {
    std::lock_guard lock(m_mutex);
    return m_findings;
}

SelfCheckFinding SelfCheck::compareCheckpoints(const std::vector<StartOffsetDecision>& decisions,
                                               std::vector<CheckpointMismatch>* mismatches) {
    QStringList differences;
    size_t compared = 0;
    for (const StartOffsetDecision& decision : decisions) {
        if (decision.checkpointed < 0 || decision.committed < 0) {
            continue;
        }
        ++compared;
        if (decision.checkpointed == decision.committed) {
            continue;
        }
        differences << tr("%1[%2]: local checkpoint %3, group commit %4; starting at %5")
                           .arg(QString::fromStdString(decision.partition.topic))
                           .arg(decision.partition.partition)
                           .arg(decision.checkpointed)
                           .arg(decision.committed)
                           .arg(decision.chosen);
        mismatches->push_back(
            {decision.partition, decision.checkpointed, decision.committed, decision.chosen});
    }
    if (differences.isEmpty()) {
        return {"checkpoint_vs_group", true,
                tr("%n partition(s) with both: local checkpoints and group commits agree", "",
                   static_cast<int>(compared))};
    }
    return {"checkpoint_vs_group", false, differences.join(QStringLiteral("; "))};
}

}  // namespace mtga
