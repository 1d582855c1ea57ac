// JsoncDocument: JSON with comments and trailing commas, its error positions and JSON pointers.

#include "tests/support/qtestprinters.h"
#include "worker/settings/jsoncdocument.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <optional>

using mtga::ErrorCode;
using mtga::JsoncDocument;

namespace {

constexpr QLatin1StringView kFile("f.jsonc");

// Serialised inside an array so that scalars compare too, and a mismatch prints readable JSON.
QByteArray serialised(const QJsonValue& value) {
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

// The oracle: Qt's own parser on plain JSON (wrapped, since Qt wants an object or array on top).
std::optional<QJsonValue> plainJson(const QByteArray& text) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError) {
        return std::nullopt;
    }
    return document.array().at(0);
}

// Follows an RFC 6901 pointer through the value tree, independently of JsoncDocument's own table.
std::optional<QJsonValue> resolve(QJsonValue value, const QString& pointer) {
    if (pointer.isEmpty()) {
        return value;
    }
    const QStringList segments = pointer.mid(1).split(QLatin1Char('/'));
    static const QRegularExpression badTilde(QStringLiteral("~(?![01])"));
    static const QRegularExpression index(QStringLiteral("^(0|[1-9][0-9]*)$"));
    for (QString segment : segments) {
        if (segment.contains(badTilde)) {
            return std::nullopt;
        }
        segment.replace(QLatin1String("~1"), QLatin1String("/"));
        segment.replace(QLatin1String("~0"), QLatin1String("~"));
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (!object.contains(segment)) {
                return std::nullopt;
            }
            value = object.value(segment);
        } else if (value.isArray()) {
            const qsizetype at = segment.toLongLong();
            if (!index.match(segment).hasMatch() || at >= value.toArray().size()) {
                return std::nullopt;
            }
            value = value.toArray().at(at);
        } else {
            return std::nullopt;
        }
    }
    return value;
}

// Line 6 carries a Chinese key before the value it points at, so its columns count characters.
constexpr char kSettings[] = R"(// settings
{
  "name": "mtga",
  "filters": [
    { "field": "app_id", "in": [24, 25] },
    /* second */ {"field": "名字", "eq": "x"},
  ],
  "a/b": { "m~n": 1, "~1": [true] },
  "": 0,
  "名字": {"k": null}
}
)";

}  // namespace

class TestJsonc : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void validInputs_data();
    void validInputs();
    void unicodeStrings();
    void errors_data();
    void errors();
    void errorsFromQtKeepTheLine_data();
    void errorsFromQtKeepTheLine();
    void positions_data();
    void positions();
    void locate_data();
    void locate();
    void load();
    void loadMissingFile();
    void loadDirectory();
    void everyPrefixIsAnError();
    void arbitraryBytesNeverCrash();
};

