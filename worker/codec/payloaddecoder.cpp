#include "worker/codec/payloaddecoder.h"

#include <snappy.h>

#include <array>
#include <cstdint>

namespace mtga {

namespace {

using namespace std::string_view_literals;

// https://github.com/google/snappy/blob/main/framing_format.txt
constexpr std::string_view kFramingMagic = "\xff\x06\x00\x00sNaPpY"sv;
constexpr std::string_view kFramingStreamId = "sNaPpY"sv;
constexpr size_t kChunkHeaderSize = 4;
constexpr size_t kChunkChecksumSize = 4;
// The framing format caps a chunk's uncompressed data; enforcing it bounds what one chunk costs.
constexpr size_t kMaxChunkDataSize = 65536;
constexpr unsigned kChunkCompressed = 0x00;
constexpr unsigned kChunkUncompressed = 0x01;
constexpr unsigned kChunkLastUnskippable = 0x7f;
constexpr unsigned kChunkStreamIdentifier = 0xff;

// snappy-java's SnappyOutputStream (what Java Kafka producers write): magic, version, compatible
// version, then [big-endian length][raw snappy block]...
constexpr std::string_view kXerialMagic = "\x82SNAPPY\x00"sv;
constexpr size_t kXerialHeaderSize = 16;
constexpr size_t kXerialLengthSize = 4;

// A snappy element never yields more than 64 bytes per 3 input bytes (a 2-byte-offset copy), so a
// block whose length header claims more is corrupt: refusing it up front means garbage can never
// make us allocate more than 22 times its own size.
constexpr size_t kSnappyMaxExpansion = 22;

constexpr size_t kNoBlockLimit = static_cast<size_t>(-1);

// No installed library exposes CRC-32C: RocksDB, librdkafka and snappy all keep theirs in private
// headers. The framing format needs it, so here is the plain table-driven form (Castagnoli,
// reflected polynomial 0x82F63B78).
constexpr std::array<uint32_t, 256> makeCrc32cTable() {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t crc = i;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 1u) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        table[i] = crc;
    }
    return table;
}

constexpr std::array<uint32_t, 256> kCrc32cTable = makeCrc32cTable();

uint32_t crc32c(std::string_view data) {
    uint32_t crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc = kCrc32cTable[(crc ^ static_cast<unsigned char>(c)) & 0xFFu] ^ (crc >> 8);
    }
    return ~crc;
}

// The framing format stores the CRC masked, so that CRCs of data holding CRCs stay robust.
uint32_t maskedCrc32c(std::string_view data) {
    const uint32_t crc = crc32c(data);
    return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
}

uint32_t byteAt(std::string_view data, size_t index) {
    return static_cast<unsigned char>(data[index]);
}

uint32_t readLe24(std::string_view data, size_t at) {
    return byteAt(data, at) | byteAt(data, at + 1) << 8 | byteAt(data, at + 2) << 16;
}

uint32_t readLe32(std::string_view data, size_t at) {
    return readLe24(data, at) | byteAt(data, at + 3) << 24;
}

uint32_t readBe32(std::string_view data, size_t at) {
    return byteAt(data, at) << 24 | byteAt(data, at + 1) << 16 | byteAt(data, at + 2) << 8 |
           byteAt(data, at + 3);
}

bool isJsonWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The index of the first byte that is not JSON whitespace, or the size when there is none.
size_t firstNonWhitespace(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && isJsonWhitespace(text[i])) {
        ++i;
    }
    return i;
}

bool isBlank(std::string_view text) {
    return firstNonWhitespace(text) == text.size();
}

Error decodeError(const QString& message) {
    return Error::of(ErrorCode::PayloadDecode, message);
}

Error emptyMessage() {
    return Error::of(ErrorCode::InvalidJson, PayloadDecoder::tr("empty message"));
}

Error corruptBlock(size_t offset) {
    return decodeError(
        PayloadDecoder::tr("not a valid snappy block at byte %1: corrupt data").arg(offset));
}

// `total`: what the payload would decode to so far, had the data at `offset` been accepted.
Error tooLarge(size_t limit, size_t offset, size_t total) {
    return Error::of(
        ErrorCode::TooLarge,
        PayloadDecoder::tr("the decoded payload is over the limit of %1 bytes: the snappy "
                           "data at byte %2 brings it to %3 bytes")
            .arg(limit)
            .arg(offset)
            .arg(total));
}

