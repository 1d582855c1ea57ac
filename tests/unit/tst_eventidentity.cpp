// The identity of an event: the #uuid the transform writes (deterministic, version 8) and what
// recovery reads back from a line: the line's own top-level "#uuid", never one inside its
// properties, or, without one, a hash of the line.

#include "worker/transform/eventidentity.h"
#include "worker/transform/tarules.h"

#include <QFile>
#include <QtTest>

#include <functional>

using namespace mtga;

namespace {

constexpr const char* kUuid = "0f1e2d3c-4b5a-8697-a8b9-cadbecfd0e1f";
constexpr const char* kOther = "11111111-2222-8333-9444-555555555555";

QByteArray hashed(const QByteArray& line) {
    return "h" + QByteArray::number(static_cast<qulonglong>(
                     std::hash<std::string_view>{}(std::string_view(line.data(), line.size()))));
}

QByteArray identityOf(const QByteArray& line) {
    return QByteArray::fromStdString(
        EventIdentity::ofLine(std::string_view(line.data(), size_t(line.size()))));
}

std::string uuidOf(const SourceRef& source, uint32_t index) {
    std::string member;
    EventIdentity::appendUuid(member, source, index);
    const std::string prefix = ",\"#uuid\":\"";
    if (member.size() != prefix.size() + 37 || member.compare(0, prefix.size(), prefix) != 0 ||
        member.back() != '"') {
        return "malformed: " + member;
    }
    return member.substr(prefix.size(), 36);
}

}  // namespace

class TestEventIdentity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void identityIsTheUuidOrAHashOfTheLine();
    void identityOfALine_data();
    void identityOfALine();
    void theTransformsLineIsKnownByItsUuid();
    void uuidIsAVersion8UuidOfWhereTheMessageCameFrom_data();
    void uuidIsAVersion8UuidOfWhereTheMessageCameFrom();
    void uuidNeverChanges();
};

void TestEventIdentity::identityIsTheUuidOrAHashOfTheLine() {
    const std::string line = "{\"#uuid\":\"" + std::string(kUuid) + "\",\"#event_name\":\"x\"}\n";
    QCOMPARE(EventIdentity::ofLine(line), "u" + line.substr(10, 36));
    // Without #uuid: the whole line, its line break aside.
    QCOMPARE(EventIdentity::ofLine("{\"a\":1}\n"), EventIdentity::ofLine("{\"a\":1}"));
    QVERIFY(EventIdentity::ofLine("{\"a\":1}") != EventIdentity::ofLine("{\"a\":2}"));
}

void TestEventIdentity::identityOfALine_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("identity");
    const QByteArray u(kUuid);
    const QByteArray other(kOther);
    const auto uuidRow = [&](const char* name, const QByteArray& line) {
        QTest::newRow(name) << line << "u" + u;
    };
    const auto hashRow = [](const char* name, const QByteArray& line,
                            const QByteArray& hashedText) {
        QTest::newRow(name) << line << hashed(hashedText);
    };

    uuidRow("as the transform writes it",
            "{\"#account_id\":\"1\",\"#event_name\":\"t_x\",\"#time\":\"2020-12-17 "
            "13:50:43.000\",\"#type\":\"track\",\"#uuid\":\"" +
                u + "\",\"properties\":{\"a\":1}}\n");
    uuidRow("first member", "{\"#uuid\":\"" + u + "\",\"#event_name\":\"x\"}\n");
    uuidRow("last member, no line break", "{\"a\":[1,{\"b\":null}],\"#uuid\":\"" + u + "\"}");
    uuidRow("spaces and tabs around", "  {\t\"#account_id\" : \"1\" ,\t\"#uuid\" :  \"" + u +
                                          "\" , \"properties\" : { } }\r\n");
    uuidRow("escaped key", "{\"#uui\\u0064\":\"" + u + "\"}\n");
    uuidRow("escaped solidus in the key", "{\"a\\/b\":1,\"#uuid\":\"" + u + "\"}\n");
    uuidRow("an earlier value holds the key, escaped",
            "{\"#distinct_id\":\"a\\\"#uuid\\\":\\\"" + other + "\",\"#uuid\":\"" + u + "\"}\n");
    uuidRow("an earlier value ends in an escaped backslash",
            "{\"a\":\"x\\\\\",\"#uuid\":\"" + u + "\"}\n");
    uuidRow("brackets inside strings",
            "{\"a\":\"}{][\",\"b\":{\"c\":\"]}\"},\"#uuid\":\"" + u + "\"}\n");
    uuidRow("properties with their own #uuid come first", "{\"properties\":{\"#uuid\":\"" + other +
                                                              "\",\"n\":{\"#uuid\":\"" + other +
                                                              "\"}},\"#uuid\":\"" + u + "\"}\n");

    const QByteArray propertyKey =
        "{\"#distinct_id\":\"a\",\"#type\":\"track\",\"properties\":{\"#uuid\":\"" + other + "\"}}";
    hashRow("uuids off, a property named #uuid", propertyKey + "\n", propertyKey);
    const QByteArray inValue =
        "{\"#distinct_id\":\"a\",\"properties\":{\"note\":\"\\\"#uuid\\\":\\\"" + other +
        "\\\"\"}}";
    hashRow("uuids off, #uuid inside a property value", inValue + "\n", inValue);
    const QByteArray nested = "{\"#distinct_id\":\"a\",\"properties\":{\"x\":{\"#uuid\":\"" +
                              other + "\"},\"y\":[\"#uuid\",{\"#uuid\":\"" + other + "\"}]}}";
    hashRow("uuids off, #uuid in nested properties", nested + "\n", nested);
    hashRow("uuids off, crlf", "{\"#distinct_id\":\"a\",\"properties\":{}}\r\n",
            "{\"#distinct_id\":\"a\",\"properties\":{}}");
    hashRow("a longer key", "{\"#uuid2\":\"" + other + "\"}\n", "{\"#uuid2\":\"" + other + "\"}");
    hashRow("a key escaped to something else", "{\"#uui\\u0065\":\"" + other + "\"}",
            "{\"#uui\\u0065\":\"" + other + "\"}");
    hashRow("#uuid not a string", "{\"#uuid\":12,\"a\":1}", "{\"#uuid\":12,\"a\":1}");
    hashRow("#uuid empty", "{\"#uuid\":\"\",\"a\":1}", "{\"#uuid\":\"\",\"a\":1}");
    hashRow("not an object", "[\"#uuid\",\"" + other + "\"]", "[\"#uuid\",\"" + other + "\"]");
    hashRow("not JSON", "x \"#uuid\":\"" + other + "\"", "x \"#uuid\":\"" + other + "\"");
    hashRow("torn before the uuid ends", "{\"a\":1,\"#uuid\":\"0f1e2d3c",
            "{\"a\":1,\"#uuid\":\"0f1e2d3c");
    hashRow("torn inside an earlier value", "{\"a\":\"x\\\"#uuid\\\":\\\"" + other,
            "{\"a\":\"x\\\"#uuid\\\":\\\"" + other);
    hashRow("empty", "", "");
}