void TestJsonc::validInputs_data() {
    QTest::addColumn<QByteArray>("jsonc");
    QTest::addColumn<QByteArray>("plain");
    QTest::newRow("line comment before")
        << QByteArray("// head\n{\"a\": 1}") << QByteArray("{\"a\": 1}");
    QTest::newRow("line comments between values")
        << QByteArray("{\"a\": 1, // one\n \"b\": // two\n 2}") << QByteArray("{\"a\":1,\"b\":2}");
    QTest::newRow("line comment after") << QByteArray("[1, 2] // done\n") << QByteArray("[1,2]");
    QTest::newRow("line comment at eof, no newline")
        << QByteArray("[1] // end") << QByteArray("[1]");
    QTest::newRow("empty line comment at eof") << QByteArray("[1]//") << QByteArray("[1]");
    QTest::newRow("block comment before")
        << QByteArray("/* head */{\"a\":true}") << QByteArray("{\"a\":true}");
    QTest::newRow("block comments around colon")
        << QByteArray("{\"a\"/* c */:/* d */null}") << QByteArray("{\"a\":null}");
    QTest::newRow("multi-line block comment")
        << QByteArray("{\n/*\n * x\n */\n\"a\": 1}") << QByteArray("{\"a\":1}");
    QTest::newRow("block comment at eof, no newline")
        << QByteArray("[1]/* end */") << QByteArray("[1]");
    QTest::newRow("block comment holding // and stars")
        << QByteArray("[1 /* // ** / */, 2]") << QByteArray("[1,2]");
    QTest::newRow("line comment holding /*")
        << QByteArray("[1, // /* not a block\n 2]") << QByteArray("[1,2]");
    QTest::newRow("adjacent comments") << QByteArray("/**//**///x\n7") << QByteArray("7");
    QTest::newRow("trailing comma in array") << QByteArray("[1,2,]") << QByteArray("[1,2]");
    QTest::newRow("trailing comma in object")
        << QByteArray("{\"a\":1,}") << QByteArray("{\"a\":1}");
    QTest::newRow("nested trailing commas") << QByteArray("{\"a\":{\"b\":[1,[2,],],},\"c\":[{},],}")
                                            << QByteArray("{\"a\":{\"b\":[1,[2]]},\"c\":[{}]}");
    QTest::newRow("trailing comma, comment, close")
        << QByteArray("[1, // c\n]") << QByteArray("[1]");
    QTest::newRow("trailing comma, block comment, close")
        << QByteArray("{\"a\":1 , /* x */ }") << QByteArray("{\"a\":1}");
    QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF{\"a\":1}") << QByteArray("{\"a\":1}");
    QTest::newRow("bom and comment") << QByteArray("\xEF\xBB\xBF// c\n[]") << QByteArray("[]");
    QTest::newRow("blank lines") << QByteArray("\n\n{\n\n\"a\"\n:\n1\n\n}\n\n")
                                 << QByteArray("{\"a\":1}");
    QTest::newRow("crlf and tabs")
        << QByteArray("{\r\n\t\"a\":\t1 // c\r\n}\r\n") << QByteArray("{\"a\":1}");
    QTest::newRow("url in string")
        << QByteArray("{\"u\": \"http://x/y\"} // real") << QByteArray("{\"u\":\"http://x/y\"}");
    QTest::newRow("block markers in string")
        << QByteArray("[\"/* not a comment */\"]") << QByteArray("[\"/* not a comment */\"]");
    QTest::newRow("// after escaped quote")
        << QByteArray("[\"a\\\"//b\"]") << QByteArray("[\"a\\\"//b\"]");
    QTest::newRow("escaped backslash ends the string")
        << QByteArray("[\"a\\\\\", \"//b\" // c\n]") << QByteArray("[\"a\\\\\",\"//b\"]");
    QTest::newRow("comment markers in keys") << QByteArray("{\"//k\": \"/*v*/\", \"*/\": 1}")
                                             << QByteArray("{\"//k\":\"/*v*/\",\"*/\":1}");
    QTest::newRow("comma and brackets in string")
        << QByteArray("[\",]\", \"}\",]") << QByteArray("[\",]\",\"}\"]");
    QTest::newRow("chinese") << QByteArray("{\"名字\": \"中文测试\" /* 注释 */}")
                             << QByteArray("{\"名字\":\"中文测试\"}");
    QTest::newRow("unicode escapes")
        << QByteArray("[\"\\u4e2d\\u6587\", \"\\ud83d\\ude00\", \"\\/\"]")
        << QByteArray("[\"\\u4e2d\\u6587\",\"\\ud83d\\ude00\",\"\\/\"]");
    QTest::newRow("scalar root with comment") << QByteArray("42 // answer") << QByteArray("42");
    QTest::newRow("string root") << QByteArray("/* s */ \"x\"") << QByteArray("\"x\"");
    QTest::newRow("literal root") << QByteArray("null") << QByteArray("null");
    QTest::newRow("numbers") << QByteArray("[-0, 1.5e3, -2E-2, 0.25, 10]")
                             << QByteArray("[-0,1.5e3,-2E-2,0.25,10]");
    QTest::newRow("literals") << QByteArray("[true,false,null,]")
                              << QByteArray("[true,false,null]");
    QTest::newRow("empty containers") << QByteArray("{\"a\":[],\"b\":{},\"c\":[[]]}")
                                      << QByteArray("{\"a\":[],\"b\":{},\"c\":[[]]}");
    QTest::newRow("same key in sibling objects")
        << QByteArray("[{\"a\":1},{\"a\":2}]") << QByteArray("[{\"a\":1},{\"a\":2}]");
    QTest::newRow("keys differing in case")
        << QByteArray("{\"a\":1,\"A\":2}") << QByteArray("{\"a\":1,\"A\":2}");
    QTest::newRow("512 levels") << QByteArray(512, '[') + QByteArray(512, ']')
                                << QByteArray(512, '[') + QByteArray(512, ']');
}

