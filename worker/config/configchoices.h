#pragma once

// The words of the configuration's choices, one table per key, used both to read a file and to
// print one (toYaml), so the two cannot disagree. The order is the order messages list them in.

#include "shared/logging.h"
#include "worker/codec/payloaddecoder.h"
#include "worker/pipeline/pipelineoptions.h"

#include <cstddef>

namespace mtga {

template <typename E>
struct ConfigChoice {
    const char* name;
    E value;
};

inline constexpr ConfigChoice<bool> kStartFromChoices[] = {{"earliest", false}, {"latest", true}};
inline constexpr ConfigChoice<KafkaSourceOptions::Assignment> kAssignmentChoices[] = {
    {"group", KafkaSourceOptions::Assignment::Group},
    {"static", KafkaSourceOptions::Assignment::Static}};
inline constexpr ConfigChoice<PayloadCodec> kPayloadCodecChoices[] = {
    {"none", PayloadCodec::None}, {"snappy", PayloadCodec::Snappy}, {"auto", PayloadCodec::Auto}};
inline constexpr ConfigChoice<PipelineOptions::SinkType> kSinkTypeChoices[] = {
    {"file", PipelineOptions::SinkType::File}, {"kafka", PipelineOptions::SinkType::Kafka}};
inline constexpr ConfigChoice<FileSinkOptions::Rotation> kRotationChoices[] = {
    {"hourly", FileSinkOptions::Rotation::Hourly}, {"daily", FileSinkOptions::Rotation::Daily}};
inline constexpr ConfigChoice<FileSinkOptions::Mode> kModeChoices[] = {
    {"stream", FileSinkOptions::Mode::Stream}, {"batch", FileSinkOptions::Mode::Batch}};
inline constexpr ConfigChoice<LogOptions::Level> kLevelChoices[] = {
    {"debug", LogOptions::Level::Debug},
    {"info", LogOptions::Level::Info},
    {"warning", LogOptions::Level::Warning},
    {"error", LogOptions::Level::Error}};
inline constexpr ConfigChoice<LogOptions::Format> kFormatChoices[] = {
    {"text", LogOptions::Format::Text}, {"json", LogOptions::Format::Json}};
inline constexpr ConfigChoice<LogOptions::Rotate> kLogRotateChoices[] = {
    {"size", LogOptions::Rotate::Size}, {"daily", LogOptions::Rotate::Daily}};

// The word for `value` ("" when the table lacks it, which a table per enum rules out).
template <typename E, std::size_t N>
const char* configChoiceName(const ConfigChoice<E> (&choices)[N], E value) {
    for (const ConfigChoice<E>& choice : choices) {
        if (choice.value == value) {
            return choice.name;
        }
    }
    return "";
}

}  // namespace mtga
