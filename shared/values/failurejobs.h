#pragma once

// The results of the failure queue's long commands (docs/protocol.md): `retry_failures` (the
// matching entries tried again with the current settings) and `export_failures` (the matching
// entries written to a JSON-lines file by the worker).

#include "shared/result.h"

#include <QJsonObject>
#include <QString>

namespace mtga {

struct FailureRetryReply {
    qint64 matched = 0;       // entries the filters matched when the retry began
    qint64 written = 0;       // now succeeded: their lines are in the output
    qint64 filtered = 0;      // now dropped by a filter (they leave the queue too)
    qint64 stillFailing = 0;  // failed again: one more attempt, the latest reason
    QString outputError;      // the output refused lines: those entries stay as they were

    QJsonObject toJson() const;
    static Result<FailureRetryReply> fromJson(const QJsonObject& json);
    bool operator==(const FailureRetryReply&) const = default;
};

struct FailureExportReply {
    QString path;  // the file the worker wrote
    qint64 exported = 0;
    qint64 bytes = 0;

    QJsonObject toJson() const;
    static Result<FailureExportReply> fromJson(const QJsonObject& json);
    bool operator==(const FailureExportReply&) const = default;
};

}  // namespace mtga