void TestJsonc::validInputs() {
    QFETCH(QByteArray, jsonc);
    QFETCH(QByteArray, plain);
    const auto expected = plainJson(plain);
    QVERIFY2(expected.has_value(), "the plain JSON of the row must itself be valid");
    const auto document = JsoncDocument::parse(jsonc, kFile);
    QVERIFY2(document.ok(), qPrintable(document.ok() ? QString() : document.error().message));
    QCOMPARE(serialised(document->root()), serialised(*expected));
    QVERIFY(document->root() == *expected);
    QCOMPARE(document->fileName(), QString(kFile));
}

void TestJsonc::unicodeStrings() {
    const auto document = JsoncDocument::parse(
        "{\"名字\": \"中文\", \"esc\": [\"\\u4e2d\", \"\\ud83d\\ude00\"], \"\\u540d\": 1}", kFile);
    QVERIFY2(document.ok(), qPrintable(document.ok() ? QString() : document.error().message));
    const QJsonObject root = document->root().toObject();
    QCOMPARE(root.value(QString::fromUtf8("名字")).toString(), QString::fromUtf8("中文"));
    QCOMPARE(root.value(QStringLiteral("esc")).toArray().at(0).toString(), QString::fromUtf8("中"));
    QCOMPARE(root.value(QStringLiteral("esc")).toArray().at(1).toString(),
             QString::fromUcs4(U"\U0001F600", 1));
    QCOMPARE(root.value(QString::fromUtf8("名")).toInt(), 1);
    QVERIFY(document->position(QString::fromUtf8("/名")).has_value());

    // A BOM inside a key is part of the key, not a duplicate of the key without it.
    const auto bomKeys = JsoncDocument::parse(
        "{\"a\": 1,\n \"\xEF\xBB\xBF"
        "a\": 2, \"b\": 3}",
        kFile);
    QVERIFY2(bomKeys.ok(), qPrintable(bomKeys.ok() ? QString() : bomKeys.error().message));
    const QString bomA = QChar(0xFEFF) + QStringLiteral("a");
    QCOMPARE(bomKeys->root().toObject().value(bomA).toInt(), 2);
    const auto bomPosition = bomKeys->position(QLatin1Char('/') + bomA);
    QVERIFY(bomPosition.has_value());
    QCOMPARE(bomPosition->line, 2);
    QCOMPARE(bomPosition->column, 2);
    QCOMPARE(bomKeys->position(QStringLiteral("/b")).value_or(mtga::SourcePosition{}).column, 11);
}

