#pragma once

// WorkerConfig: the worker's YAML configuration (file, local overlay, environment), validated as a
// whole so that an operator sees every mistake, with its file, line and key, in one pass. Its
// sections are the options of the components that use them, so every default is the
// component's own and nothing copies the configuration into options.

#include "shared/logging.h"
#include "shared/result.h"
#include "worker/alerts/alertoptions.h"
#include "worker/control/controlserveroptions.h"
#include "worker/pipeline/pipelineoptions.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace mtga {

struct WorkerConfig {
    QString file;         // the main file as given
    QStringList sources;  // files actually read, in order (main, then overlay)
    // The kafka, pipeline, sink and store sections: kafka is `pipeline.source`; pipeline the
    // pipeline's own keys and `pipeline.transform`; sink is `pipeline.sinkType`, `pipeline.sink`
    // (files) and `pipeline.kafkaSink`; store is `pipeline.store`. Paths are absolute once loaded.
    PipelineOptions pipeline;
    ControlServerOptions control;
    LogOptions log;
    AlertOptions alerts;
    QString metricsListen;  // metrics.listen: empty, "PORT" or "HOST:PORT"

    Q_DECLARE_TR_FUNCTIONS(WorkerConfig)

public:
    // Loads `path`, then `mtga.local.yml` next to it if present (maps merge key by key, scalars
    // and lists replace), then MTGA_<SECTION>_<KEY> overrides from `environment` (list values
    // comma-separated), then ${VAR} substitution in the files' scalar values. The environment is a
    // parameter so that tests are hermetic; callers pass QProcessEnvironment::systemEnvironment().
    // Errors have code "config_missing" (no main file) or "config_invalid", and list every
    // problem, one per line, as "FILE:LINE:COLUMN: section.key: message" (1-based; the column
    // counts characters) or "environment MTGA_X: section.key: message".
    static Result<WorkerConfig> load(const QString& path, const QProcessEnvironment& environment);

    // The effective configuration as YAML (every key, defaults included) for `mtga config check`;
    // loading it gives this configuration back.
    QString toYaml() const;
};

}  // namespace mtga
