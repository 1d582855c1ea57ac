// The control protocol's codec (shared/controlprotocol.h) without a socket: request lines in,
// requests or errors out; replies and events encoded byte for byte and read back. The request
// tables are the ones tst_controlserver runs over a real socket (tests/support/protocolcases.h).

#include "shared/controlprotocol.h"
#include "tests/support/protocolcases.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using mtga::ControlProtocol;
using mtga::ControlRequest;
using mtga::ControlResponse;
using mtga::Error;
using mtga::ErrorCode;
using namespace mtga::test;

class TestControlProtocol : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesRequests_data();
    void parsesRequests();
    void refusesRequests_data();
    void refusesRequests();
    void encodesRequests_data();
    void encodesRequests();
    void encodesReplies_data();
    void encodesReplies();
    void parsesResponses_data();
    void parsesResponses();
    void refusesResponses_data();
    void refusesResponses();
    void errorRepliesKeepUnknownCodes();
    void namesLeadingEvents_data();
    void namesLeadingEvents();
};

void TestControlProtocol::parsesRequests_data() {
    addAcceptedRequestRows();
    QTest::newRow("no line end") << QByteArray(R"({"id":8,"cmd":"echo"})") << QJsonValue(8)
                                 << QJsonObject();
    QTest::newRow("id 1.0 is the integer 1")
        << QByteArray(R"({"id":1.0,"cmd":"echo"})") << QJsonValue(1) << QJsonObject();
}

void TestControlProtocol::parsesRequests() {
    QFETCH(QByteArray, line);
    QFETCH(QJsonValue, id);
    QFETCH(QJsonObject, result);
    const auto request = ControlProtocol::parseRequest(line);
    QVERIFY2(request, qPrintable(request ? QString() : request.error().message));
    QCOMPARE(request->cmd, QStringLiteral("echo"));
    QCOMPARE(request->id, id);
    QCOMPARE(request->args, result);
}

void TestControlProtocol::refusesRequests_data() {
    addBadRequestRows();
}

void TestControlProtocol::refusesRequests() {
    QFETCH(QByteArray, line);
    QFETCH(QString, code);
    QFETCH(QJsonValue, id);
    QFETCH(QString, mentions);
    for (const QByteArray& ending : {QByteArray(), QByteArray("\n"), QByteArray("\r\n")}) {
        const auto request = ControlProtocol::parseRequest(line + ending);
        QVERIFY(!request);
        QCOMPARE(request.error().codeName(), code);
        QVERIFY2(request.error().message.contains(mentions), qPrintable(request.error().message));
        QCOMPARE(ControlProtocol::requestIdForError(line + ending), id);
    }
}

void TestControlProtocol::encodesRequests_data() {
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QString>("cmd");
    QTest::addColumn<QJsonObject>("args");
    QTest::addColumn<QByteArray>("line");

    QTest::newRow("with id") << QJsonValue(7) << QStringLiteral("status") << QJsonObject()
                             << QByteArray(R"({"args":{},"cmd":"status","id":7})"
                                           "\n");
    QTest::newRow("without id") << QJsonValue() << QStringLiteral("hello")
                                << QJsonObject{{QStringLiteral("protocol"), 1}}
                                << QByteArray(R"({"args":{"protocol":1},"cmd":"hello"})"
                                              "\n");
}

void TestControlProtocol::encodesRequests() {
    QFETCH(QJsonValue, id);
    QFETCH(QString, cmd);
    QFETCH(QJsonObject, args);
    QFETCH(QByteArray, line);
    const QByteArray encoded = ControlProtocol::encodeRequest(ControlRequest{id, cmd, args});
    QCOMPARE(encoded, line);
    // And the server reads back what the client meant.
    const auto parsed = ControlProtocol::parseRequest(encoded);
    QVERIFY(parsed);
    QCOMPARE(parsed->id, id.isUndefined() ? QJsonValue() : id);
    QCOMPARE(parsed->cmd, cmd);
    QCOMPARE(parsed->args, args);
}

void TestControlProtocol::encodesReplies_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("ok") << ControlProtocol::encodeOk(3, QJsonObject{{QStringLiteral("a"), 1}})
                        << QByteArray(R"({"id":3,"ok":true,"result":{"a":1}})"
                                      "\n");
    QTest::newRow("ok, id 2.0 goes out as 2") << ControlProtocol::encodeOk(QJsonValue(2.0), {})
                                              << QByteArray(R"({"id":2,"ok":true,"result":{}})"
                                                            "\n");
    QTest::newRow("ok, an id that is no id goes out as null")
        << ControlProtocol::encodeOk(QJsonValue(1.5), {})
        << QByteArray(R"({"id":null,"ok":true,"result":{}})"
                      "\n");
    QTest::newRow("error")
        << ControlProtocol::encodeError(
               9, Error::of(ErrorCode::UnknownCommand, QStringLiteral("no \"frob\"")))
        << QByteArray(
               R"({"error":{"code":"unknown_command","message":"no \"frob\""},"id":9,"ok":false})"
               "\n");
    QTest::newRow("error without id")
        << ControlProtocol::encodeError(QJsonValue(),
                                        Error::of(ErrorCode::LineTooLong, QStringLiteral("long")))
        << QByteArray(R"({"error":{"code":"line_too_long","message":"long"},"id":null,"ok":false})"
                      "\n");
    QTest::newRow("event, its own name wins")
        << ControlProtocol::encodeEvent(QStringLiteral("stats"),
                                        QJsonObject{{QStringLiteral("event"), QStringLiteral("x")},
                                                    {QStringLiteral("n"), 1}})
        << QByteArray(R"({"event":"stats","n":1})"
                      "\n");
}