void TestJsonc::errors_data() {
    QTest::addColumn<QByteArray>("jsonc");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const QByteArray& jsonc, const char* message) {
        QTest::newRow(name) << jsonc << QString::fromUtf8(message);
    };
    row("empty", "", "f.jsonc:1:1: the document is empty");
    row("only bom", "\xEF\xBB\xBF", "f.jsonc:1:1: the document is empty");
    row("only blank lines and comments", "\n// c\n/* d */\n", "f.jsonc:4:1: the document is empty");
    row("unterminated block comment", "{\n  \"a\": 1 /* open\n}",
        "f.jsonc:2:10: unterminated block comment");
    row("block comment closed by its own star", "[1] /*/",
        "f.jsonc:1:5: unterminated block comment");
    row("unterminated string before newline", "{\"a\": \"abc\n}",
        "f.jsonc:1:7: unterminated string");
    row("unterminated string at eof", "[1,\n \"abc", "f.jsonc:2:2: unterminated string");
    row("escaped quote does not close", "[\"a\\\"]", "f.jsonc:1:2: unterminated string");
    row("unterminated key", "{\"a: 1}", "f.jsonc:1:2: unterminated string");
    row("lone comma in array", "[,]", "f.jsonc:1:2: unexpected comma, expected a value");
    row("lone comma in object", "{,}", "f.jsonc:1:2: unexpected comma, expected a key");
    row("double comma", "[1,,2]", "f.jsonc:1:4: unexpected comma, expected a value");
    row("two trailing commas", "[1,,]", "f.jsonc:1:4: unexpected comma, expected a value");
    row("two trailing commas in object", "{\"a\":1,,}",
        "f.jsonc:1:8: unexpected comma, expected a key");
    row("comma as root", ",", "f.jsonc:1:1: unexpected comma, expected a value");
    row("leading comma after comment", "[ /* x */ ,1]",
        "f.jsonc:1:11: unexpected comma, expected a value");
    row("duplicate key", "{\n  \"x\": 1,\n  \"x\": 2\n}", "f.jsonc:3:3: duplicate key \"x\"");
    row("duplicate key nested", "{\"a\": {\"k\": 1,\n /* c */ \"k\": 2}}",
        "f.jsonc:2:10: duplicate key \"k\"");
    row("duplicate key spelled with an escape", "{\"a\":1, \"\\u0061\":2}",
        "f.jsonc:1:9: duplicate key \"a\"");
    row("trailing garbage", "{\"a\":1}\n}",
        "f.jsonc:2:1: unexpected content after the end of the document");
    row("two roots", "1 2", "f.jsonc:1:3: unexpected content after the end of the document");
    row("garbage after comment", "[] // ok\nx",
        "f.jsonc:2:1: unexpected content after the end of the document");
    row("column counts characters", "{\"名字\": tru}", "f.jsonc:1:8: invalid value \"tru\"");
    row("bom does not shift columns", "\xEF\xBB\xBF[1,,]",
        "f.jsonc:1:4: unexpected comma, expected a value");
    row("chinese comment counts characters", "/* 中文 */ ,",
        "f.jsonc:1:10: unexpected comma, expected a value");
    row("full-width comma", "[1，2]", "f.jsonc:1:3: unexpected character \"，\"");
    row("lone slash", "[1 / 2]", "f.jsonc:1:4: unexpected \"/\": comments start with // or /*");
    row("slash at eof", "[1]/", "f.jsonc:1:4: unexpected \"/\": comments start with // or /*");
    row("single quotes", "['a']", "f.jsonc:1:2: unexpected character \"'\"");
    row("bom inside the text",
        "[1,\xEF\xBB\xBF"
        "2]",
        "f.jsonc:1:4: unexpected character U+FEFF");
    row("delete character", "[\x7f]", "f.jsonc:1:2: unexpected character U+007F");
    row("emoji", "[\xF0\x9F\x98\x80]", "f.jsonc:1:2: unexpected character \"\xF0\x9F\x98\x80\"");
    row("truncated utf-8 at eof", "[1]\xE4\xB8", "f.jsonc:1:4: unexpected byte 0xe4");
    row("nul byte", QByteArray("[\0]", 3), "f.jsonc:1:2: unexpected byte 0x00");
    row("invalid utf-8 outside strings", "[\xff]", "f.jsonc:1:2: unexpected byte 0xff");
    row("unquoted key", "{a: 1}", "f.jsonc:1:2: expected a key in double quotes");
    row("number as key", "{1: 1}", "f.jsonc:1:2: expected a key in double quotes");
    row("missing colon", "{\"a\" 1}", "f.jsonc:1:6: expected \":\" after the key \"a\"");
    row("missing comma in array", "[1 2]", "f.jsonc:1:4: expected \",\" or \"]\"");
    row("missing comma in object", "{\"a\":1 \"b\":2}", "f.jsonc:1:8: expected \",\" or \"}\"");
    row("mismatched bracket", "[1}", "f.jsonc:1:3: expected \",\" or \"]\"");
    row("unclosed array", "[1,\n2",
        "f.jsonc:2:2: unexpected end of input: the array opened at 1:1 is not closed");
    row("unclosed object", "{\"a\": {",
        "f.jsonc:1:8: unexpected end of input: the object opened at 1:7 is not closed");
    row("eof after comma", "[1,",
        "f.jsonc:1:4: unexpected end of input: the array opened at 1:1 is not closed");
    row("eof after colon", "{\"a\":", "f.jsonc:1:6: unexpected end of input, expected a value");
    row("missing value", "{\"a\":}", "f.jsonc:1:6: expected a value, found \"}\"");
    row("close as root", "]", "f.jsonc:1:1: expected a value, found \"]\"");
    row("capitalised literal", "[True]", "f.jsonc:1:2: invalid value \"True\"");
    row("leading zero", "[01]", "f.jsonc:1:2: invalid value \"01\"");
    row("bare fraction", "[.5]", "f.jsonc:1:2: invalid value \".5\"");
    row("nan", "[NaN]", "f.jsonc:1:2: invalid value \"NaN\"");
    row("long bad token is shortened", "[" + QByteArray(100, 'x') + "]",
        "f.jsonc:1:2: invalid value \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…\"");
    row("invalid escape", "[\"a\\x\"]", "f.jsonc:1:4: invalid escape sequence");
    row("short unicode escape", "[\"\\u12\"]",
        "f.jsonc:1:3: invalid escape sequence: \\u needs four hex digits");
    row("tab inside string", "[\"a\tb\"]",
        "f.jsonc:1:4: control character in a string (write it as an escape such as \\t)");
    row("crlf counts one line", "[\r\n1,\r\n,]", "f.jsonc:3:1: unexpected comma, expected a value");
    row("lone cr breaks a line", "[\r,]", "f.jsonc:2:1: unexpected comma, expected a value");
    row("deep nesting", QByteArray(100000, '['),
        "f.jsonc:1:513: objects and arrays are nested deeper than 512 levels");
    row("deep objects", QByteArray("{\"a\":").repeated(600),
        "f.jsonc:1:2561: objects and arrays are nested deeper than 512 levels");
}

