// The transform engine: message values in, TA lines (or filter drops, or failures) out.

#include "tests/support/snappystreams.h"
#include "worker/transform/settingsregistry.h"
#include "worker/transform/tarules.h"
#include "worker/transform/transformer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <snappy.h>

using namespace mtga;

namespace {

constexpr int64_t kNow = 1700000000123;  // 2023-11-15 06:13:20.123 in Shanghai

const char* kMetadata = R"({
  "identity": { "account_id": "role_id", "distinct_id": "device_id", "ip": "ip" },
  "time": { "field": "mtime" },
  "logs": {
    "log_add": { "type": "user_add" },
    "log_update": { "type": "track_update", "event_id": "order_id" },
    "log_renamed": { "event_name": "renamed_event", "type": "user_set" },
  },
})";

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

QByteArray message(const QByteArray& logs, const QByteArray& logName = "log_item",
                   const QByteArray& appId = "24") {
    return "{\"headers\":{\"app_id\":" + appId + ",\"log_name\":\"" + logName +
           "\"},\"logs\":" + logs + "}";
}

// A settings folder for one test, with app 24's metadata and optional filter.
struct Settings {
    QTemporaryDir dir;
    std::shared_ptr<const SettingsSet> set;
    QString error;

    explicit Settings(const QByteArray& metadata, const QByteArray& filter = {}) {
        writeFile(dir.filePath(QStringLiteral("metadata.24.json")), metadata);
        if (!filter.isEmpty()) {
            writeFile(dir.filePath(QStringLiteral("filter.24.json")), filter);
        }
        auto loaded = SettingsSet::loadFolder(dir.path());
        if (loaded) {
            set = loaded.value();
        } else {
            error = loaded.error().message;
        }
    }
};

struct Run {
    TransformOutput output;
    TransformCounters counters;
};

Run transformOne(const std::shared_ptr<const SettingsSet>& settings, const QByteArray& value,
                 TransformerOptions options = {}, int64_t offset = 7) {
    Transformer transformer(settings, options);
    Run run;
    const SourceRef source{"mulog_clean_24", 3, offset};
    transformer.transform(source, std::string_view(value.constData(), size_t(value.size())), kNow,
                          run.output);
    run.counters = transformer.counters();
    return run;
}

QJsonObject lineObject(const Run& run, size_t record = 0) {
    const RecordOutcome& outcome = run.output.outcomes.at(record);
    const std::string line =
        run.output.text.substr(outcome.lineBegin, outcome.lineEnd - outcome.lineBegin);
    return QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
}

std::string lineText(const Run& run, size_t record = 0) {
    const RecordOutcome& outcome = run.output.outcomes.at(record);
    return run.output.text.substr(outcome.lineBegin, outcome.lineEnd - outcome.lineBegin);
}

}  // namespace

class TestTransform : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sampleMatchesGoldenFile();
    void everyLinePassesTaRules();
    void failures_data();
    void failures();
    void logsBeforeHeadersGivesTheSameLine();
    void bigNumbersUnicodeAndNestedStayByteExact();
    void identityNumbersBecomeStringsDigitForDigit();
    void time_data();
    void time();
    void timeMissingPolicy();
    void typesAndEventNames();
    void uuidIsDeterministic();
    void propertyRules();
    void filters_data();
    void filters();
    void snappyPayloadHoldsSeveralEvents();
    void taCheckWarnWritesAndCounts();
    void settingsErrors_data();
    void settingsErrors();
    void originalFileNamesAreAccepted();
    void reloadKeepsOldSettingsOnError();
};

