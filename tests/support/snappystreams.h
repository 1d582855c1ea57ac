#pragma once

// Builders of snappy payloads for tests: raw blocks, the framing format (with CRC-32C computed
// bit by bit, so it shares nothing with the decoder's table) and snappy-java streams.

#include <QByteArray>

#include <cstdint>
#include <string>
#include <string_view>

namespace mtga::test {

uint32_t crc32c(std::string_view data);
uint32_t maskedCrc32c(std::string_view data);
void appendLe(std::string& out, uint32_t value, int bytes);
void appendBe32(std::string& out, uint32_t value);
std::string rawBlock(std::string_view text);

// A snappy framing-format stream, chunk by chunk.
class Frame {
public:
    Frame() { streamId(); }

    Frame& streamId() { return chunk(0xFF, "sNaPpY"); }
    Frame& compressed(std::string_view text) { return checked(0x00, text, rawBlock(text)); }
    Frame& uncompressed(std::string_view text) { return checked(0x01, text, std::string(text)); }
    Frame& withBadCrc(unsigned type, std::string_view text);
    Frame& chunk(unsigned type, std::string_view body);
    Frame& raw(std::string_view bytes) {
        m_bytes.append(bytes);
        return *this;
    }
    size_t size() const { return m_bytes.size(); }
    QByteArray bytes() const { return QByteArray(m_bytes.data(), qsizetype(m_bytes.size())); }

private:
    Frame& checked(unsigned type, std::string_view text, const std::string& data);

    std::string m_bytes;
};

// snappy-java's stream: magic, version 1, compatible version 1, [BE length][raw block]...
class Xerial {
public:
    Xerial();
    Xerial& block(std::string_view text) { return compressedBlock(rawBlock(text)); }
    Xerial& compressedBlock(std::string_view compressed);
    Xerial& raw(std::string_view bytes) {
        m_bytes.append(bytes);
        return *this;
    }
    size_t size() const { return m_bytes.size(); }
    QByteArray bytes() const { return QByteArray(m_bytes.data(), qsizetype(m_bytes.size())); }

private:
    std::string m_bytes;
};

}  // namespace mtga::test