void TestJsonc::errors() {
    QFETCH(QByteArray, jsonc);
    QFETCH(QString, message);
    const auto document = JsoncDocument::parse(jsonc, kFile);
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::InvalidJson);
    QCOMPARE(document.error().message, message);
}

void TestJsonc::errorsFromQtKeepTheLine_data() {
    // Errors only Qt's parser finds: its byte offset must come back as this document's line.
    QTest::addColumn<QByteArray>("jsonc");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("invalid utf-8 in a string")
        << QByteArray("// c\n[\n  \"\xff\xfe\"]") << QStringLiteral("f.jsonc:3:4: ");
    QTest::newRow("number out of range")
        << QByteArray("/* x */\n\n{\"a\":\n  1e999}") << QStringLiteral("f.jsonc:4:");
}

void TestJsonc::errorsFromQtKeepTheLine() {
    QFETCH(QByteArray, jsonc);
    QFETCH(QString, prefix);
    const auto document = JsoncDocument::parse(jsonc, kFile);
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::InvalidJson);
    QVERIFY2(document.error().message.startsWith(prefix), qPrintable(document.error().message));
    static const QRegularExpression format(QStringLiteral("^f\\.jsonc:\\d+:\\d+: \\S"));
    QVERIFY2(format.match(document.error().message).hasMatch(),
             qPrintable(document.error().message));
}

