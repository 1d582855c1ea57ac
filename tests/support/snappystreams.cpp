#include "tests/support/snappystreams.h"

#include <snappy.h>

namespace mtga::test {

uint32_t crc32c(std::string_view data) {
    uint32_t crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= static_cast<unsigned char>(c);
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 1u) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
    }
    return ~crc;
}

uint32_t maskedCrc32c(std::string_view data) {
    const uint32_t crc = crc32c(data);
    return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
}

void appendLe(std::string& out, uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
    }
}

void appendBe32(std::string& out, uint32_t value) {
    for (int i = 3; i >= 0; --i) {
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
    }
}

std::string rawBlock(std::string_view text) {
    std::string compressed;
    snappy::Compress(text.data(), text.size(), &compressed);
    return compressed;
}

Frame& Frame::withBadCrc(unsigned type, std::string_view text) {
    const std::string data = type == 0x00 ? rawBlock(text) : std::string(text);
    std::string body;
    appendLe(body, maskedCrc32c(text) ^ 1u, 4);
    return chunk(type, body + data);
}

Frame& Frame::chunk(unsigned type, std::string_view body) {
    m_bytes.push_back(static_cast<char>(type));
    appendLe(m_bytes, static_cast<uint32_t>(body.size()), 3);
    m_bytes.append(body);
    return *this;
}

Frame& Frame::checked(unsigned type, std::string_view text, const std::string& data) {
    std::string body;
    appendLe(body, maskedCrc32c(text), 4);
    return chunk(type, body + data);
}

Xerial::Xerial() {
    m_bytes.append("\x82SNAPPY\x00", 8);
    appendBe32(m_bytes, 1);
    appendBe32(m_bytes, 1);
}

Xerial& Xerial::compressedBlock(std::string_view compressed) {
    appendBe32(m_bytes, static_cast<uint32_t>(compressed.size()));
    m_bytes.append(compressed);
    return *this;
}

}  // namespace mtga::test
