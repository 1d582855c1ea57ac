#pragma once

// Result<T>: a value or an Error, returned by every fallible function in mtga so that failures
// travel as data (with a stable code for machines and a message for people) instead of exceptions.

#include "shared/errorcode.h"

#include <QString>

#include <utility>
#include <variant>

namespace mtga {

struct Error {
    ErrorCode code = ErrorCode::Unknown;
    QString message;  // human-readable, already translated where it reaches a user
    // Only for Unknown: a newer peer's code as it was received, so it can still be shown and
    // passed on.
    QString unknownCode;

    static Error of(ErrorCode code, QString message) { return Error{code, std::move(message), {}}; }
    // An error as a peer sent it: the code's text is kept when this build does not know it.
    static Error received(QStringView codeName, QString message) {
        const ErrorCode code = errorCodeFromName(codeName);
        return Error{code, std::move(message),
                     code == ErrorCode::Unknown ? codeName.toString() : QString()};
    }
    // The stable string ("kafka_error"), or the unknown code as received.
    QString codeName() const {
        return code == ErrorCode::Unknown && !unknownCode.isEmpty() ? unknownCode
                                                                    : QString(errorCodeName(code));
    }
    bool is(ErrorCode other) const { return code == other; }
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

}  // namespace mtga
