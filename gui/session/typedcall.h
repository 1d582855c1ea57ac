#pragma once

// typedCall: a WorkerConnection call whose result arrives as a typed value (FailureCounts,
// OffsetResetReply...), read with that value's fromJson; a result that is not one is bad_reply.
// errorText: how the console shows an Error: the message and its code, as the CLI prints them.

#include "shared/result.h"
#include "shared/workerconnection.h"

#include <QJsonObject>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

namespace mtga::gui {

inline QString errorText(const Error& error) {
    return QStringLiteral("%1 [%2]").arg(error.message, error.codeName());
}

template <typename T>
using Parser = std::function<Result<T>(const QJsonObject&)>;

template <typename T>
qint64 typedCall(WorkerConnection& connection, const QString& cmd, const QJsonObject& args,
                 Parser<T> parse, std::function<void(const Result<T>&)> done,
                 std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    return connection.call(
        cmd, args,
        [parse = std::move(parse), done = std::move(done)](const Result<QJsonObject>& reply) {
            if (!reply) {
                done(reply.error());
                return;
            }
            done(parse(reply.value()));
        },
        timeout);
}

}  // namespace mtga::gui
