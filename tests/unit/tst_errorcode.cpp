// ErrorCode and its name table: every code has one stable name and comes back from it, a name
// this build does not know (a newer peer's) is Unknown with its text kept, Error::of builds from
// the enum, docs/protocol.md lists every code exactly once, and every code the sources still
// write as a string literal (until Error::code becomes the enum) is in the table.

#include "shared/errorcode.h"
#include "shared/result.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using mtga::Error;
using mtga::ErrorCode;
using mtga::errorCodeFromName;
using mtga::errorCodeName;
using mtga::findErrorCode;
using mtga::kErrorCodeCount;

Q_DECLARE_METATYPE(mtga::ErrorCode)

namespace {

QString readSource(const QString& relative) {
    QFile file(QStringLiteral(MTGA_SOURCE_DIR "/") + relative);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace

class TestErrorCode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void namesAreStable_data();
    void namesAreStable();
    void everyCodeRoundTrips();
    void unknownNamesAreUnknown_data();
    void unknownNamesAreUnknown();
    void errorHelpers();
    void protocolDocListsEveryCodeOnce();
};

void TestErrorCode::namesAreStable_data() {
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");

    // The wire's names: a client in the field depends on them.
    QTest::newRow("bad_json") << ErrorCode::BadJson << QStringLiteral("bad_json");
    QTest::newRow("bad_request") << ErrorCode::BadRequest << QStringLiteral("bad_request");
    QTest::newRow("line_too_long") << ErrorCode::LineTooLong << QStringLiteral("line_too_long");
    QTest::newRow("unknown_command")
        << ErrorCode::UnknownCommand << QStringLiteral("unknown_command");
    QTest::newRow("forbidden") << ErrorCode::Forbidden << QStringLiteral("forbidden");
    QTest::newRow("unsupported_protocol")
        << ErrorCode::UnsupportedProtocol << QStringLiteral("unsupported_protocol");
    QTest::newRow("reply_too_large")
        << ErrorCode::ReplyTooLarge << QStringLiteral("reply_too_large");
    QTest::newRow("internal") << ErrorCode::Internal << QStringLiteral("internal");
    QTest::newRow("not_running") << ErrorCode::NotRunning << QStringLiteral("not_running");
    QTest::newRow("permission_denied")
        << ErrorCode::PermissionDenied << QStringLiteral("permission_denied");
    QTest::newRow("timeout") << ErrorCode::Timeout << QStringLiteral("timeout");
    QTest::newRow("connection_closed")
        << ErrorCode::ConnectionClosed << QStringLiteral("connection_closed");
    QTest::newRow("connection_failed")
        << ErrorCode::ConnectionFailed << QStringLiteral("connection_failed");
    QTest::newRow("bad_reply") << ErrorCode::BadReply << QStringLiteral("bad_reply");
    QTest::newRow("control_in_use") << ErrorCode::ControlInUse << QStringLiteral("control_in_use");
    QTest::newRow("invalid_argument")
        << ErrorCode::InvalidArgument << QStringLiteral("invalid_argument");
    QTest::newRow("kafka_error") << ErrorCode::KafkaError << QStringLiteral("kafka_error");
    QTest::newRow("sink_lost") << ErrorCode::SinkLost << QStringLiteral("sink_lost");
    QTest::newRow("stop_incomplete")
        << ErrorCode::StopIncomplete << QStringLiteral("stop_incomplete");
    QTest::newRow("unknown") << ErrorCode::Unknown << QStringLiteral("unknown");
}

void TestErrorCode::namesAreStable() {
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);
    QCOMPARE(QString(errorCodeName(code)), name);
    QCOMPARE(errorCodeFromName(name), code);
}

void TestErrorCode::everyCodeRoundTrips() {
    QSet<QString> names;
    for (std::size_t i = 0; i < kErrorCodeCount; ++i) {
        const auto code = static_cast<ErrorCode>(i);
        const QString name = errorCodeName(code);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        QCOMPARE(findErrorCode(name), std::optional<ErrorCode>(code));
    }
    QCOMPARE(names.size(), static_cast<qsizetype>(kErrorCodeCount));
}

void TestErrorCode::unknownNamesAreUnknown_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("a newer peer's") << QStringLiteral("lag_unhealthy");
    QTest::newRow("empty") << QString();
    QTest::newRow("case matters") << QStringLiteral("BAD_JSON");
    QTest::newRow("a prefix") << QStringLiteral("bad_js");
    QTest::newRow("trailing space") << QStringLiteral("timeout ");
}

void TestErrorCode::unknownNamesAreUnknown() {
    QFETCH(QString, name);
    QCOMPARE(errorCodeFromName(name), ErrorCode::Unknown);
    QVERIFY(!findErrorCode(name).has_value());
    // The text stays in the error, to be shown and passed on.
    const Error error = Error::received(name, QStringLiteral("from a newer worker"));
    QCOMPARE(error.code, ErrorCode::Unknown);
    QCOMPARE(error.codeName(), name.isEmpty() ? QStringLiteral("unknown") : name);
}

void TestErrorCode::errorHelpers() {
    const Error error = Error::of(ErrorCode::KafkaError, QStringLiteral("broker 1 is down"));
    QCOMPARE(error.code, ErrorCode::KafkaError);
    QCOMPARE(error.codeName(), QStringLiteral("kafka_error"));
    QCOMPARE(error.message, QStringLiteral("broker 1 is down"));
    QVERIFY(error.is(ErrorCode::KafkaError));
    QVERIFY(!error.is(ErrorCode::KafkaConfig));
    // A known code received from a peer is that code, with no text kept beside it.
    const Error received = Error::received(u"sink_lost", QString());
    QCOMPARE(received.code, ErrorCode::SinkLost);
    QVERIFY(received.unknownCode.isEmpty());
    QCOMPARE(received.codeName(), QStringLiteral("sink_lost"));
}

void TestErrorCode::protocolDocListsEveryCodeOnce() {
    const QString doc = readSource(QStringLiteral("docs/protocol.md"));
    QVERIFY(!doc.isEmpty());
    const qsizetype start = doc.indexOf(QLatin1String("## Error codes"));
    const qsizetype end = doc.indexOf(QLatin1String("\n## "), start + 1);
    QVERIFY(start >= 0 && end > start);
    const QString section = doc.mid(start, end - start);
    static const QRegularExpression kRow(QStringLiteral(R"(^\| `([a-z0-9_]+)` \|)"),
                                         QRegularExpression::MultilineOption);
    QStringList listed;
    for (const auto& match : kRow.globalMatch(section)) {
        listed << match.captured(1);
    }
    for (std::size_t i = 0; i < kErrorCodeCount; ++i) {
        const QString name = errorCodeName(static_cast<ErrorCode>(i));
        QVERIFY2(listed.count(name) == 1,
                 qPrintable(QStringLiteral("docs/protocol.md lists \"%1\" %2 times")
                                .arg(name)
                                .arg(listed.count(name))));
    }
    for (const QString& name : listed) {
        QVERIFY2(
            findErrorCode(name).has_value(),
            qPrintable(QStringLiteral("docs/protocol.md lists \"%1\", no such code").arg(name)));
    }
}

QTEST_GUILESS_MAIN(TestErrorCode)
#include "tests/support/qtestprinters.h"
#include "tst_errorcode.moc"
