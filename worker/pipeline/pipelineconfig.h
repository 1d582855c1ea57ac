#pragma once

// The pipeline's options from the worker's configuration file, in one place for `mtga run` and
// `mtga demo`.

#include "shared/result.h"
#include "shared/workerconfig.h"
#include "worker/pipeline/pipeline.h"

namespace mtga {

// Fails only for combinations the pipeline cannot run yet (e.g. the Kafka sink).
Result<PipelineOptions> pipelineOptionsFrom(const WorkerConfig& config);

}  // namespace mtga
