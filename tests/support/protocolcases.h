#pragma once

// Request lines and what the protocol makes of them, as QTest data rows: the codec's unit test
// (tst_controlprotocol) and the server's test over a real socket (tst_controlserver) run the
// same tables, so the server is shown to add nothing to, and lose nothing of, the codec.

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QtTest>

namespace mtga::test {

// Columns: line (one request of `echo`, with its line end), id (echoed), args (what `echo` gets
// and returns).
inline void addAcceptedRequestRows() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QJsonObject>("result");

    const QJsonObject empty;
    QTest::newRow("no id echoes null") << QByteArray(R"({"cmd":"echo"})"
                                                     "\n")
                                       << QJsonValue() << empty;
    QTest::newRow("null id") << QByteArray(R"({"id":null,"cmd":"echo"})"
                                           "\n")
                             << QJsonValue() << empty;
    QTest::newRow("args null") << QByteArray(R"({"id":2,"cmd":"echo","args":null})"
                                             "\n")
                               << QJsonValue(2) << empty;
    QTest::newRow("CRLF") << QByteArray(R"({"id":3,"cmd":"echo","args":{"x":"y"}})"
                                        "\r\n")
                          << QJsonValue(3)
                          << QJsonObject{{QStringLiteral("x"), QStringLiteral("y")}};
    QTest::newRow("unknown keys ignored") << QByteArray(R"({"id":4,"cmd":"echo","future":true})"
                                                        "\n")
                                          << QJsonValue(4) << empty;
    QTest::newRow("negative id") << QByteArray(R"({"id":-9,"cmd":"echo"})"
                                               "\n")
                                 << QJsonValue(-9) << empty;
    QTest::newRow("largest safe id") << QByteArray(R"({"id":9007199254740991,"cmd":"echo"})"
                                                   "\n")
                                     << QJsonValue(qint64{9007199254740991}) << empty;
    QTest::newRow("UTF-8 args") << QByteArray(R"({"id":6,"cmd":"echo","args":{"名":"值"}})"
                                              "\n")
                                << QJsonValue(6)
                                << QJsonObject{{QString::fromUtf8("名"), QString::fromUtf8("值")}};
}

// Columns: line (without its '\n'), code, id (the reply's: the request's when it could be read,
// else null), mentions (a piece of the message).
inline void addBadRequestRows() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("not JSON") << QByteArray("{nope") << QStringLiteral("bad_json") << QJsonValue()
                              << QStringLiteral("JSON");
    QTest::newRow("trailing garbage")
        << QByteArray(R"({"id":1,"cmd":"echo"} x)") << QStringLiteral("bad_json") << QJsonValue()
        << QStringLiteral("JSON");
    QTest::newRow("invalid UTF-8")
        << QByteArray("{\"cmd\":\"ec\xff\xfeho\"}") << QStringLiteral("bad_json") << QJsonValue()
        << QStringLiteral("JSON");
    QTest::newRow("number (valid JSON)") << QByteArray("42") << QStringLiteral("bad_request")
                                         << QJsonValue() << QStringLiteral("object");
    QTest::newRow("two values") << QByteArray("1,2") << QStringLiteral("bad_json") << QJsonValue()
                                << QStringLiteral("JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("bad_request") << QJsonValue()
                           << QStringLiteral("object");
    QTest::newRow("string (valid JSON)")
        << QByteArray(R"("hello")") << QStringLiteral("bad_request") << QJsonValue()
        << QStringLiteral("object");
    QTest::newRow("missing cmd") << QByteArray(R"({"id":4})") << QStringLiteral("bad_request")
                                 << QJsonValue(4) << QStringLiteral("\"cmd\" is missing");
    QTest::newRow("empty cmd") << QByteArray(R"({"id":5,"cmd":""})")
                               << QStringLiteral("bad_request") << QJsonValue(5)
                               << QStringLiteral("\"cmd\"");
    QTest::newRow("cmd is a number")
        << QByteArray(R"({"id":6,"cmd":3})") << QStringLiteral("bad_request") << QJsonValue(6)
        << QStringLiteral("number");
    QTest::newRow("id is a string")
        << QByteArray(R"({"id":"x","cmd":"echo"})") << QStringLiteral("bad_request") << QJsonValue()
        << QStringLiteral("\"id\"");
    QTest::newRow("id is fractional")
        << QByteArray(R"({"id":1.5,"cmd":"echo"})") << QStringLiteral("bad_request") << QJsonValue()
        << QStringLiteral("\"id\"");
    QTest::newRow("id beyond 2^53")
        << QByteArray(R"({"id":1e300,"cmd":"echo"})") << QStringLiteral("bad_request")
        << QJsonValue() << QStringLiteral("\"id\"");
    QTest::newRow("args is an array")
        << QByteArray(R"({"id":8,"cmd":"echo","args":[]})") << QStringLiteral("bad_request")
        << QJsonValue(8) << QStringLiteral("\"args\" must be an object, not array");
    QTest::newRow("args is a string")
        << QByteArray(R"({"id":9,"cmd":"echo","args":"x"})") << QStringLiteral("bad_request")
        << QJsonValue(9) << QStringLiteral("\"args\"");
}

}  // namespace mtga::test
