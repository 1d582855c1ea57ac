#include "shared/values/failurejobs.h"

#include "shared/jsonfields.h"

namespace mtga {
namespace {

constexpr QLatin1String kMatched("matched");
constexpr QLatin1String kWritten("written");
constexpr QLatin1String kFiltered("filtered");
constexpr QLatin1String kStillFailing("still_failing");
constexpr QLatin1String kOutputError("output_error");
constexpr QLatin1String kPath("path");
constexpr QLatin1String kExported("exported");
constexpr QLatin1String kBytes("bytes");

}  // namespace

QJsonObject FailureRetryReply::toJson() const {
    return QJsonObject{{kMatched, matched},
                       {kWritten, written},
                       {kFiltered, filtered},
                       {kStillFailing, stillFailing},
                       {kOutputError, outputError.isEmpty() ? QJsonValue() : outputError}};
}

Result<FailureRetryReply> FailureRetryReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("retry_failures"));
    FailureRetryReply reply;
    reply.matched = in.integer(kMatched);
    reply.written = in.integer(kWritten);
    reply.filtered = in.integer(kFiltered);
    reply.stillFailing = in.integer(kStillFailing);
    if (const QJsonValue error = json.value(kOutputError); in.ok() && !error.isNull()) {
        reply.outputError = in.string(kOutputError);
    }
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

QJsonObject FailureExportReply::toJson() const {
    return QJsonObject{{kPath, path}, {kExported, exported}, {kBytes, bytes}};
}

Result<FailureExportReply> FailureExportReply::fromJson(const QJsonObject& json) {
    JsonFields in(json, QStringLiteral("export_failures"));
    FailureExportReply reply;
    reply.path = in.string(kPath);
    reply.exported = in.integer(kExported);
    reply.bytes = in.integer(kBytes);
    if (!in.ok()) {
        return in.error();
    }
    return reply;
}

}  // namespace mtga