void TestControlProtocol::encodesReplies() {
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, expected);
    QCOMPARE(line, expected);
}

void TestControlProtocol::parsesResponses_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("isEvent");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QJsonObject>("result");
    QTest::addColumn<QString>("code");  // of an error reply; the event's name for an event

    QTest::newRow("ok") << QByteArray(R"({"id":1,"ok":true,"result":{"a":[1]}})") << false
                        << QJsonValue(1) << true
                        << QJsonObject{{QStringLiteral("a"), QJsonArray{1}}} << QString();
    QTest::newRow("ok, CRLF, unknown keys")
        << QByteArray(R"({"id":2,"ok":true,"result":{},"trace":"x"})"
                      "\r\n")
        << false << QJsonValue(2) << true << QJsonObject() << QString();
    QTest::newRow("error")
        << QByteArray(R"({"id":3,"ok":false,"error":{"code":"forbidden","message":"no"}})") << false
        << QJsonValue(3) << false << QJsonObject() << QStringLiteral("forbidden");
    QTest::newRow("error without id")
        << QByteArray(R"({"id":null,"ok":false,"error":{"code":"bad_json","message":"?"}})")
        << false << QJsonValue() << false << QJsonObject() << QStringLiteral("bad_json");
    QTest::newRow("event") << QByteArray(R"({"event":"stats","partitions":[]})") << true
                           << QJsonValue() << false << QJsonObject() << QStringLiteral("stats");
}

void TestControlProtocol::parsesResponses() {
    QFETCH(QByteArray, line);
    QFETCH(bool, isEvent);
    QFETCH(QJsonValue, id);
    QFETCH(bool, ok);
    QFETCH(QJsonObject, result);
    QFETCH(QString, code);
    const auto response = ControlProtocol::parseResponse(line);
    QVERIFY2(response, qPrintable(response ? QString() : response.error().message));
    QCOMPARE(response->kind == ControlResponse::Kind::Event, isEvent);
    if (isEvent) {
        QCOMPARE(response->event, code);
        QCOMPARE(response->body, QJsonDocument::fromJson(line).object());
        return;
    }
    QCOMPARE(response->id, id);
    QCOMPARE(response->ok, ok);
    QCOMPARE(response->result, result);
    if (!ok) {
        QCOMPARE(response->error.codeName(), code);
    }
}

void TestControlProtocol::refusesResponses_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("not JSON") << QByteArray("{") << QStringLiteral("JSON");
    QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("object");
    QTest::newRow("no ok") << QByteArray(R"({"id":1,"result":{}})") << QStringLiteral("\"ok\"");
    QTest::newRow("ok but no result")
        << QByteArray(R"({"id":1,"ok":true})") << QStringLiteral("\"result\"");
    QTest::newRow("id is a string")
        << QByteArray(R"({"id":"1","ok":true,"result":{}})") << QStringLiteral("\"id\"");
    QTest::newRow("error without code")
        << QByteArray(R"({"id":1,"ok":false,"error":{"message":"x"}})")
        << QStringLiteral("\"code\"");
    QTest::newRow("event without a name")
        << QByteArray(R"({"event":""})") << QStringLiteral("event");
}

void TestControlProtocol::refusesResponses() {
    QFETCH(QByteArray, line);
    QFETCH(QString, mentions);
    const auto response = ControlProtocol::parseResponse(line);
    QVERIFY(!response);
    QCOMPARE(response.error().code, ErrorCode::BadReply);
    QVERIFY(response.error().is(ErrorCode::BadReply));
    QVERIFY2(response.error().message.contains(mentions), qPrintable(response.error().message));
}

void TestControlProtocol::errorRepliesKeepUnknownCodes() {
    // A newer worker's code: this build does not know it, and passes it on as it came.
    const auto response = ControlProtocol::parseResponse(
        R"({"id":1,"ok":false,"error":{"code":"lag_unhealthy","message":"lagging"}})");
    QVERIFY(response);
    QCOMPARE(response->error.codeName(), QStringLiteral("lag_unhealthy"));
    QCOMPARE(response->error.code, ErrorCode::Unknown);
    QCOMPARE(
        ControlProtocol::encodeError(1, response->error),
        QByteArray(R"({"error":{"code":"lag_unhealthy","message":"lagging"},"id":1,"ok":false})"
                   "\n"));
}

void TestControlProtocol::namesLeadingEvents_data() {
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("name");
    // What encodeEvent writes: "event" is the first key of the stats event.
    QTest::newRow("stats as the worker writes it")
        << ControlProtocol::encodeEvent(
               QStringLiteral("stats"),
               QJsonObject{{QStringLiteral("state"), QStringLiteral("running")},
                           {QStringLiteral("failure_queue"), 0}})
               .trimmed()
        << QStringLiteral("stats");
    QTest::newRow("a reply") << QByteArray(R"({"id":1,"ok":true,"result":{}})") << QString();
    QTest::newRow("an error reply")
        << QByteArray(R"({"error":{"code":"x"},"id":1,"ok":false})") << QString();
    QTest::newRow("event not first") << QByteArray(R"({"a":1,"event":"stats"})") << QString();
    QTest::newRow("escaped name") << QByteArray(R"({"event":"st\u0061ts"})") << QString();
    QTest::newRow("cut short") << QByteArray(R"({"event":"sta)") << QString();
}

void TestControlProtocol::namesLeadingEvents() {
    QFETCH(QByteArray, line);
    QFETCH(QString, name);
    QCOMPARE(ControlProtocol::leadingEventName(line), name);
}

QTEST_GUILESS_MAIN(TestControlProtocol)
#include "tests/support/qtestprinters.h"
#include "tst_controlprotocol.moc"
