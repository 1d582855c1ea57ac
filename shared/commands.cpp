#include "shared/commands.h"

#include "shared/jsonfields.h"
#include "shared/nametable.h"

#include <algorithm>

namespace mtga {
namespace {

constexpr NameTable<ArgumentType, 6> kTypeNames({{
    {ArgumentType::Integer, "integer"},
    {ArgumentType::Number, "number"},
    {ArgumentType::String, "string"},
    {ArgumentType::Boolean, "boolean"},
    {ArgumentType::Array, "array"},
    {ArgumentType::Object, "object"},
}});
static_assert(kTypeNames.isValid());

template <typename Name>
const CommandSpec* findIn(const std::vector<CommandSpec>& commands, Name name) {
    const auto found = std::find_if(commands.begin(), commands.end(),
                                    [&](const CommandSpec& spec) { return spec.name == name; });
    return found == commands.end() ? nullptr : &*found;
}

bool hasType(const QJsonValue& value, ArgumentType type) {
    switch (type) {
        case ArgumentType::Integer:
            return isJsonInteger(value);
        case ArgumentType::Number:
            return value.isDouble();
        case ArgumentType::String:
            return value.isString();
        case ArgumentType::Boolean:
            return value.isBool();
        case ArgumentType::Array:
            return value.isArray();
        case ArgumentType::Object:
            return value.isObject();
    }
    return false;
}

// The filters of the failure-queue commands (FailureQuery), and more.
std::vector<ArgumentSpec> failureFilterArguments(std::vector<ArgumentSpec> more) {
    std::vector<ArgumentSpec> arguments{
        {QStringLiteral("reason"), ArgumentType::String, false},
        {QStringLiteral("stage"), ArgumentType::String, false},
        {QStringLiteral("topic"), ArgumentType::String, false},
        {QStringLiteral("partitions"), ArgumentType::Array, false},
        {QStringLiteral("since_ms"), ArgumentType::Integer, false},
        {QStringLiteral("until_ms"), ArgumentType::Integer, false},
    };
    arguments.insert(arguments.end(), more.begin(), more.end());
    return arguments;
}

}  // namespace

QString argumentTypeName(ArgumentType type) {
    return kTypeNames.latin1Name(type);
}

Result<void> CommandSpec::checkArguments(const QJsonObject& args) const {
    for (auto it = args.begin(); it != args.end(); ++it) {
        const auto spec = std::find_if(arguments.begin(), arguments.end(),
                                       [&](const ArgumentSpec& a) { return a.name == it.key(); });
        if (spec == arguments.end()) {
            QStringList known;
            for (const ArgumentSpec& argument : arguments) {
                known << argument.name;
            }
            return Error::of(
                ErrorCode::BadRequest,
                known.isEmpty()
                    ? CommandTable::tr("\"%1\" takes no arguments, not \"%2\"").arg(name, it.key())
                    : CommandTable::tr("\"%1\" takes no argument \"%2\"; it takes: %3")
                          .arg(name, it.key(), known.join(QStringLiteral(", "))));
        }
        if (!it.value().isNull() && !hasType(it.value(), spec->type)) {
            return Error::of(ErrorCode::BadRequest,
                             CommandTable::tr("the argument \"%1\" of \"%2\" must be of type %3, "
                                              "not %4")
                                 .arg(it.key(), name, argumentTypeName(spec->type),
                                      describeJsonValue(it.value())));
        }
    }
    for (const ArgumentSpec& argument : arguments) {
        const QJsonValue value = args.value(argument.name);
        if (argument.required && (value.isUndefined() || value.isNull())) {
            return Error::of(ErrorCode::BadRequest,
                             CommandTable::tr("\"%1\" needs the argument \"%2\" (%3)")
                                 .arg(name, argument.name, argumentTypeName(argument.type)));
        }
    }
    return {};
}

CommandTable::CommandTable(std::vector<CommandSpec> commands) : m_commands(std::move(commands)) {}

const CommandTable& CommandTable::builtin() {
    // Keep docs/protocol.md's command table in step (tst_commands checks it).
    static const CommandTable table({
        {QString(kHelloCommand),
         CommandAccess::Read,
         {{QStringLiteral("protocol"), ArgumentType::Integer, false}}},
        {QString(kStatusCommand), CommandAccess::Read, {}},
        {QString(kOffsetsCommand), CommandAccess::Read, {}},
        {QString(kFailureQueueCountCommand), CommandAccess::Read, failureFilterArguments({})},
        {QString(kFailureQueueListCommand), CommandAccess::Read,
         failureFilterArguments({{QStringLiteral("cursor"), ArgumentType::String, false},
                                 {QStringLiteral("limit"), ArgumentType::Integer, false}})},
        {QString(kClearFailureQueueCommand), CommandAccess::Mutating,
         failureFilterArguments({{QStringLiteral("all"), ArgumentType::Boolean, false}})},
        {QString(kRetryFailuresCommand), CommandAccess::Mutating,
         failureFilterArguments({{QStringLiteral("all"), ArgumentType::Boolean, false}})},
        {QString(kExportFailuresCommand), CommandAccess::Mutating,
         failureFilterArguments({{QStringLiteral("path"), ArgumentType::String, true}})},
        {QString(kKafkaLagCommand), CommandAccess::Read, {}},
        {QString(kSampleCommand),
         CommandAccess::Read,
         {{QStringLiteral("topic"), ArgumentType::String, true},
          {QStringLiteral("partition"), ArgumentType::Integer, true},
          {QStringLiteral("limit"), ArgumentType::Integer, false}}},
        {QString(kAlertsCommand),
         CommandAccess::Read,
         {{QStringLiteral("limit"), ArgumentType::Integer, false}}},
        {QString(kAlertsTestCommand), CommandAccess::Mutating, {}},
        {QString(kReloadCommand), CommandAccess::Mutating, {}},
        {QString(kRestartCommand), CommandAccess::Mutating, {}},
        {QString(kStopCommand), CommandAccess::Mutating, {}},
        {QString(kSubscribeCommand),
         CommandAccess::Read,
         {{QStringLiteral("topics"), ArgumentType::Array, false},
          {QStringLiteral("partitions"), ArgumentType::Array, false},
          {QStringLiteral("interval_ms"), ArgumentType::Integer, false}}},
        {QString(kUnsubscribeCommand), CommandAccess::Read, {}},
        {QString(kResetOffsetsCommand),
         CommandAccess::Mutating,
         {{QStringLiteral("to"), ArgumentType::String, true},
          {QStringLiteral("offset"), ArgumentType::Integer, false},
          {QStringLiteral("timestamp_ms"), ArgumentType::Integer, false},
          {QStringLiteral("duration_ms"), ArgumentType::Integer, false},
          {QStringLiteral("shift"), ArgumentType::Integer, false},
          {QStringLiteral("offsets"), ArgumentType::Array, false},
          {QStringLiteral("all_topics"), ArgumentType::Boolean, false},
          {QStringLiteral("topics"), ArgumentType::Array, false},
          {QStringLiteral("partitions"), ArgumentType::Array, false},
          {QStringLiteral("dry_run"), ArgumentType::Boolean, false},
          {QStringLiteral("strict"), ArgumentType::Boolean, false}}},
        {QString(kUndoResetCommand),
         CommandAccess::Mutating,
         {{QStringLiteral("id"), ArgumentType::Integer, false},
          {QStringLiteral("dry_run"), ArgumentType::Boolean, false}}},
        {QString(kResetJournalCommand),
         CommandAccess::Read,
         {{QStringLiteral("limit"), ArgumentType::Integer, false}}},
    });
    return table;
}

const CommandSpec* CommandTable::find(QStringView name) const {
    return findIn(m_commands, name);
}

const CommandSpec* CommandTable::find(QLatin1String name) const {
    return findIn(m_commands, name);
}

QStringList CommandTable::names() const {
    QStringList result;
    for (const CommandSpec& spec : m_commands) {
        result << spec.name;
    }
    result.sort();
    return result;
}

CommandTable CommandTable::with(std::vector<CommandSpec> more) const {
    std::vector<CommandSpec> commands = m_commands;
    for (CommandSpec& spec : more) {
        std::erase_if(commands, [&](const CommandSpec& old) { return old.name == spec.name; });
        commands.push_back(std::move(spec));
    }
    return CommandTable(std::move(commands));
}

}  // namespace mtga