// Appends the decoded `block` (a raw snappy block found at byte `offset` of the value) to `out`,
// refusing before any allocation when `out` would grow past `limit`.
Result<void> appendRawBlock(std::string_view block, size_t offset, size_t maxBlockSize,
                            size_t limit, std::string& out) {
    size_t length = 0;
    if (!snappy::GetUncompressedLength(block.data(), block.size(), &length)) {
        return decodeError(
            PayloadDecoder::tr("not a valid snappy block at byte %1: unreadable length header")
                .arg(offset));
    }
    if (length > maxBlockSize) {
        return decodeError(PayloadDecoder::tr("the snappy chunk at byte %1 decodes to %2 bytes, "
                                              "more than the %3 the framing format allows")
                               .arg(offset)
                               .arg(length)
                               .arg(maxBlockSize));
    }
    if (length / kSnappyMaxExpansion > block.size()) {
        return decodeError(PayloadDecoder::tr("not a valid snappy block at byte %1: %2 bytes "
                                              "cannot decode to the %3 its header claims")
                               .arg(offset)
                               .arg(block.size())
                               .arg(length));
    }
    if (length > limit - out.size()) {
        // Only real snappy data is "too large"; garbage whose header happens to claim a lot
        // (plain JSON sent to a snappy topic starts with '{', a 123-byte claim) is corrupt.
        if (!snappy::IsValidCompressedBuffer(block.data(), block.size())) {
            return corruptBlock(offset);
        }
        return tooLarge(limit, offset, out.size() + length);
    }
    const size_t start = out.size();
    out.resize(start + length);
    if (!snappy::RawUncompress(block.data(), block.size(), out.data() + start)) {
        out.resize(start);
        return corruptBlock(offset);
    }
    return {};
}

Result<void> decodeFramed(std::string_view value, size_t limit, std::string& out) {
    size_t pos = 0;
    while (pos < value.size()) {
        if (value.size() - pos < kChunkHeaderSize) {
            return decodeError(PayloadDecoder::tr("truncated snappy frame: the chunk header at "
                                                  "byte %1 needs %2 bytes, %3 are left")
                                   .arg(pos)
                                   .arg(kChunkHeaderSize)
                                   .arg(value.size() - pos));
        }
        const unsigned type = byteAt(value, pos);
        const size_t length = readLe24(value, pos + 1);
        const size_t bodyAt = pos + kChunkHeaderSize;
        if (length > value.size() - bodyAt) {
            return decodeError(PayloadDecoder::tr("truncated snappy frame: the chunk at byte %1 "
                                                  "declares %2 bytes, %3 are left")
                                   .arg(pos)
                                   .arg(length)
                                   .arg(value.size() - bodyAt));
        }
        const std::string_view body = value.substr(bodyAt, length);

        if (type == kChunkStreamIdentifier) {
            // Concatenated streams repeat the identifier; it must still be the real one.
            if (body != kFramingStreamId) {
                return decodeError(
                    PayloadDecoder::tr("bad snappy stream identifier at byte %1").arg(pos));
            }
        } else if (type == kChunkCompressed || type == kChunkUncompressed) {
            if (body.size() < kChunkChecksumSize) {
                return decodeError(PayloadDecoder::tr("the snappy chunk at byte %1 is too short "
                                                      "to hold its checksum")
                                       .arg(pos));
            }
            const uint32_t expected = readLe32(body, 0);
            const std::string_view data = body.substr(kChunkChecksumSize);
            const size_t dataAt = bodyAt + kChunkChecksumSize;
            const size_t start = out.size();
            if (type == kChunkCompressed) {
                const Result<void> appended =
                    appendRawBlock(data, dataAt, kMaxChunkDataSize, limit, out);
                if (!appended) {
                    return appended.error();
                }
            } else {
                if (data.size() > kMaxChunkDataSize) {
                    return decodeError(
                        PayloadDecoder::tr("the snappy chunk at byte %1 holds %2 bytes, more "
                                           "than the %3 the framing format allows")
                            .arg(pos)
                            .arg(data.size())
                            .arg(kMaxChunkDataSize));
                }
                if (data.size() > limit - out.size()) {
                    return tooLarge(limit, pos, out.size() + data.size());
                }
                out.append(data);
            }
            const uint32_t actual = maskedCrc32c(std::string_view(out).substr(start));
            if (actual != expected) {
                return decodeError(PayloadDecoder::tr("CRC mismatch in the snappy chunk at byte "
                                                      "%1: stored 0x%2, computed 0x%3")
                                       .arg(pos)
                                       .arg(expected, 8, 16, QLatin1Char('0'))
                                       .arg(actual, 8, 16, QLatin1Char('0')));
            }
        } else if (type <= kChunkLastUnskippable) {
            return decodeError(PayloadDecoder::tr("unknown unskippable snappy chunk type 0x%1 at "
                                                  "byte %2")
                                   .arg(type, 2, 16, QLatin1Char('0'))
                                   .arg(pos));
        }
        // Anything else is padding (0xfe) or a reserved skippable chunk (0x80-0xfd).
        pos = bodyAt + length;
    }
    return {};
}