void TestJsonc::positions_data() {
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");  // 0: the pointer names nothing
    QTest::addColumn<int>("column");
    auto row = [](const char* pointer, int line, int column) {
        QTest::newRow(pointer[0] != '\0' ? pointer : "(root)")
            << QString::fromUtf8(pointer) << line << column;
    };
    row("", 2, 1);
    row("/name", 3, 3);
    row("/filters", 4, 3);
    row("/filters/0", 5, 5);
    row("/filters/0/field", 5, 7);
    row("/filters/0/in", 5, 26);
    row("/filters/0/in/0", 5, 33);
    row("/filters/0/in/1", 5, 37);
    row("/filters/1", 6, 18);
    row("/filters/1/eq", 6, 34);
    row("/a~1b", 8, 3);
    row("/a~1b/m~0n", 8, 12);
    row("/a~1b/~01", 8, 22);
    row("/a~1b/~01/0", 8, 29);
    row("/", 9, 3);
    row("/名字/k", 10, 10);
    row("/nope", 0, 0);
    row("/filters/2", 0, 0);
    row("/filters/00", 0, 0);
    row("/filters/-", 0, 0);
    row("/a/b", 0, 0);
    row("/a~1b/m~n", 0, 0);
    row("/name/0", 0, 0);
    row("name", 0, 0);
}

void TestJsonc::positions() {
    QFETCH(QString, pointer);
    QFETCH(int, line);
    QFETCH(int, column);
    const auto document = JsoncDocument::parse(kSettings, QStringLiteral("s.jsonc"));
    QVERIFY2(document.ok(), qPrintable(document.ok() ? QString() : document.error().message));
    const auto position = document->position(pointer);
    const auto value = resolve(document->root(), pointer);
    if (line == 0) {
        QVERIFY(!position.has_value());
        QVERIFY(!value.has_value());
        return;
    }
    QVERIFY(position.has_value());
    QVERIFY2(value.has_value(), "the pointer must name a value in the parsed tree");
    QCOMPARE(position->line, line);
    QCOMPARE(position->column, column);
}

void TestJsonc::locate_data() {
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("expected");
    auto row = [](const char* name, const char* pointer, const char* expected) {
        QTest::newRow(name) << QString::fromUtf8(pointer) << QString::fromUtf8(expected);
    };
    row("root", "", "s.jsonc:2:1");
    row("nested key", "/filters/0/field", "s.jsonc:5:7");
    row("array element", "/filters/0/in/1", "s.jsonc:5:37");
    row("escaped key", "/a~1b/~01/0", "s.jsonc:8:29");
    row("missing member falls back to its object", "/filters/0/missing", "s.jsonc:5:5");
    row("missing index falls back to the array", "/filters/0/in/7", "s.jsonc:5:26");
    row("several missing levels", "/filters/9/x/y", "s.jsonc:4:3");
    row("unescaped slash falls back", "/a/b", "s.jsonc:2:1");
    row("missing top-level member falls back to root", "/nope", "s.jsonc:2:1");
    row("malformed pointer", "name", "s.jsonc");
}

void TestJsonc::locate() {
    QFETCH(QString, pointer);
    QFETCH(QString, expected);
    const auto document = JsoncDocument::parse(kSettings, QStringLiteral("s.jsonc"));
    QVERIFY2(document.ok(), qPrintable(document.ok() ? QString() : document.error().message));
    QCOMPARE(document->locate(pointer), expected);
}

