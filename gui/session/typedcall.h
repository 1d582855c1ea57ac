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
#include <type_traits>

namespace mtga::gui {

inline QString errorText(const Error& error) {
    return QStringLiteral("%1 [%2]").arg(error.message, error.codeName());
}

// A result as the value T, by T::fromJson (the values that nest take a path: this is the top).
template <typename T>
Result<T> readResult(const QJsonObject& json) {
    if constexpr (std::is_same_v<T, QJsonObject>) {
        return json;
    } else if constexpr (requires { T::fromJson(json); }) {
        return T::fromJson(json);
    } else {
        return T::fromJson(json, QString());
    }
}

template <typename T>
qint64 typedCall(WorkerConnection& connection, const QString& cmd, const QJsonObject& args,
                 std::function<void(const Result<T>&)> done,
                 std::optional<std::chrono::milliseconds> timeout = std::nullopt) {
    return connection.call(
        cmd, args,
        [done = std::move(done)](const Result<QJsonObject>& reply) {
            if (!reply) {
                done(reply.error());
                return;
            }
            done(readResult<T>(reply.value()));
        },
        timeout);
}

}  // namespace mtga::gui