Result<void> decodeXerial(std::string_view value, size_t limit, std::string& out) {
    if (value.size() < kXerialHeaderSize) {
        return decodeError(PayloadDecoder::tr("truncated snappy-java header: %1 bytes, %2 needed")
                               .arg(value.size())
                               .arg(kXerialHeaderSize));
    }
    size_t pos = kXerialHeaderSize;
    while (pos < value.size()) {
        if (value.size() - pos < kXerialLengthSize) {
            return decodeError(
                PayloadDecoder::tr("truncated snappy-java block length at byte %1").arg(pos));
        }
        const size_t length = readBe32(value, pos);
        const size_t blockAt = pos + kXerialLengthSize;
        if (length > value.size() - blockAt) {
            return decodeError(PayloadDecoder::tr("truncated snappy-java block at byte %1: it "
                                                  "declares %2 bytes, %3 are left")
                                   .arg(pos)
                                   .arg(length)
                                   .arg(value.size() - blockAt));
        }
        const Result<void> appended =
            appendRawBlock(value.substr(blockAt, length), blockAt, kNoBlockLimit, limit, out);
        if (!appended) {
            return appended.error();
        }
        pos = blockAt + length;
    }
    return {};
}

// One record per line; "\r\n" and blank lines are what text tools and Windows producers add.
std::vector<std::string_view> splitLines(std::string_view text) {
    std::vector<std::string_view> records;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(pos, end - pos);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!isBlank(line)) {
            records.push_back(line);
        }
        pos = end + 1;
    }
    return records;
}

}  // namespace

std::optional<PayloadCodec> parsePayloadCodec(std::string_view name) {
    if (name == "none"sv) {
        return PayloadCodec::None;
    }
    if (name == "snappy"sv) {
        return PayloadCodec::Snappy;
    }
    if (name == "auto"sv) {
        return PayloadCodec::Auto;
    }
    return std::nullopt;
}

std::string_view payloadCodecName(PayloadCodec codec) {
    switch (codec) {
        case PayloadCodec::None:
            return "none"sv;
        case PayloadCodec::Snappy:
            return "snappy"sv;
        case PayloadCodec::Auto:
            return "auto"sv;
    }
    return "none"sv;
}

PayloadDecoder::PayloadDecoder(PayloadCodec codec, size_t maxDecodedBytes)
    : m_codec(codec), m_maxDecodedBytes(maxDecodedBytes) {}

Result<std::vector<std::string_view>> PayloadDecoder::decode(std::string_view value,
                                                             std::string& scratch) const {
    PayloadCodec codec = m_codec;
    if (codec == PayloadCodec::Auto) {
        const size_t first = firstNonWhitespace(value);
        if (first == value.size()) {
            // Whitespace bytes as a snappy block can only decode to whitespace: no record either
            // way, and "empty" is the clearer report.
            return emptyMessage();
        }
        // A raw block of 123 decoded bytes starts with '{' (its length header): take '{' as
        // JSON only when the value is not also a whole valid snappy block. A JSON object almost
        // never is one (its second byte would have to be a snappy literal tag), and the check
        // stops within the first few bytes when it is not, since the header then claims <128.
        // '[' is not a message shape, but reporting such text as invalid JSON is clearer than
        // as corrupt snappy.
        const bool looksLikeJson = value[first] == '{' || value[first] == '[';
        codec = looksLikeJson && !snappy::IsValidCompressedBuffer(value.data(), value.size())
                    ? PayloadCodec::None
                    : PayloadCodec::Snappy;
    }

    if (codec == PayloadCodec::None) {
        if (isBlank(value)) {
            return emptyMessage();
        }
        return std::vector<std::string_view>{value};
    }

    if (value.empty()) {
        return emptyMessage();
    }
    scratch.clear();
    Result<void> decoded;
    if (value.starts_with(kFramingMagic)) {
        decoded = decodeFramed(value, m_maxDecodedBytes, scratch);
    } else if (value.starts_with(kXerialMagic)) {
        decoded = decodeXerial(value, m_maxDecodedBytes, scratch);
    } else {
        decoded = appendRawBlock(value, 0, kNoBlockLimit, m_maxDecodedBytes, scratch);
    }
    if (!decoded) {
        return decoded.error();
    }
    std::vector<std::string_view> records = splitLines(scratch);
    if (records.empty()) {
        return decodeError(tr("no JSON record in the payload"));
    }
    return records;
}

}  // namespace mtga