void TestJsonc::load() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString good = dir.filePath(QStringLiteral("good.jsonc"));
    const QString bad = dir.filePath(QStringLiteral("bad.jsonc"));
    QFile file(good);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kSettings);
    file.close();
    file.setFileName(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\n  \"a\": 1,\n  \"a\": 2\n}\n");
    file.close();

    const auto loaded = JsoncDocument::load(good);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
    QCOMPARE(loaded->fileName(), good);
    QCOMPARE(loaded->root().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("mtga"));
    QCOMPARE(loaded->locate(QStringLiteral("/filters/1/eq")), good + QStringLiteral(":6:34"));

    const auto failed = JsoncDocument::load(bad);
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, ErrorCode::InvalidJson);
    QCOMPARE(failed.error().message, bad + QStringLiteral(":3:3: duplicate key \"a\""));
}

void TestJsonc::loadMissingFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("absent.jsonc"));
    const auto document = JsoncDocument::load(path);
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::IoError);
    QVERIFY2(document.error().message.startsWith(path + QStringLiteral(": ")),
             qPrintable(document.error().message));
    QVERIFY(document.error().message.size() > path.size() + 2);
}

void TestJsonc::loadDirectory() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto document = JsoncDocument::load(dir.path());
    QVERIFY(!document.ok());
    QCOMPARE(document.error().code, ErrorCode::IoError);
    QVERIFY2(document.error().message.startsWith(dir.path() + QStringLiteral(": ")),
             qPrintable(document.error().message));
}

void TestJsonc::everyPrefixIsAnError() {
    // kSettings without its final "}\n": every prefix of it is an unfinished object.
    const QByteArray whole = QByteArray(kSettings).trimmed();
    QVERIFY(JsoncDocument::parse(whole, kFile).ok());
    static const QRegularExpression format(QStringLiteral("^f\\.jsonc:\\d+:\\d+: \\S"));
    for (qsizetype size = 0; size < whole.size(); ++size) {
        const auto document = JsoncDocument::parse(whole.first(size), kFile);
        QVERIFY2(!document.ok(), qPrintable(QString::number(size)));
        QCOMPARE(document.error().code, ErrorCode::InvalidJson);
        QVERIFY2(format.match(document.error().message).hasMatch(),
                 qPrintable(document.error().message));
    }
}

void TestJsonc::arbitraryBytesNeverCrash() {
    // Inputs built from the pieces the scanner cares about, plus raw bytes, so that most of them
    // get deep into it; every one must give a value or a well-formed error.
    const QList<QByteArray> pieces = {"{",
                                      "}",
                                      "[",
                                      "]",
                                      ",",
                                      ":",
                                      "\"",
                                      "\\",
                                      "/",
                                      "*",
                                      "//",
                                      "/*",
                                      "*/",
                                      "\n",
                                      "\r",
                                      " ",
                                      "\"k\"",
                                      "1",
                                      "-",
                                      "e",
                                      "true",
                                      "\xEF\xBB\xBF",
                                      "\xE4\xB8\xAD",
                                      "\xff",
                                      QByteArray(1, '\0'),
                                      "\\u",
                                      "a"};
    static const QRegularExpression format(QStringLiteral("^f\\.jsonc:\\d+:\\d+: \\S"));
    QRandomGenerator random(20240611);
    int parsed = 0;
    for (int round = 0; round < 20000; ++round) {
        QByteArray input;
        const int count = random.bounded(1, 24);
        for (int i = 0; i < count; ++i) {
            input += random.bounded(4) == 0 ? QByteArray(1, char(random.bounded(256)))
                                            : pieces.at(random.bounded(pieces.size()));
        }
        const auto document = JsoncDocument::parse(input, kFile);
        if (document.ok()) {
            ++parsed;
            QVERIFY(document->position(QString()).has_value());
            continue;
        }
        QCOMPARE(document.error().code, ErrorCode::InvalidJson);
        QVERIFY2(format.match(document.error().message).hasMatch(),
                 qPrintable(document.error().message));
    }
    QVERIFY(parsed > 0);
}

QTEST_GUILESS_MAIN(TestJsonc)
#include "tst_jsonc.moc"
