#include "worker/transform/eventidentity.h"

#include <xxhash.h>

#include <array>
#include <cstring>
#include <functional>
#include <optional>

namespace mtga {
namespace {

constexpr std::string_view kUuidKey = "#uuid";

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void skipSpace(std::string_view text, size_t& at) {
    while (at < text.size() && isSpace(text[at])) {
        ++at;
    }
}

// At an opening quote: moves past the closing one and returns what lies between, escapes as
// written; nullopt when the string does not end.
std::optional<std::string_view> readString(std::string_view text, size_t& at) {
    const size_t begin = ++at;
    while (at < text.size() && text[at] != '"') {
        at += text[at] == '\\' ? 2 : 1;
    }
    if (at >= text.size()) {
        return std::nullopt;
    }
    return text.substr(begin, at++ - begin);
}

int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// Whether a raw key (escapes as written) means `name`, a printable ASCII word: "#uui\u0064"
// does. The escapes of control characters (\n, \t...) can be in no such name.
bool keyMeans(std::string_view raw, std::string_view name) {
    size_t n = 0;
    for (size_t i = 0; i < raw.size(); ++i, ++n) {
        char c = raw[i];
        if (c == '\\' && i + 1 < raw.size()) {
            c = raw[++i];
            if (c == 'u') {
                int code = 0;
                for (int k = 0; k < 4; ++k) {
                    const int digit = i + 1 < raw.size() ? hexDigit(raw[++i]) : -1;
                    if (digit < 0) {
                        return false;
                    }
                    code = code * 16 + digit;
                }
                c = static_cast<char>(code < 0x80 ? code : 0);
            } else if (c != '"' && c != '\\' && c != '/') {
                return false;
            }
        }
        if (n >= name.size() || c != name[n]) {
            return false;
        }
    }
    return n == name.size();
}

// Moves past one JSON value without checking it: strings to their closing quote, objects and
// arrays to their matching bracket (strings inside skipped), anything else to the next
// delimiter. False when the text ends first.
bool skipValue(std::string_view text, size_t& at) {
    if (at >= text.size()) {
        return false;
    }
    if (text[at] == '"') {
        return readString(text, at).has_value();
    }
    if (text[at] == '{' || text[at] == '[') {
        int depth = 0;
        while (at < text.size()) {
            const char c = text[at];
            if (c == '"') {
                if (!readString(text, at)) {
                    return false;
                }
                continue;
            }
            ++at;
            if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return true;
            }
        }
        return false;
    }
    while (at < text.size() && text[at] != ',' && text[at] != '}' && text[at] != ']' &&
           !isSpace(text[at])) {
        ++at;
    }
    return true;
}

// The value of the line's top-level "#uuid", when it is a non-empty string. The transform
// writes it before properties, so the scan usually stops early.
std::optional<std::string_view> topLevelUuid(std::string_view line) {
    size_t at = 0;
    skipSpace(line, at);
    if (at >= line.size() || line[at] != '{') {
        return std::nullopt;
    }
    ++at;
    for (;;) {
        skipSpace(line, at);
        if (at >= line.size() || line[at] != '"') {
            return std::nullopt;  // the end of the object, or not JSON
        }
        const auto key = readString(line, at);
        skipSpace(line, at);
        if (!key || at >= line.size() || line[at] != ':') {
            return std::nullopt;
        }
        ++at;
        skipSpace(line, at);
        if (keyMeans(*key, kUuidKey)) {
            if (at >= line.size() || line[at] != '"') {
                return std::nullopt;
            }
            const auto value = readString(line, at);
            return value && !value->empty() ? value : std::nullopt;
        }
        if (!skipValue(line, at)) {
            return std::nullopt;
        }
        skipSpace(line, at);
        if (at >= line.size() || line[at] != ',') {
            return std::nullopt;
        }
        ++at;
    }
}

}  // namespace

void EventIdentity::appendUuid(std::string& line, const SourceRef& source, uint32_t index) {
    // Name-based: the same (topic, partition, offset, index) always gives the same id, so a
    // replayed message carries the ids TA already has and TA drops the copies.
    std::array<char, 16> numbers{};
    std::memcpy(numbers.data(), &source.partition, 4);
    std::memcpy(numbers.data() + 4, &source.offset, 8);
    std::memcpy(numbers.data() + 12, &index, 4);
    const XXH128_hash_t hash = XXH3_128bits_withSeed(
        numbers.data(), 16, XXH3_64bits(source.topic.data(), source.topic.size()));
    std::array<uint8_t, 16> bytes{};
    for (int i = 0; i < 8; ++i) {
        bytes[static_cast<size_t>(i)] = static_cast<uint8_t>(hash.high64 >> (56 - 8 * i));
        bytes[static_cast<size_t>(8 + i)] = static_cast<uint8_t>(hash.low64 >> (56 - 8 * i));
    }
    bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0f) | 0x80);  // version 8 (RFC 9562, custom)
    bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3f) | 0x80);  // RFC variant
    static constexpr char kHex[] = "0123456789abcdef";
    static constexpr std::string_view kMember = ",\"#uuid\":\"";  // kUuidKey, as a member
    std::array<char, kMember.size() + 37> text{};
    size_t at = kMember.copy(text.data(), kMember.size());
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text[at++] = '-';
        }
        text[at++] = kHex[bytes[i] >> 4];
        text[at++] = kHex[bytes[i] & 0xf];
    }
    text[at++] = '"';
    line.append(text.data(), at);
}

std::string EventIdentity::ofLine(std::string_view line) {
    // Appended piece by piece: `"u" + std::string(...)` trips GCC 12's -Wrestrict at -O3.
    std::string identity;
    if (const auto uuid = topLevelUuid(line)) {
        identity.reserve(1 + uuid->size());
        identity += 'u';
        identity += *uuid;
        return identity;
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
        line.remove_suffix(1);
    }
    identity += 'h';
    identity += std::to_string(std::hash<std::string_view>{}(line));
    return identity;
}

}  // namespace mtga