void TestTransform::sampleMatchesGoldenFile() {
    auto settings = SettingsSet::loadFolder(QStringLiteral(MTGA_SOURCE_DIR "/resources/settings"));
    QVERIFY2(settings.ok(), qPrintable(settings.ok() ? QString() : settings.error().message));
    const QByteArray sample =
        readFile(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.input.json")).trimmed();
    const Run run = transformOne(settings.value(), sample, {}, 6197511494);
    QCOMPARE(run.output.outcomes.size(), size_t(1));
    QCOMPARE(run.output.outcomes[0].kind, OutcomeKind::Ok);
    const QByteArray expected =
        readFile(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.expected.json"));
    QCOMPARE(QByteArray::fromStdString(run.output.text), expected);
}

void TestTransform::everyLinePassesTaRules() {
    const Settings settings(kMetadata);
    QVERIFY2(settings.set, qPrintable(settings.error));
    const Run run =
        transformOne(settings.set, message(R"({"role_id":1,"mtime":1608184243,"a_b":"x","#c":2})"));
    const QJsonObject line = lineObject(run);
    QVERIFY(tarules::isTime(line.value(QStringLiteral("#time")).toString().toStdString()));
    QVERIFY(tarules::isType(line.value(QStringLiteral("#type")).toString().toStdString()));
    QVERIFY(tarules::isCanonicalUuid(line.value(QStringLiteral("#uuid")).toString().toStdString()));
    QVERIFY(
        tarules::isEventName(line.value(QStringLiteral("#event_name")).toString().toStdString()));
    for (const QString& key : line.value(QStringLiteral("properties")).toObject().keys()) {
        QVERIFY(tarules::isPropertyName(key.toStdString()));
    }
}

void TestTransform::failures_data() {
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    const QByteArray ok = R"({"role_id":1,"mtime":1608184243})";
    QTest::newRow("not json") << QByteArray("{\"headers\":") << "invalid_json"
                              << "";
    QTest::newRow("array") << QByteArray("[1,2]") << "invalid_json"
                           << "";
    QTest::newRow("trailing") << QByteArray(message(ok) + " x") << "invalid_json"
                              << "";
    QTest::newRow("bad atom") << message(R"({"role_id":1,"x":tru})") << "invalid_json"
                              << "x";
    QTest::newRow("bad number") << message(R"({"role_id":1,"x":01})") << "invalid_json"
                                << "x";
    QTest::newRow("bad escape") << message(R"({"role_id":1,"x":"\q"})") << "invalid_json"
                                << "x";
    QTest::newRow("number beyond double") << message(R"({"role_id":1,"x":1E999})") << "invalid_json"
                                          << "x";
    QTest::newRow("too deep") << message("{\"role_id\":1,\"x\":" + QByteArray(101, '[') +
                                         QByteArray(101, ']') + "}")
                              << "invalid_json"
                              << "x";
    QTest::newRow("bad nested") << message(R"({"role_id":1,"x":[1,tru]})") << "invalid_json"
                                << "x";
    QTest::newRow("no headers") << QByteArray(R"({"logs":{"role_id":1}})") << "missing_headers"
                                << "headers";
    QTest::newRow("no app id") << QByteArray(R"({"headers":{"log_name":"a"},"logs":{}})")
                               << "missing_headers"
                               << "headers.app_id";
    QTest::newRow("app id text") << message(ok, "log_item", "\"x24\"") << "missing_headers"
                                 << "headers.app_id";
    QTest::newRow("no log name") << QByteArray(R"({"headers":{"app_id":24},"logs":{}})")
                                 << "missing_headers"
                                 << "headers.log_name";
    QTest::newRow("no logs") << QByteArray(R"({"headers":{"app_id":24,"log_name":"a"}})")
                             << "missing_logs"
                             << "logs";
    QTest::newRow("logs not object") << message("[1]") << "missing_logs"
                                     << "logs";
    QTest::newRow("unknown app") << message(ok, "log_item", "99") << "unknown_app"
                                 << "headers.app_id";
    QTest::newRow("no identity") << message(R"({"mtime":1608184243})") << "no_identity"
                                 << "role_id, device_id";
    QTest::newRow("empty identity") << message(R"({"role_id":"","mtime":1})") << "no_identity"
                                    << "role_id, device_id";
    QTest::newRow("bad time") << message(R"({"role_id":1,"mtime":"yesterday"})") << "bad_time"
                              << "mtime";
    QTest::newRow("time out of range") << message(R"({"role_id":1,"mtime":-5})") << "bad_time"
                                       << "mtime";
    QTest::newRow("object time") << message(R"({"role_id":1,"mtime":{"a":1}})") << "bad_time"
                                 << "mtime";
    QTest::newRow("no event id") << message(ok, "log_update") << "missing_event_id"
                                 << "order_id";
    QTest::newRow("bad property name") << message(R"({"role_id":1,"1abc":2})") << "ta_format"
                                       << "1abc";
    QTest::newRow("long property name")
        << message(R"({"role_id":1,"a123456789012345678901234567890123456789012345678901":2})")
        << "ta_format"
        << "a123456789012345678901234567890123456789012345678901";
    QTest::newRow("user_add text")
        << message(R"({"role_id":1,"gold":"x"})", "log_add") << "ta_format"
        << "gold";
    QTest::newRow("bad event name") << message(ok, "log-item") << "ta_format"
                                    << "headers.log_name";
    QTest::newRow("empty value") << QByteArray("   ") << "invalid_json"
                                 << "";
    QTest::newRow("snappy garbage") << QByteArray("\x01\x02\x03garbage", 10) << "payload_decode"
                                    << "";
}

void TestTransform::failures() {
    QFETCH(QByteArray, value);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const Settings settings(kMetadata);
    QVERIFY2(settings.set, qPrintable(settings.error));
    const Run run = transformOne(settings.set, value);
    QCOMPARE(run.output.outcomes.size(), size_t(1));
    const RecordOutcome& outcome = run.output.outcomes[0];
    QCOMPARE(outcome.kind, OutcomeKind::Failed);
    QCOMPARE(QString::fromLatin1(failureCodeName(outcome.code)), code);
    QCOMPARE(QString::fromStdString(outcome.field), field);
    QVERIFY(!outcome.message.empty());
    QVERIFY(outcome.stage != FailureStage::Sink);
    QVERIFY(run.output.text.empty());
    QCOMPARE(run.counters.failed, uint64_t(1));
    QCOMPARE(run.counters.failedByCode[static_cast<size_t>(outcome.code)], uint64_t(1));
}

void TestTransform::logsBeforeHeadersGivesTheSameLine() {
    // Producers write headers first, which lets the transform read everything in one pass; the
    // other order takes a second pass over `logs` and must give the same line.
    const Settings settings(kMetadata);
    const QByteArray logs = R"({"role_id":1,"mtime":1608184243,"x":[1,{"y":"z"}]})";
    const Run headersFirst = transformOne(settings.set, message(logs));
    const Run logsFirst = transformOne(
        settings.set, R"({"logs":)" + logs +
                          R"( , "extra": [1], "headers":{"log_name":"log_item","app_id":24}})");
    QCOMPARE(logsFirst.output.outcomes.size(), size_t(1));
    QVERIFY2(logsFirst.output.outcomes[0].kind == OutcomeKind::Ok,
             logsFirst.output.outcomes[0].message.c_str());
    QCOMPARE(logsFirst.output.text, headersFirst.output.text);
    // Whitespace between `logs` and the next token is not part of `properties`.
    const Run spaced =
        transformOne(settings.set, R"({"headers":{"app_id":24,"log_name":"log_item"},"logs":)" +
                                       logs + "  \n ,\"after\":true}");
    QCOMPARE(spaced.output.text, headersFirst.output.text);
    const Run twice = transformOne(
        settings.set, R"({"headers":{"app_id":24,"log_name":"a"},"logs":{"role_id":1},"logs":{}})");
    QCOMPARE(twice.output.outcomes[0].code, FailureCode::MissingLogs);
}

void TestTransform::bigNumbersUnicodeAndNestedStayByteExact() {
    const Settings settings(kMetadata);
    const QByteArray logs =
        R"({"role_id":1,"big":123456789012345678901234567890,"neg":-9007199254740993,)"
        R"("f":1.50e+10,"name":"\u4e2d文😀\"q\"","nested":{"a":[1,{"b":null}],"c":true},)"
        R"("arr":[],"obj":{},"mtime":1608184243})";
    const Run run = transformOne(settings.set, message(logs));
    QCOMPARE(run.output.outcomes[0].kind, OutcomeKind::Ok);
    const std::string line = lineText(run);
    const std::string properties = ",\"properties\":" + logs.toStdString() + "}\n";
    QVERIFY2(line.size() > properties.size() &&
                 line.compare(line.size() - properties.size(), properties.size(), properties) == 0,
             line.c_str());
}

void TestTransform::identityNumbersBecomeStringsDigitForDigit() {
    const Settings settings(kMetadata);
    const Run run = transformOne(
        settings.set,
        message(
            R"({"role_id":60013100093001234567,"device_id":"d\u00e9v","ip":"1.2.3.4","mtime":1})"));
    const std::string line = lineText(run);
    QVERIFY2(line.rfind(R"({"#account_id":"60013100093001234567","#distinct_id":"d\u00e9v",)"
                        R"("#event_name":"t_log_item","#ip":"1.2.3.4",)",
                        0) == 0,
             line.c_str());
}

void TestTransform::time_data() {
    QTest::addColumn<QByteArray>("timeSettings");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");
    const QByteArray defaults = R"({"field":"t"})";
    QTest::newRow("seconds") << defaults << QByteArray("1608184243") << "2020-12-17 13:50:43.000";
    QTest::newRow("milliseconds") << defaults << QByteArray("1608184243456")
                                  << "2020-12-17 13:50:43.456";
    QTest::newRow("fractional seconds")
        << defaults << QByteArray("1608184243.5") << "2020-12-17 13:50:43.500";
    QTest::newRow("numeric string")
        << defaults << QByteArray("\"1608184243\"") << "2020-12-17 13:50:43.000";
    QTest::newRow("local text") << defaults << QByteArray("\"2020-12-17 13:50:43\"")
                                << "2020-12-17 13:50:43.000";
    QTest::newRow("local text ms")
        << defaults << QByteArray("\"2020-12-17T13:50:43.7\"") << "2020-12-17 13:50:43.700";
    QTest::newRow("utc text") << defaults << QByteArray("\"2020-12-17T05:50:43Z\"")
                              << "2020-12-17 13:50:43.000";
    QTest::newRow("offset text") << defaults << QByteArray("\"2020-12-17 06:50:43+01:00\"")
                                 << "2020-12-17 13:50:43.000";
    QTest::newRow("seconds only") << QByteArray(R"({"field":"t","milliseconds":false})")
                                  << QByteArray("1608184243456") << "2020-12-17 13:50:43";
    QTest::newRow("utc zone") << QByteArray(R"({"field":"t","zone":"UTC"})")
                              << QByteArray("1608184243") << "2020-12-17 05:50:43.000";
    QTest::newRow("dst zone") << QByteArray(R"({"field":"t","zone":"Europe/Berlin"})")
                              << QByteArray("1593000000") << "2020-06-24 14:00:00.000";
    QTest::newRow("forced ms") << QByteArray(R"({"field":"t","unit":"milliseconds"})")
                               << QByteArray("1000") << "1970-01-01 08:00:01.000";
    QTest::newRow("leap day") << defaults << QByteArray("951782400") << "2000-02-29 08:00:00.000";
}

void TestTransform::time() {
    QFETCH(QByteArray, timeSettings);
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    const Settings settings("{\"identity\":{\"account_id\":\"r\"},\"time\":" + timeSettings + "}");
    QVERIFY2(settings.set, qPrintable(settings.error));
    const Run run = transformOne(settings.set, message("{\"r\":1,\"t\":" + value + "}"));
    QCOMPARE(run.output.outcomes.size(), size_t(1));
    QVERIFY2(run.output.outcomes[0].kind == OutcomeKind::Ok,
             run.output.outcomes[0].message.c_str());
    QCOMPARE(lineObject(run).value(QStringLiteral("#time")).toString(), expected);
}

void TestTransform::timeMissingPolicy() {
    const Settings processing(R"({"identity":{"account_id":"r"},"time":{"field":"t"}})");
    const Run run = transformOne(processing.set, message(R"({"r":1})"));
    QCOMPARE(lineObject(run).value(QStringLiteral("#time")).toString(),
             QStringLiteral("2023-11-15 06:13:20.123"));
    const Settings failing(
        R"({"identity":{"account_id":"r"},"time":{"field":"t","when_missing":"fail"}})");
    const Run failed = transformOne(failing.set, message(R"({"r":1,"t":null})"));
    QCOMPARE(failed.output.outcomes[0].code, FailureCode::BadTime);
    QCOMPARE(failed.output.outcomes[0].field, std::string("t"));
}

void TestTransform::typesAndEventNames() {
    const Settings settings(kMetadata);
    // user_add: every property must be a number, identity fields included.
    const Run add = transformOne(settings.set, message(R"({"role_id":1,"gold":5})", "log_add"));
    QCOMPARE(add.output.outcomes[0].kind, OutcomeKind::Ok);
    QCOMPARE(lineObject(add).value(QStringLiteral("#type")).toString(), QStringLiteral("user_add"));
    const Run addText =
        transformOne(settings.set, message(R"({"role_id":"r1","gold":5})", "log_add"));
    QCOMPARE(addText.output.outcomes[0].code, FailureCode::TaFormat);
    QCOMPARE(addText.output.outcomes[0].field, std::string("role_id"));
    const Run update =
        transformOne(settings.set, message(R"({"role_id":1,"order_id":77,"x":1})", "log_update"));
    QCOMPARE(update.output.outcomes[0].kind, OutcomeKind::Ok);
    const QJsonObject line = lineObject(update);
    QCOMPARE(line.value(QStringLiteral("#type")).toString(), QStringLiteral("track_update"));
    QCOMPARE(line.value(QStringLiteral("#event_id")).toString(), QStringLiteral("77"));
    const Run renamed = transformOne(settings.set, message(R"({"role_id":1})", "log_renamed"));
    QCOMPARE(lineObject(renamed).value(QStringLiteral("#event_name")).toString(),
             QStringLiteral("renamed_event"));
    QCOMPARE(lineObject(renamed).value(QStringLiteral("#type")).toString(),
             QStringLiteral("user_set"));
}

void TestTransform::uuidIsDeterministic() {
    const Settings settings(kMetadata);
    const QByteArray value = message(R"({"role_id":1})");
    const QString a = lineObject(transformOne(settings.set, value, {}, 100))
                          .value(QStringLiteral("#uuid"))
                          .toString();
    const QString b = lineObject(transformOne(settings.set, value, {}, 100))
                          .value(QStringLiteral("#uuid"))
                          .toString();
    const QString c = lineObject(transformOne(settings.set, value, {}, 101))
                          .value(QStringLiteral("#uuid"))
                          .toString();
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QVERIFY(tarules::isCanonicalUuid(a.toStdString()));
    QCOMPARE(a.at(14), QLatin1Char('8'));  // version 8
    const Settings off(R"({"identity":{"account_id":"role_id"},"uuid":false})");
    QVERIFY(!lineObject(transformOne(off.set, value)).contains(QStringLiteral("#uuid")));

    // Recovery knows the line by the #uuid the transform wrote, or by the line without one.
    QCOMPARE(EventIdentity::ofLine(lineText(transformOne(settings.set, value, {}, 100))),
             "u" + a.toStdString());
    const Run withoutUuid = transformOne(off.set, value);
    QCOMPARE(EventIdentity::ofLine(lineText(withoutUuid)).front(), 'h');
    QVERIFY(EventIdentity::ofLine(lineText(withoutUuid)) !=
            EventIdentity::ofLine(lineText(transformOne(off.set, message(R"({"role_id":2})")))));
}

void TestTransform::propertyRules() {
    const Settings settings(R"({
      "identity": {"account_id": "role_id"},
      "properties": {
        "rename": {"pid": "log_pid", "bad-name": "good_name"},
        "drop": ["mac"],
        "convert": {"role_id": "string", "amount": "number", "flag": "boolean", "obj": "string"},
      },
    })");
    QVERIFY2(settings.set, qPrintable(settings.error));
    const Run run = transformOne(
        settings.set,
        message(R"({"role_id":60013100093001234567,"pid":1608184244000008,"mac":"x",)"
                R"("amount":"12.5","flag":1,"bad-name":true,"obj":{"a":"b"},"k\"q":1})"));
    // The escaped key k"q breaks TA's name rule even though rules rewrote the rest.
    QCOMPARE(run.output.outcomes.size(), size_t(1));
    QCOMPARE(run.output.outcomes[0].code, FailureCode::TaFormat);
    QCOMPARE(run.output.outcomes[0].field, std::string("k\"q"));

    const Run keepOnly = transformOne(
        Settings(R"({"identity":{"account_id":"r"},"properties":{"keep_only":["r","b"]}})").set,
        message(R"({"a":1,"r":2,"b":[3],"c":4})"));
    QVERIFY(lineText(keepOnly).find(R"("properties":{"r":2,"b":[3]}})") != std::string::npos);

    const Run converted = transformOne(
        Settings(
            R"({"identity":{"account_id":"r"},"properties":{"rename":{"pid":"log_pid"},)"
            R"("convert":{"role_id":"string","amount":"number","flag":"boolean","obj":"string"}}})")
            .set,
        message(R"({"r":1,"role_id":60013100093001234567,"pid":16,"amount":"12.5","flag":1,)"
                R"("obj":{"a":"b"}})"));
    QVERIFY2(lineText(converted).find(
                 R"("properties":{"r":1,"role_id":"60013100093001234567","log_pid":16,)"
                 R"("amount":12.5,"flag":true,"obj":"{\"a\":\"b\"}"}})") != std::string::npos,
             lineText(converted).c_str());

    const Run bad = transformOne(
        Settings(R"({"identity":{"account_id":"r"},"properties":{"convert":{"n":"number"}}})").set,
        message(R"({"r":1,"n":"abc"})"));
    QCOMPARE(bad.output.outcomes[0].code, FailureCode::BadField);
    QCOMPARE(bad.output.outcomes[0].field, std::string("n"));
}

void TestTransform::filters_data() {
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QByteArray>("logName");
    QTest::addColumn<QByteArray>("logs");
    QTest::addColumn<QString>("rule");  // empty: kept
    const auto rule = [](const QByteArray& condition) -> QByteArray {
        return "{\"rules\":[{\"name\":\"r\",\"drop_when\":" + condition + "}]}";
    };
    const QByteArray logs = R"({"role_id":1,"server_id":9999,"level":40,"name":"x"})";
    QTest::newRow("deny") << QByteArray(R"({"log_names":{"deny":["log_item"]}})")
                          << QByteArray("log_item") << logs << "log_names.deny";
    QTest::newRow("allow other") << QByteArray(R"({"log_names":{"allow":["log_login"]}})")
                                 << QByteArray("log_item") << logs << "log_names.allow";
    QTest::newRow("allow this") << QByteArray(R"({"log_names":{"allow":["log_item"]}})")
                                << QByteArray("log_item") << logs << "";
    QTest::newRow("equals number")
        << rule(R"({"field":"server_id","equals":9999})") << QByteArray("log_item") << logs << "r";
    QTest::newRow("equals float") << rule(R"({"field":"server_id","equals":9999.0})")
                                  << QByteArray("log_item") << logs << "r";
    QTest::newRow("equals other type")
        << rule(R"({"field":"server_id","equals":"9999"})") << QByteArray("log_item") << logs << "";
    QTest::newRow("not equals") << rule(R"({"field":"name","not_equals":"x"})")
                                << QByteArray("log_item") << logs << "";
    QTest::newRow("in") << rule(R"({"field":"name","in":["y","x"]})") << QByteArray("log_item")
                        << logs << "r";
    QTest::newRow("not in missing")
        << rule(R"({"field":"zone","not_in":[1]})") << QByteArray("log_item") << logs << "r";
    QTest::newRow("exists") << rule(R"({"field":"level","exists":true})") << QByteArray("log_item")
                            << logs << "r";
    QTest::newRow("not exists") << rule(R"({"field":"level","exists":false})")
                                << QByteArray("log_item") << logs << "";
    QTest::newRow("gt") << rule(R"({"field":"level","gt":39.5})") << QByteArray("log_item") << logs
                        << "r";
    QTest::newRow("lte false") << rule(R"({"field":"level","lte":39})") << QByteArray("log_item")
                               << logs << "";
    QTest::newRow("all")
        << rule(R"({"all":[{"field":"level","gte":40},{"field":"name","equals":"x"}]})")
        << QByteArray("log_item") << logs << "r";
    QTest::newRow("all one false")
        << rule(R"({"all":[{"field":"level","gte":41},{"field":"name","equals":"x"}]})")
        << QByteArray("log_item") << logs << "";
    QTest::newRow("any")
        << rule(R"({"any":[{"field":"level","gte":41},{"field":"name","equals":"x"}]})")
        << QByteArray("log_item") << logs << "r";
    QTest::newRow("not") << rule(R"({"not":{"field":"name","equals":"x"}})")
                         << QByteArray("log_item") << logs << "";
}

void TestTransform::filters() {
    QFETCH(QByteArray, filter);
    QFETCH(QByteArray, logName);
    QFETCH(QByteArray, logs);
    QFETCH(QString, rule);
    const Settings settings(R"({"identity":{"account_id":"role_id"}})", filter);
    QVERIFY2(settings.set, qPrintable(settings.error));
    const Run run = transformOne(settings.set, message(logs, logName));
    QCOMPARE(run.output.outcomes.size(), size_t(1));
    if (rule.isEmpty()) {
        QCOMPARE(run.output.outcomes[0].kind, OutcomeKind::Ok);
        QCOMPARE(run.counters.filtered, uint64_t(0));
    } else {
        QCOMPARE(run.output.outcomes[0].kind, OutcomeKind::Filtered);
        QCOMPARE(QString::fromStdString(run.output.outcomes[0].rule), rule);
        QCOMPARE(run.counters.filteredByRule.at(rule.toStdString()), uint64_t(1));
        QVERIFY(run.output.text.empty());
    }
}

void TestTransform::snappyPayloadHoldsSeveralEvents() {
    const Settings settings(kMetadata);
    const std::string records = message(R"({"role_id":1})").toStdString() + "\n" +
                                message(R"({"role_id":2})").toStdString() + "\r\n\n" +
                                message(R"({"mtime":1})").toStdString() + "\n";
    std::string compressed;
    snappy::Compress(records.data(), records.size(), &compressed);
    for (const PayloadCodec codec : {PayloadCodec::Snappy, PayloadCodec::Auto}) {
        TransformerOptions options;
        options.payloadCodec = codec;
        const Run run = transformOne(settings.set, QByteArray::fromStdString(compressed), options);
        QCOMPARE(run.output.outcomes.size(), size_t(3));
        QCOMPARE(run.output.outcomes[0].kind, OutcomeKind::Ok);
        QCOMPARE(run.output.outcomes[1].kind, OutcomeKind::Ok);
        QCOMPARE(run.output.outcomes[2].code, FailureCode::NoIdentity);
        QCOMPARE(run.output.outcomes[2].index, 2u);
        QVERIFY(lineObject(run, 0).value(QStringLiteral("#uuid")) !=
                lineObject(run, 1).value(QStringLiteral("#uuid")));
    }
    // The framing format and snappy-java carry the same records, split across chunks/blocks.
    const std::string first = message(R"({"role_id":1})").toStdString() + "\n";
    const std::string second = message(R"({"role_id":2})").toStdString() + "\n";
    const QByteArray framed = test::Frame().compressed(first).uncompressed(second).bytes();
    const QByteArray xerial = test::Xerial().block(first).block(second).bytes();
    for (const QByteArray& payload : {framed, xerial}) {
        const Run run = transformOne(settings.set, payload);
        QCOMPARE(run.output.outcomes.size(), size_t(2));
        QCOMPARE(run.output.outcomes[1].kind, OutcomeKind::Ok);
        QCOMPARE(lineObject(run, 1).value(QStringLiteral("#account_id")).toString(),
                 QStringLiteral("2"));
    }
    const QByteArray corrupt = test::Frame().withBadCrc(0x00, first).bytes();
    QCOMPARE(transformOne(settings.set, corrupt).output.outcomes[0].code,
             FailureCode::PayloadDecode);

    TransformerOptions none;
    none.payloadCodec = PayloadCodec::None;
    const Run plain = transformOne(settings.set, QByteArray::fromStdString(compressed), none);
    QCOMPARE(plain.output.outcomes[0].code, FailureCode::InvalidJson);
}

void TestTransform::taCheckWarnWritesAndCounts() {
    const Settings settings(R"({"identity":{"account_id":"r"},"ta_check":"warn"})");
    const Run run = transformOne(settings.set, message(R"({"r":1,"1bad":2,"2bad":3})"));
    QCOMPARE(run.output.outcomes[0].kind, OutcomeKind::Ok);
    QCOMPARE(run.output.outcomes[0].rule, std::string("property_name"));
    QCOMPARE(run.counters.taWarningsByRule.at("property_name"), uint64_t(2));
    QVERIFY(lineText(run).find("\"1bad\":2") != std::string::npos);
}

void TestTransform::settingsErrors_data() {
    QTest::addColumn<QByteArray>("metadata");
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key")
        << QByteArray("{\n  \"identity\": {\"account_id\": \"r\"},\n  \"evnet_name\": {}\n}")
        << QByteArray() << "metadata.24.json:3:3: \"evnet_name\": unknown key";
    QTest::newRow("nested unknown key")
        << QByteArray("{\"identity\": {\"account_id\": \"r\",\n \"acount\": 1}}") << QByteArray()
        << "metadata.24.json:2:2: \"identity.acount\": unknown key";
    QTest::newRow("wrong type")
        << QByteArray("{\"identity\": {\"account_id\": 5}}") << QByteArray()
        << "metadata.24.json:1:15: \"identity.account_id\": expected a non-empty string";
    QTest::newRow("no identity") << QByteArray("{}") << QByteArray()
                                 << "metadata.24.json:1:1: \"identity\" is required";
    QTest::newRow("bad zone")
        << QByteArray(R"({"identity":{"account_id":"r"},"time":{"zone":"Mars/Base"}})")
        << QByteArray() << "unknown time zone \"Mars/Base\"";
    QTest::newRow("bad type")
        << QByteArray(R"({"identity":{"account_id":"r"},"logs":{"a":{"type":"tracks"}}})")
        << QByteArray() << "\"tracks\" is not a TA type";
    QTest::newRow("update without id")
        << QByteArray(R"({"identity":{"account_id":"r"},"logs":{"a":{"type":"track_update"}}})")
        << QByteArray() << "needs \"event_id\"";
    QTest::newRow("syntax") << QByteArray("{\"identity\": {\"account_id\": \"r\"}\n\"x\": 1}")
                            << QByteArray() << "metadata.24.json:2:";
    QTest::newRow("filter unknown op")
        << QByteArray(R"({"identity":{"account_id":"r"}})")
        << QByteArray(
               "{\"rules\": [{\"name\": \"a\", \"drop_when\": {\"field\": \"x\", \"like\": 1}}]}")
        << "filter.24.json:1:54: \"rules.0.drop_when.like\": unknown key";
    // A key is escaped the same way in every message about it (RFC 6901: '/' as "~1").
    QTest::newRow("filter unknown op with a slash")
        << QByteArray(R"({"identity":{"account_id":"r"}})")
        << QByteArray(
               "{\"rules\": [{\"name\": \"a\", \"drop_when\": {\"field\": \"x\", \"a/b\": "
               "\"1\"}}]}")
        << "filter.24.json:1:54: \"rules.0.drop_when.a~1b\": expected a number";
    QTest::newRow("rule without name")
        << QByteArray(R"({"identity":{"account_id":"r"}})")
        << QByteArray(R"({"rules":[{"drop_when":{"field":"x","exists":true}}]})")
        << "a rule needs a \"name\"";
    QTest::newRow("duplicate rule")
        << QByteArray(R"({"identity":{"account_id":"r"}})")
        << QByteArray(R"({"rules":[{"name":"a","drop_when":{"field":"x","exists":true}},)"
                      R"({"name":"a","drop_when":{"field":"y","exists":true}}]})")
        << "another rule is already named \"a\"";
    QTest::newRow("gt needs number")
        << QByteArray(R"({"identity":{"account_id":"r"}})")
        << QByteArray(R"({"rules":[{"name":"a","drop_when":{"field":"x","gt":"1"}}]})")
        << "\"rules.0.drop_when.gt\": expected a number";
}

void TestTransform::settingsErrors() {
    QFETCH(QByteArray, metadata);
    QFETCH(QByteArray, filter);
    QFETCH(QString, expected);
    const Settings settings(metadata, filter);
    QVERIFY(!settings.set);
    QVERIFY2(settings.error.contains(expected), qPrintable(settings.error));
}

void TestTransform::originalFileNamesAreAccepted() {
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(QStringLiteral("mthinkingdata:metadata.24.json")),
                      R"({"identity":{"account_id":"r"}})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("mthinkingdata:filter.24.json")),
                      R"({"log_names":{"deny":["x"]}})"));
    auto loaded = SettingsSet::loadFolder(dir.path());
    QVERIFY(loaded.ok());
    QVERIFY(loaded.value()->app(24));
    QVERIFY(loaded.value()->app(24)->denyLogNames.count("x"));

    QVERIFY(writeFile(dir.filePath(QStringLiteral("metadata.24.json")), "{}"));
    auto ambiguous = SettingsSet::loadFolder(dir.path());
    QVERIFY(!ambiguous.ok());
    QVERIFY(ambiguous.error().message.contains(QLatin1String("keep one")));

    QTemporaryDir orphan;
    QVERIFY(writeFile(orphan.filePath(QStringLiteral("filter.7.json")), "{}"));
    auto noMetadata = SettingsSet::loadFolder(orphan.path());
    QVERIFY(!noMetadata.ok());
    QVERIFY(noMetadata.error().message.contains(QLatin1String("no metadata file")));
    QVERIFY(!SettingsSet::loadFolder(orphan.filePath(QStringLiteral("missing"))).ok());
}

