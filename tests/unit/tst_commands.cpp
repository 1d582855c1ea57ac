// The command table (shared/commands.h): today's commands with their access and arguments,
// arguments checked by name and type, a test's stand-ins added without touching the builtin
// ones, and docs/protocol.md's table of commands saying the same as the code.

#include "shared/commands.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace mtga;

namespace {

// How protocol.md writes a command's arguments: "`protocol` (integer, optional)", or "none".
QString documentedArguments(const CommandSpec& spec) {
    QStringList arguments;
    for (const ArgumentSpec& argument : spec.arguments) {
        arguments << QStringLiteral("`%1` (%2, %3)")
                         .arg(argument.name, argumentTypeName(argument.type),
                              argument.required ? QStringLiteral("required")
                                                : QStringLiteral("optional"));
    }
    return arguments.isEmpty() ? QStringLiteral("none") : arguments.join(QStringLiteral(", "));
}

CommandSpec sampleSpec() {
    return {QStringLiteral("probe"),
            CommandAccess::Mutating,
            {{QStringLiteral("count"), ArgumentType::Integer, true},
             {QStringLiteral("ratio"), ArgumentType::Number, false},
             {QStringLiteral("name"), ArgumentType::String, false},
             {QStringLiteral("dry_run"), ArgumentType::Boolean, false},
             {QStringLiteral("keys"), ArgumentType::Array, false},
             {QStringLiteral("filter"), ArgumentType::Object, false}}};
}

}  // namespace

class TestCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void builtinCommands();
    void argumentsAreChecked_data();
    void argumentsAreChecked();
    void withAddsAndReplaces();
    void protocolDocListsTheTable();
};

void TestCommands::builtinCommands() {
    const CommandTable& table = CommandTable::builtin();
    const QStringList mutating{QStringLiteral("clear_failure_queue"),
                               QStringLiteral("retry_failures"),
                               QStringLiteral("export_failures"),
                               QStringLiteral("reload"),
                               QStringLiteral("restart"),
                               QStringLiteral("stop"),
                               QStringLiteral("reset_offsets"),
                               QStringLiteral("undo_reset"),
                               QStringLiteral("alerts_test")};
    for (const QString& name : mutating) {
        QVERIFY2(table.find(name), qPrintable(name));
    }
    for (const CommandSpec& spec : table.commands()) {
        QCOMPARE(spec.access,
                 mutating.contains(spec.name) ? CommandAccess::Mutating : CommandAccess::Read);
    }
    const CommandSpec* hello = table.find(kHelloCommand);
    QVERIFY(hello);
    QCOMPARE(hello->arguments.size(), size_t{1});
    QCOMPARE(hello->arguments[0].name, QStringLiteral("protocol"));
    QCOMPARE(hello->arguments[0].type, ArgumentType::Integer);
    QVERIFY(!hello->arguments[0].required);
    QVERIFY(table.find(kStatusCommand)->arguments.empty());
    QVERIFY(table.find(kOffsetsCommand)->arguments.empty());
    QVERIFY(table.find(kKafkaLagCommand)->arguments.empty());
    QVERIFY(!table.find(u"frob"));
}

void TestCommands::argumentsAreChecked_data() {
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("the required one") << QByteArray(R"({"count":3})") << true << QString();
    QTest::newRow("every type")
        << QByteArray(
               R"({"count":-1,"ratio":0.25,"name":"n","dry_run":true,"keys":[1,"a"],"filter":{}})")
        << true << QString();
    QTest::newRow("an integer is a number")
        << QByteArray(R"({"count":1,"ratio":2})") << true << QString();
    QTest::newRow("null is absent")
        << QByteArray(R"({"count":1,"name":null})") << true << QString();
    QTest::newRow("required missing")
        << QByteArray("{}") << false << QStringLiteral("\"count\" (integer)");
    QTest::newRow("required null")
        << QByteArray(R"({"count":null})") << false << QStringLiteral("\"count\"");
    QTest::newRow("unknown") << QByteArray(R"({"count":1,"cuont":1})") << false
                             << QStringLiteral("\"cuont\"; it takes: count, ratio");
    QTest::newRow("fraction for an integer")
        << QByteArray(R"({"count":1.5})") << false
        << QStringLiteral("\"count\" of \"probe\" must be of type integer, not 1.5");
    QTest::newRow("integer beyond 2^53")
        << QByteArray(R"({"count":1e300})") << false << QStringLiteral("integer");
    QTest::newRow("string for a number")
        << QByteArray(R"({"count":1,"ratio":"0.5"})") << false << QStringLiteral("not string");
    QTest::newRow("number for a string")
        << QByteArray(R"({"count":1,"name":5})") << false << QStringLiteral("not 5");
    QTest::newRow("string for a boolean")
        << QByteArray(R"({"count":1,"dry_run":"yes"})") << false << QStringLiteral("boolean");
    QTest::newRow("object for an array")
        << QByteArray(R"({"count":1,"keys":{}})") << false << QStringLiteral("not object");
    QTest::newRow("array for an object")
        << QByteArray(R"({"count":1,"filter":[]})") << false << QStringLiteral("not array");
}

void TestCommands::argumentsAreChecked() {
    QFETCH(QByteArray, args);
    QFETCH(bool, ok);
    QFETCH(QString, mentions);
    const auto checked = sampleSpec().checkArguments(QJsonDocument::fromJson(args).object());
    QCOMPARE(checked.ok(), ok);
    if (!ok) {
        QCOMPARE(checked.error().code, ErrorCode::BadRequest);
        QVERIFY2(checked.error().message.contains(mentions), qPrintable(checked.error().message));
    }
}

void TestCommands::withAddsAndReplaces() {
    const CommandTable table = CommandTable::builtin().with(
        {sampleSpec(), {QStringLiteral("status"), CommandAccess::Mutating, {}}});
    QCOMPARE(table.names().size(), CommandTable::builtin().names().size() + 1);  // probe added
    QCOMPARE(table.find(u"probe")->access, CommandAccess::Mutating);
    QCOMPARE(table.find(kStatusCommand)->access, CommandAccess::Mutating);
    // The builtin table is untouched.
    QCOMPARE(CommandTable::builtin().find(kStatusCommand)->access, CommandAccess::Read);
    QVERIFY(!CommandTable::builtin().find(u"probe"));
}

void TestCommands::protocolDocListsTheTable() {
    QFile file(QStringLiteral(MTGA_SOURCE_DIR "/docs/protocol.md"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString doc = QString::fromUtf8(file.readAll());
    static const QRegularExpression kRow(
        QStringLiteral(R"(^\| `([a-z_]+)` \| (read|mutating) \| (.+) \|$)"),
        QRegularExpression::MultilineOption);
    QStringList documented;
    for (const auto& match : kRow.globalMatch(doc)) {
        const QString name = match.captured(1);
        documented << name;
        const CommandSpec* spec = CommandTable::builtin().find(name);
        QVERIFY2(spec,
                 qPrintable(QStringLiteral("protocol.md lists \"%1\", no such command").arg(name)));
        QCOMPARE(match.captured(2), spec->access == CommandAccess::Read
                                        ? QStringLiteral("read")
                                        : QStringLiteral("mutating"));
        QCOMPARE(match.captured(3), documentedArguments(*spec));
    }
    documented.sort();
    QCOMPARE(documented, CommandTable::builtin().names());
}

QTEST_GUILESS_MAIN(TestCommands)
#include "tests/support/qtestprinters.h"
#include "tst_commands.moc"
