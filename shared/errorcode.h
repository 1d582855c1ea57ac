#pragma once

// ErrorCode: the closed list of every error code mtga produces, in `Result` errors and on the
// control socket (`{"error":{"code":…}}`). One name table (errorcode.cpp) holds the stable
// strings; docs/protocol.md lists them, and tst_errorcode checks that it lists each exactly once.

#include <QLatin1String>
#include <QString>
#include <QStringView>

#include <cstddef>
#include <optional>

namespace mtga {

enum class ErrorCode {
    // Sent by the worker on the control socket about the request itself.
    BadJson,              // the line is not JSON
    BadRequest,           // JSON, but not a request, or an argument the command does not take
    LineTooLong,          // over kMaxControlLineBytes; the rest of the line was discarded
    UnknownCommand,       // no handler by that name
    Forbidden,            // a mutating command from a peer that is not an admin
    UnsupportedProtocol,  // `hello` asked for a version this server does not speak
    ReplyTooLarge,        // the handler's result would not fit in one line
    Internal,             // the handler threw
    TooManyConnections,   // over control.max_connections; the connection is closed
    // Reported by a client when a call got no reply; never sent.
    NotRunning,        // no socket file, or nobody listening on it
    PermissionDenied,  // the socket is not ours to use
    Timeout,           // no (complete) answer in time (also: Kafka did not acknowledge in time)
    ConnectionClosed,  // the peer hung up before replying
    ConnectionFailed,  // any other socket error
    BadReply,          // the worker answered something that is not a reply to this call
    SshFailed,         // --ssh: ssh could not reach the host or log in, or mtga did not run there
    // The worker's control socket.
    ControlInUse,         // another worker (or a file that is no socket) holds the path
    ControlListenFailed,  // cannot create the directory, remove a stale socket or listen
    // Arguments, configuration, settings, files.
    InvalidArgument,  // a value given by the caller is out of range or malformed
    ConfigMissing,    // the configuration file does not exist
    ConfigInvalid,    // the configuration file has errors (all of them in the message)
    SettingsMissing,  // the settings folder does not exist
    SettingsInvalid,  // an app's settings have errors
    InvalidJson,      // a JSON(-with-comments) text does not parse, or a message is empty
    IoError,          // a file cannot be opened, read, written or synced
    LogFile,          // the log file cannot be opened
    // Kafka.
    KafkaClient,    // librdkafka refused to create a client
    KafkaConfig,    // librdkafka refused a property
    KafkaError,     // a Kafka operation failed (the message has librdkafka's reason)
    KafkaMetadata,  // a topic's metadata cannot be read, or the topic is not there
    KafkaNoSnappy,  // this librdkafka was built without snappy
    // Message payloads.
    PayloadDecode,  // a snappy payload is corrupt
    TooLarge,       // a decoded payload is over its limit
    // The output (sink).
    SinkOpen,   // the output directory, file or topic cannot be used
    SinkWrite,  // writing to the output failed
    SinkRead,   // an output file cannot be read back (recovery, replacement)
    SinkLost,   // an fdatasync failed: written bytes may be lost, for good
    SinkFull,   // the output Kafka's producer queue is full
    SinkSlow,   // the output took only part of a batch in time
    // State and lifecycle.
    StoreError,       // RocksDB failed, or the store has an unsupported format
    StopIncomplete,   // the stop gave up before the output took every event
    PipelineStopped,  // the worker has no pipeline (a restart did not start the new one)
    Busy,             // a pipeline is starting or stopping: the request is refused
    AlreadyRunning,   // another worker holds the pid file (or answers on the socket)
    // Offset resets.
    NotOwned,       // the partition is not assigned to this worker
    OutOfRange,     // a strict reset's target lies outside [Low, High]
    ResetAborted,   // in-flight events did not settle in time, or a rebalance came: nothing changed
    NothingToUndo,  // undo_reset found no applied reset that is not undone yet
    // A code this build does not know: a newer peer's. The text as received stays in
    // Error::code, so it can still be shown and passed on. Keep it last.
    Unknown,
};

inline constexpr std::size_t kErrorCodeCount = static_cast<std::size_t>(ErrorCode::Unknown) + 1;

// The stable string ("bad_json", "kafka_error"...); "unknown" for Unknown.
QLatin1String errorCodeName(ErrorCode code);
// The code of a string from the wire or from Error::code: Unknown when it is not in the table
// (errorCodeFromName(u"unknown") is Unknown too).
ErrorCode errorCodeFromName(QStringView name);
// nullopt when `name` is not in the table.
std::optional<ErrorCode> findErrorCode(QStringView name);

}  // namespace mtga
