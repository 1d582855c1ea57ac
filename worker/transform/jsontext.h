#pragma once

// jsontext: the checks and writers of raw JSON text that the transform applies byte by byte, and
// the one definition of the JSON number grammar (the settings reader uses it too). Inline: they
// run for every field of every event, inside the transform's AVX2 translation units.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

namespace mtga::jsontext {

// Whether a grammatical number must also fit a double: 1E999 is grammatical, but TA's and most
// parsers reject it. The settings reader allows it and leaves it to Qt, whose error names it.
enum class HugeExponents { Allow, Reject };

// RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. simdjson's On-Demand
// does not check the atoms it only skips over, so the transform checks them with this.
inline bool isJsonNumber(std::string_view text, HugeExponents huge = HugeExponents::Allow) {
    size_t i = 0;
    const auto digits = [&] {
        const size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ++i;
        }
        return i > start;
    };
    if (i < text.size() && text[i] == '-') {
        ++i;
    }
    if (i < text.size() && text[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
        if (huge == HugeExponents::Reject) {
            double value = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
                return false;
            }
        }
    }
    return i == text.size();
}

// Without the whitespace simdjson's raw tokens run up to.
inline std::string_view trimRight(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                             text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// Deepest nesting of brackets in a JSON text, strings skipped.
inline int nestingDepth(std::string_view json) {
    int depth = 0;
    int deepest = 0;
    bool inString = false;
    for (size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return deepest;
}

// Bytes allowed after the first one of a TA property name: [A-Za-z0-9_].
inline constexpr std::array<bool, 256> kWordByte = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
        table[static_cast<size_t>(c)] =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return table;
}();

// A key of `logs`, read raw: its length up to the closing quote, whether it holds an escape,
// and whether it already is a valid TA property name. Keys are almost always plain words, which
// one table lookup per byte settles, so the name check costs nothing extra.
struct RawKey {
    size_t length = 0;
    bool escaped = false;
    bool propertyName = false;
};

inline RawKey scanKey(const char* body, const char* end) {
    RawKey key;
    const char* p = body;
    const bool validFirst =
        p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '#');
    if (validFirst) {
        ++p;
        while (p < end && kWordByte[static_cast<unsigned char>(*p)]) {
            ++p;
        }
        if (p < end && *p == '"') {
            key.length = static_cast<size_t>(p - body);
            key.propertyName = key.length <= 50;
            return key;
        }
    }
    while (p < end && *p != '"') {
        if (*p == '\\' && p + 1 < end) {
            key.escaped = true;
            p += 2;
        } else {
            ++p;
        }
    }
    key.length = static_cast<size_t>(p - body);
    return key;
}

// True when a raw string token (with its quotes) can be used as it is: no escapes to check and
// no raw control characters, which JSON forbids inside strings.
inline bool isPlainString(std::string_view token) {
    if (token.size() < 2) {
        return false;
    }
    // No early exit: the compiler turns this into a vector loop.
    bool special = false;
    for (size_t i = 1; i + 1 < token.size(); ++i) {
        const auto c = static_cast<unsigned char>(token[i]);
        special |= (c < 0x20) | (c == '\\');
    }
    return !special;
}

// Appends `text` escaped as the inside of a JSON string.
inline void appendJsonStringBody(std::string& out, std::string_view text) {
    // Most names need no escaping at all: copy them in one go.
    if (std::none_of(text.begin(), text.end(), [](char c) {
            return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
        })) {
        out += text;
        return;
    }
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static constexpr char kHex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += kHex[(c >> 4) & 0xf];
                    out += kHex[c & 0xf];
                } else {
                    out += c;
                }
        }
    }
}

inline void appendJsonString(std::string& out, std::string_view text) {
    out += '"';
    appendJsonStringBody(out, text);
    out += '"';
}

}  // namespace mtga::jsontext
