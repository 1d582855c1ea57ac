#include "shared/errorcode.h"

#include "shared/nametable.h"

namespace mtga {
namespace {

using E = ErrorCode;

constexpr NameTable<ErrorCode, kErrorCodeCount> kNames({{
    {E::BadJson, "bad_json"},
    {E::BadRequest, "bad_request"},
    {E::LineTooLong, "line_too_long"},
    {E::UnknownCommand, "unknown_command"},
    {E::Forbidden, "forbidden"},
    {E::UnsupportedProtocol, "unsupported_protocol"},
    {E::ReplyTooLarge, "reply_too_large"},
    {E::Internal, "internal"},
    {E::TooManyConnections, "too_many_connections"},
    {E::NotRunning, "not_running"},
    {E::PermissionDenied, "permission_denied"},
    {E::Timeout, "timeout"},
    {E::ConnectionClosed, "connection_closed"},
    {E::ConnectionFailed, "connection_failed"},
    {E::BadReply, "bad_reply"},
    {E::SshFailed, "ssh_failed"},
    {E::ControlInUse, "control_in_use"},
    {E::ControlListenFailed, "control_listen_failed"},
    {E::InvalidArgument, "invalid_argument"},
    {E::ConfigMissing, "config_missing"},
    {E::ConfigInvalid, "config_invalid"},
    {E::SettingsMissing, "settings_missing"},
    {E::SettingsInvalid, "settings_invalid"},
    {E::InvalidJson, "invalid_json"},
    {E::IoError, "io_error"},
    {E::LogFile, "log_file"},
    {E::KafkaClient, "kafka_client"},
    {E::KafkaConfig, "kafka_config"},
    {E::KafkaError, "kafka_error"},
    {E::KafkaMetadata, "kafka_metadata"},
    {E::KafkaNoSnappy, "kafka_no_snappy"},
    {E::PayloadDecode, "payload_decode"},
    {E::TooLarge, "too_large"},
    {E::SinkOpen, "sink_open"},
    {E::SinkWrite, "sink_write"},
    {E::SinkRead, "sink_read"},
    {E::SinkLost, "sink_lost"},
    {E::SinkFull, "sink_full"},
    {E::SinkSlow, "sink_slow"},
    {E::StoreError, "store_error"},
    {E::StopIncomplete, "stop_incomplete"},
    {E::PipelineStopped, "pipeline_stopped"},
    {E::Busy, "busy"},
    {E::AlreadyRunning, "already_running"},
    {E::NotOwned, "not_owned"},
    {E::OutOfRange, "out_of_range"},
    {E::ResetAborted, "reset_aborted"},
    {E::NothingToUndo, "nothing_to_undo"},
    {E::Unknown, "unknown"},
}});
static_assert(kNames.isValid(), "every ErrorCode in order, each with its own plain name");

}  // namespace

QLatin1String errorCodeName(ErrorCode code) {
    return kNames.latin1Name(code);
}

ErrorCode errorCodeFromName(QStringView name) {
    return findErrorCode(name).value_or(ErrorCode::Unknown);
}

std::optional<ErrorCode> findErrorCode(QStringView name) {
    return kNames.parse(name);
}

}  // namespace mtga
