#pragma once

// PayloadDecoder: turns one Kafka message value into its JSON records, undoing the payload-level
// snappy (raw block, framing format or snappy-java) that some producers use to batch records.

#include "shared/result.h"

#include <QCoreApplication>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mtga {

// Auto exists because one topic may carry both: producers that batch compress, others send JSON.
enum class PayloadCodec { None, Snappy, Auto };

// "none" | "snappy" | "auto" (exactly, as the setting `payload_codec` spells them), else nothing.
std::optional<PayloadCodec> parsePayloadCodec(std::string_view name);
std::string_view payloadCodecName(PayloadCodec codec);

class PayloadDecoder {
    Q_DECLARE_TR_FUNCTIONS(PayloadDecoder)

public:
    // Large enough for any sane batch, small enough that a hostile length header cannot make a
    // worker allocate its way out of memory.
    static constexpr size_t kDefaultMaxDecodedBytes = size_t{64} * 1024 * 1024;

    explicit PayloadDecoder(PayloadCodec codec, size_t maxDecodedBytes = kDefaultMaxDecodedBytes);

    // The records are views into `value` (plain JSON) or into `scratch` (decoded snappy); they
    // stay valid until either changes. `scratch` is the caller's so that its capacity survives
    // from one message to the next. JSON is not parsed here, only split.
    // Errors: "invalid_json" (empty value), "payload_decode" (corrupt or truncated snappy, bad
    // CRC, unknown unskippable chunk, no record), "too_large" (decoded size over the limit,
    // detected before allocating). Messages name the byte offset in `value`.
    Result<std::vector<std::string_view>> decode(std::string_view value,
                                                 std::string& scratch) const;

private:
    PayloadCodec m_codec;
    size_t m_maxDecodedBytes;
};

}  // namespace mtga