void TestTransform::reloadKeepsOldSettingsOnError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("metadata.24.json"));
    QVERIFY(writeFile(path, R"({"identity":{"account_id":"r"},"event_name":{"prefix":"a_"}})"));
    SettingsRegistry registry(dir.path());
    QVERIFY(registry.reload().ok());
    QCOMPARE(registry.generation(), uint64_t(1));
    const auto first = registry.current();

    QVERIFY(writeFile(path, R"({"identity":{"account_id":"r"},"event_name":{"prefx":"b_"}})"));
    const Result<void> broken = registry.reload();
    QVERIFY(!broken.ok());
    QVERIFY(broken.error().message.contains(QLatin1String("prefx")));
    QCOMPARE(registry.current(), first);
    QCOMPARE(registry.generation(), uint64_t(1));

    QVERIFY(writeFile(path, R"({"identity":{"account_id":"r"},"event_name":{"prefix":"b_"}})"));
    QVERIFY(registry.reload().ok());
    QCOMPARE(registry.generation(), uint64_t(2));
    Transformer transformer(first);
    transformer.setSettings(registry.current());
    TransformOutput out;
    const QByteArray value = message(R"({"r":1})");
    transformer.transform({"t", 0, 0}, std::string_view(value.constData(), size_t(value.size())),
                          kNow, out);
    QVERIFY(out.text.find("\"#event_name\":\"b_log_item\"") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestTransform)
#include "tst_transform.moc"
