#pragma once

// The table of control commands (docs/protocol.md): each command's name, whether it only reads
// or changes the worker, and the arguments it takes. The worker's ControlServer takes access and
// argument checks from it, clients take the names from it, and protocol.md lists it; a command
// exists once, here.

#include "shared/result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLatin1String>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <vector>

namespace mtga {

inline constexpr QLatin1String kHelloCommand("hello");
inline constexpr QLatin1String kStatusCommand("status");
inline constexpr QLatin1String kOffsetsCommand("offsets");
inline constexpr QLatin1String kFailureQueueCountCommand("failure_queue_count");
inline constexpr QLatin1String kFailureQueueListCommand("failure_queue_list");
inline constexpr QLatin1String kClearFailureQueueCommand("clear_failure_queue");
inline constexpr QLatin1String kRetryFailuresCommand("retry_failures");
inline constexpr QLatin1String kExportFailuresCommand("export_failures");
inline constexpr QLatin1String kKafkaLagCommand("kafka_lag");
inline constexpr QLatin1String kReloadCommand("reload");
inline constexpr QLatin1String kRestartCommand("restart");
inline constexpr QLatin1String kStopCommand("stop");
inline constexpr QLatin1String kSubscribeCommand("subscribe");
inline constexpr QLatin1String kUnsubscribeCommand("unsubscribe");
inline constexpr QLatin1String kResetOffsetsCommand("reset_offsets");
inline constexpr QLatin1String kUndoResetCommand("undo_reset");
inline constexpr QLatin1String kResetJournalCommand("reset_journal");
inline constexpr QLatin1String kSampleCommand("sample");
inline constexpr QLatin1String kAlertsCommand("alerts");
inline constexpr QLatin1String kAlertsTestCommand("alerts_test");

// Mutating commands change what the worker does (retry, clear, reset, stop...) and run only for
// the admins of the control configuration; anyone who can open the socket may read.
enum class CommandAccess { Read, Mutating };

enum class ArgumentType { Integer, Number, String, Boolean, Array, Object };

struct ArgumentSpec {
    QString name;
    ArgumentType type = ArgumentType::String;
    bool required = false;
};

struct CommandSpec {
    QString name;
    CommandAccess access = CommandAccess::Read;
    std::vector<ArgumentSpec> arguments;

    // bad_request when `args` has a key this command does not take, a value of the wrong type,
    // or lacks a required one. A null value counts as absent, as a null `args` does.
    Result<void> checkArguments(const QJsonObject& args) const;
};

class CommandTable {
    Q_DECLARE_TR_FUNCTIONS(CommandTable)

public:
    explicit CommandTable(std::vector<CommandSpec> commands);

    // The commands this build of mtga has.
    static const CommandTable& builtin();

    // nullptr when there is no such command.
    const CommandSpec* find(QStringView name) const;
    const CommandSpec* find(QLatin1String name) const;
    const std::vector<CommandSpec>& commands() const { return m_commands; }
    QStringList names() const;  // sorted

    // This table with more commands (a test's stand-ins); a name already here is replaced.
    CommandTable with(std::vector<CommandSpec> more) const;

private:
    std::vector<CommandSpec> m_commands;
};

// "integer", "string"...: how docs and messages name a type.
QString argumentTypeName(ArgumentType type);

}  // namespace mtga
