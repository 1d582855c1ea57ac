#pragma once

// NameTable: the one list of stable names of a closed enum (error codes, failure stages...), what
// goes on the wire, into logs and into the store, and back. Entries are listed in the enum's
// order, so a name is an array access; the table checks itself at compile time (each table site
// has a static_assert on isValid()), so an enumerator added without a name does not build.

#include <QLatin1String>
#include <QStringView>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mtga {

template <typename Enum, std::size_t N>
class NameTable {
public:
    using Entry = std::pair<Enum, std::string_view>;

    constexpr explicit NameTable(std::array<Entry, N> entries) : m_entries(entries) {}

    static constexpr std::size_t size() { return N; }
    constexpr Enum valueAt(std::size_t index) const { return m_entries[index].first; }

    constexpr std::string_view name(Enum value) const {
        return m_entries[static_cast<std::size_t>(value)].second;
    }
    QLatin1String latin1Name(Enum value) const {
        const std::string_view text = name(value);
        return QLatin1String(text.data(), static_cast<qsizetype>(text.size()));
    }

    // nullopt for a name that is not in the table.
    constexpr std::optional<Enum> parse(std::string_view text) const {
        for (const Entry& entry : m_entries) {
            if (entry.second == text) {
                return entry.first;
            }
        }
        return std::nullopt;
    }
    std::optional<Enum> parse(QStringView text) const {
        for (const Entry& entry : m_entries) {
            if (QLatin1String(entry.second.data(), static_cast<qsizetype>(entry.second.size())) ==
                text) {
                return entry.first;
            }
        }
        return std::nullopt;
    }

    // Every enumerator in order, each with a name of lowercase letters, digits and '_' that no
    // other has: the names are an API (the wire, the store), so they must be stable and plain.
    constexpr bool isValid() const {
        for (std::size_t i = 0; i < N; ++i) {
            if (static_cast<std::size_t>(m_entries[i].first) != i ||
                !isPlainName(m_entries[i].second)) {
                return false;
            }
            for (std::size_t j = 0; j < i; ++j) {
                if (m_entries[j].second == m_entries[i].second) {
                    return false;
                }
            }
        }
        return true;
    }

private:
    static constexpr bool isPlainName(std::string_view name) {
        if (name.empty()) {
            return false;
        }
        for (const char c : name) {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    std::array<Entry, N> m_entries;
};

}  // namespace mtga
