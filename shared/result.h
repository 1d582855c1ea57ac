#pragma once

// Result<T>: a value or an Error, returned by every fallible function in mtga so that failures
// travel as data (with a stable code for machines and a message for people) instead of exceptions.

#include "shared/errorcode.h"

#include <QString>

#include <utility>
#include <variant>

namespace mtga {

struct Error {
    // Stable, machine-readable: the name of an ErrorCode ("kafka_error", "invalid_argument"), or
    // a newer peer's code as it was received.
    QString code;
    QString message;  // human-readable, already translated where it reaches a user

    // How new code makes an error: the code comes from the closed list.
    static Error of(ErrorCode code, QString message) {
        return Error{QString(errorCodeName(code)), std::move(message)};
    }
    // The code as an ErrorCode; Unknown when `code` is not in the list.
    ErrorCode errorCode() const { return errorCodeFromName(code); }
    bool is(ErrorCode other) const { return errorCode() == other; }
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
