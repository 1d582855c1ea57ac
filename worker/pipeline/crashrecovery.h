#pragma once

// CrashRecovery: finds the events already in the output that no checkpoint covers, so they are
// not written twice when they are consumed again. At start (after a crash) the sink's tails
// past the checkpointed lengths join the recovery set with the identities an earlier run saved;
// after a revoke that gave up on the output, the lines past the last checkpoint do.

#include "worker/pipeline/recoveryset.h"
#include "worker/sink/sink.h"
#include "worker/store/store.h"

#include <cstddef>
#include <vector>

namespace mtga {

class CrashRecovery {
public:
    CrashRecovery(Store& store, Sink& sink, RecoverySet& recovery);

    struct Found {
        size_t shortOutputs = 0;  // outputs shorter than their checkpoint (for the self-check)
        size_t tailLines = 0;
        // Outputs with tails, at their full length: the first checkpoint records them.
        std::vector<FileRecord> recoveredFiles;
    };
    // Complete lines stay in the files (LogBus may have shipped them); only a torn last
    // fragment is cut. Audited as "recovery" when there is anything to skip.
    Result<Found> atStart();
    // The files are open: only complete lines count. Returns how many were remembered.
    size_t rememberUncheckpointed();

private:
    Result<std::vector<OpenFile>> checkpointedOutputs() const;

    Store& m_store;
    Sink& m_sink;
    RecoverySet& m_recovery;
};

}  // namespace mtga