void TestEventIdentity::identityOfALine() {
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, identity);
    QCOMPARE(identityOf(line), identity);
}

void TestEventIdentity::theTransformsLineIsKnownByItsUuid() {
    // The golden line of tests/data: what the transform writes is what recovery reads back.
    QFile golden(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.expected.json"));
    QVERIFY(golden.open(QIODevice::ReadOnly));
    const QByteArray line = golden.readAll();
    const SourceRef source{"mulog_clean_24", 3, 6197511494};
    QCOMPARE(identityOf(line), QByteArray("u") + QByteArray::fromStdString(uuidOf(source, 0)));

    // A line put together the way LineWriter does it.
    std::string written = "{\"#account_id\":\"1\",\"#type\":\"track\"";
    EventIdentity::appendUuid(written, {"t", 0, 41}, 2);
    written += ",\"properties\":{\"#uuid\":\"x\"}}\n";
    QCOMPARE(EventIdentity::ofLine(written), "u" + uuidOf({"t", 0, 41}, 2));
}

void TestEventIdentity::uuidIsAVersion8UuidOfWhereTheMessageCameFrom_data() {
    QTest::addColumn<QByteArray>("topic");
    QTest::addColumn<int>("partition");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<uint>("index");
    QTest::newRow("the base") << QByteArray("mulog_clean_24") << 3 << qint64(7) << 0u;
    QTest::newRow("another topic") << QByteArray("mulog_clean_25") << 3 << qint64(7) << 0u;
    QTest::newRow("another partition") << QByteArray("mulog_clean_24") << 4 << qint64(7) << 0u;
    QTest::newRow("another offset") << QByteArray("mulog_clean_24") << 3 << qint64(8) << 0u;
    QTest::newRow("another record") << QByteArray("mulog_clean_24") << 3 << qint64(7) << 1u;
    QTest::newRow("empty topic") << QByteArray() << 0 << qint64(0) << 0u;
}

void TestEventIdentity::uuidIsAVersion8UuidOfWhereTheMessageCameFrom() {
    QFETCH(QByteArray, topic);
    QFETCH(int, partition);
    QFETCH(qint64, offset);
    QFETCH(uint, index);
    const SourceRef source{std::string_view(topic.data(), size_t(topic.size())), partition, offset};
    const std::string uuid = uuidOf(source, index);
    QVERIFY2(tarules::isCanonicalUuid(uuid), uuid.c_str());
    QCOMPARE(uuid[14], '8');                             // version 8
    QVERIFY(QByteArrayView("89ab").contains(uuid[19]));  // RFC variant
    QCOMPARE(uuidOf(source, index), uuid);               // deterministic
    const bool base = QByteArray(QTest::currentDataTag()) == "the base";
    QCOMPARE(uuid == uuidOf({"mulog_clean_24", 3, 7}, 0), base);  // every input counts
}

void TestEventIdentity::uuidNeverChanges() {
    // TA drops copies by #uuid, and checkpoints store identities: the derivation is fixed.
    QCOMPARE(uuidOf({"mulog_clean_24", 3, 6197511494}, 0),
             std::string("53a28fc2-c590-8570-8407-92e82579f187"));
}

QTEST_GUILESS_MAIN(TestEventIdentity)
#include "tst_eventidentity.moc"
