// The values that cross the control socket (shared/values/): each reads back what it writes,
// every key is required and a missing or mistyped one is named by its path, so a key renamed on
// one side (the worker's toJson or a client's fromJson) fails here; and the examples and field
// tables of docs/protocol.md are exactly what the code writes, which pins the wire format.

#include "shared/values/helloreply.h"
#include "shared/values/kafkalag.h"
#include "shared/values/partitionrow.h"
#include "shared/values/workerstatus.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

#include <functional>

using namespace mtga;

namespace {

// fromJson as a function of a value's JSON, for the checks every value shares: the error
// message, empty when it read.
using Reader = std::function<QString(const QJsonObject&)>;

template <typename T>
Reader readerOf() {
    return [](const QJsonObject& json) {
        const auto value = T::fromJson(json);
        return value ? QString() : value.error().message;
    };
}

QJsonObject parse(const QByteArray& text) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        qWarning("not JSON: %s in %s", qPrintable(error.errorString()), text.constData());
    }
    return document.object();
}

// Every key of `json` by path ("status.counts.written", "status.self_check[0].ok"), objects and
// arrays included; arrays by their first element.
void collectPaths(const QJsonValue& value, const QString& path, QStringList& paths) {
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString child = path + QLatin1Char('.') + it.key();
            paths << child;
            collectPaths(it.value(), child, paths);
        }
    } else if (value.isArray() && !value.toArray().isEmpty()) {
        collectPaths(value.toArray().first(), path + QStringLiteral("[0]"), paths);
    }
}

// `json` with the value at `path` (below `root`) changed by `edit` (which gets the parent object
// and the key).
QJsonValue edited(const QJsonValue& value, QStringList steps,
                  const std::function<void(QJsonObject&, const QString&)>& edit) {
    QString step = steps.takeFirst();
    if (step.endsWith(QLatin1String("[0]"))) {
        step.chop(3);
        QJsonObject object = value.toObject();
        QJsonArray array = object.value(step).toArray();
        array[0] = edited(array[0], steps, edit);
        object.insert(step, array);
        return object;
    }
    QJsonObject object = value.toObject();
    if (steps.isEmpty()) {
        edit(object, step);
    } else {
        object.insert(step, edited(object.value(step), steps, edit));
    }
    return object;
}

QJsonObject editedAt(const QJsonObject& json, const QString& path,
                     const std::function<void(QJsonObject&, const QString&)>& edit) {
    QStringList steps = path.split(QLatin1Char('.'));
    steps.removeFirst();  // the root's name
    // "self_check[0].ok" splits into "self_check[0]", "ok": an array step then a key.
    return edited(json, steps, edit).toObject();
}

// Every key missing, renamed or of another type makes `read` fail and name the key.
void checkEveryKeyIsRequired(const QJsonObject& sample, const QString& root, const Reader& read) {
    QVERIFY2(read(sample).isEmpty(), qPrintable(read(sample)));
    QStringList paths;
    collectPaths(sample, root, paths);
    QVERIFY(!paths.isEmpty());
    for (const QString& path : paths) {
        const QString missing =
            read(editedAt(sample, path, [](QJsonObject& o, const QString& k) { o.remove(k); }));
        QVERIFY2(missing == path + QStringLiteral(" is missing"),
                 qPrintable(path + QStringLiteral(" removed: ") + missing));
        const QString renamed = read(editedAt(sample, path, [](QJsonObject& o, const QString& k) {
            o.insert(k + QStringLiteral("_renamed"), o.value(k));
            o.remove(k);
        }));
        QVERIFY2(renamed.contains(path), qPrintable(path + QStringLiteral(" renamed: ") + renamed));
        // An object is never a string, an integer or an array; a string never an object.
        const QString mistyped = read(editedAt(sample, path, [](QJsonObject& o, const QString& k) {
            o.insert(k, o.value(k).isObject() ? QJsonValue(QStringLiteral("x"))
                                              : QJsonValue(QJsonObject()));
        }));
        QVERIFY2(mistyped.startsWith(path + QStringLiteral(" must be ")),
                 qPrintable(path + QStringLiteral(" mistyped: ") + mistyped));
    }
}

QString protocolDoc() {
    QFile file(QStringLiteral(MTGA_SOURCE_DIR "/docs/protocol.md"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The part of protocol.md from `heading` to the next heading of any level.
QString docSection(const QString& heading) {
    const QString doc = protocolDoc();
    const qsizetype start = doc.indexOf(heading);
    if (start < 0) {
        return {};
    }
    const qsizetype end = doc.indexOf(QLatin1String("\n#"), start + heading.size());
    return doc.mid(start, end < 0 ? -1 : end - start);
}

// The first ```json block of a section, without its fences.
QByteArray jsonExample(const QString& section) {
    const qsizetype start = section.indexOf(QLatin1String("```json\n"));
    const qsizetype end = section.indexOf(QLatin1String("```"), start + 8);
    return start < 0 || end < 0 ? QByteArray() : section.mid(start + 8, end - start - 8).toUtf8();
}

// The keys a field table names in its first column ("`low`, `high`" names two).
QStringList documentedFields(const QString& section) {
    static const QRegularExpression kRow(QStringLiteral(R"(^\| ([^|]+) \|)"),
                                         QRegularExpression::MultilineOption);
    static const QRegularExpression kName(QStringLiteral("`([a-z_.]+)`"));
    QStringList fields;
    for (const auto& row : kRow.globalMatch(section)) {
        for (const auto& name : kName.globalMatch(row.captured(1))) {
            fields << name.captured(1);
        }
    }
    fields.sort();
    return fields;
}

// The keys a value writes, as the field tables name them: nested objects' keys as
// "counts.messages", arrays of objects by their own name only.
QStringList writtenFields(const QJsonObject& json) {
    QStringList fields;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.value().isObject()) {
            const QJsonObject inner = it.value().toObject();
            for (auto in = inner.begin(); in != inner.end(); ++in) {
                fields << it.key() + QLatin1Char('.') + in.key();
            }
        } else {
            fields << it.key();
        }
    }
    fields.sort();
    return fields;
}

WorkerStatus sampleStatus() {
    WorkerStatus status;
    status.state = WorkerStatus::kBlocked;
    status.version = QStringLiteral("0.1.0");
    status.pid = 123;
    status.uptimeSeconds = 42;
    status.config = QStringLiteral("/etc/mtga/mtga.yml");
    status.counts = {1, 2, 3, 4, 5, 6, 7, {}};
    status.failureQueue = 8;
    status.transientFailures = 9;
    status.partitions = 10;
    status.lag = 263;
    status.lagSeconds = 3725.4;
    status.lastError = QStringLiteral("disk full");
    status.selfCheck = {{QStringLiteral("store"), false, QStringLiteral("short file")}};
    return status;
}

}  // namespace

Q_DECLARE_METATYPE(mtga::WorkerStatus)
Q_DECLARE_METATYPE(mtga::OffsetsReply)
Q_DECLARE_METATYPE(mtga::HelloReply)

class TestValues : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void workerStatusRoundTrips_data();
    void workerStatusRoundTrips();
    void workerStatusKeepsNewerKeys();
    void offsetsRoundTrip_data();
    void offsetsRoundTrip();
    void kafkaLagSumsTheOffsets();
    void helloRoundTrips_data();
    void helloRoundTrips();
    void everyKeyIsRequired();
    void wrongValuesAreNamed_data();
    void wrongValuesAreNamed();
    void lagOf_data();
    void lagOf();
    void protocolDocIsTheWireFormat();
};

void TestValues::workerStatusRoundTrips_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<WorkerStatus>("status");

    WorkerStatus empty;
    QTest::newRow("zeros")
        << QByteArray(R"({"config":"","counts":{"bytes_written":0,"checkpoints":0,"failed":0,
            "filtered":0,"messages":0,"skipped_on_recovery":0,"written":0},"failure_queue":0,
            "health":"ok","lag":null,"lag_seconds":null,"eta_seconds":null,"last_error":"",
            "partitions":0,"pid":0,"self_check":[],"state":"","transient_failures":0,
            "uptime_s":0,"version":""})")
        << empty;
    QTest::newRow("every field")
        << QByteArray(R"({"config":"/etc/mtga/mtga.yml","counts":{"bytes_written":7,
            "checkpoints":6,"failed":4,"filtered":3,"messages":1,"skipped_on_recovery":5,
            "written":2},"failure_queue":8,"health":"ok","lag":263,"lag_seconds":3725.4,
            "eta_seconds":null,"last_error":"disk full",
            "partitions":10,"pid":123,
            "self_check":[{"check":"store","detail":"short file","ok":false}],"state":"blocked",
            "transient_failures":9,"uptime_s":42,"version":"0.1.0"})")
        << sampleStatus();
    WorkerStatus big = sampleStatus();
    big.counts.bytesWritten = qint64{9007199254740991};  // 2^53 - 1: still exact in JSON
    big.selfCheck.push_back({QStringLiteral("名"), true, QString()});
    QTest::newRow("largest exact count, UTF-8")
        << QByteArray(R"({"config":"/etc/mtga/mtga.yml","counts":{"bytes_written":9007199254740991,
            "checkpoints":6,"failed":4,"filtered":3,"messages":1,"skipped_on_recovery":5,
            "written":2},"failure_queue":8,"health":"ok","lag":263,"lag_seconds":3725.4,
            "eta_seconds":null,"last_error":"disk full",
            "partitions":10,"pid":123,
            "self_check":[{"check":"store","detail":"short file","ok":false},
            {"check":"名","detail":"","ok":true}],"state":"blocked",
            "transient_failures":9,"uptime_s":42,"version":"0.1.0"})")
        << big;
}

void TestValues::workerStatusRoundTrips() {
    QFETCH(QByteArray, json);
    QFETCH(WorkerStatus, status);
    const QJsonObject wire = parse(json);
    QCOMPARE(status.toJson(), wire);
    const auto read = WorkerStatus::fromJson(wire);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(read.value(), status);
    // Byte for byte as today's worker writes it: compact, keys sorted.
    QCOMPARE(QJsonDocument(status.toJson()).toJson(QJsonDocument::Compact),
             QJsonDocument(wire).toJson(QJsonDocument::Compact));
}

void TestValues::workerStatusKeepsNewerKeys() {
    QJsonObject wire = sampleStatus().toJson();
    wire.insert(QStringLiteral("lag_health"), QStringLiteral("ok"));
    QJsonObject counts = wire.value(QLatin1String("counts")).toObject();
    counts.insert(QStringLiteral("replayed"), 3);
    wire.insert(QStringLiteral("counts"), counts);
    const auto read = WorkerStatus::fromJson(wire);
    QVERIFY(read);
    QCOMPARE(read->extra, (QJsonObject{{QStringLiteral("lag_health"), QStringLiteral("ok")}}));
    QCOMPARE(read->counts.extra, (QJsonObject{{QStringLiteral("replayed"), 3}}));
    QCOMPARE(read->toJson(), wire);  // an older client passes them on unchanged
}

void TestValues::offsetsRoundTrip_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<OffsetsReply>("offsets");

    QTest::newRow("none") << QByteArray(R"({"partitions":[]})") << OffsetsReply{};
    OffsetsReply two;
    two.partitions = {PartitionRow::of(QStringLiteral("mulog_clean_24"), 0, 0, 5210, 5100, 5000),
                      PartitionRow::of(QStringLiteral("mulog_clean_24"), 1, -1, -1, -1, -1)};
    QTest::newRow("known and unknown")
        << QByteArray(R"({"partitions":[{"checkpointed":5000,"current":5100,"high":5210,"lag":110,
            "low":0,"partition":0,"topic":"mulog_clean_24","lag_seconds":null,
            "consume_rate":null,"produce_rate":null,"eta_seconds":null,"health":"ok",
            "health_since_ms":0,"lost":0},{"checkpointed":-1,"current":-1,
            "high":-1,"lag":null,"low":-1,"partition":1,"topic":"mulog_clean_24",
            "lag_seconds":null,"consume_rate":null,"produce_rate":null,"eta_seconds":null,
            "health":"ok","health_since_ms":0,"lost":0}]})")
        << two;
    OffsetsReply judged;
    judged.partitions = {PartitionRow::of(QStringLiteral("t"), 3, 100, 900, 400, 380)};
    PartitionRow& row = judged.partitions.front();
    row.lagSeconds = 12.345;
    row.consumeRate = 250.5;
    row.produceRate = 0.0;
    row.etaSeconds = 2;
    row.health = QStringLiteral("data_loss");
    row.healthSinceMs = 1764000000123;
    row.lost = 17;
    QTest::newRow("judged")
        << QByteArray(R"({"partitions":[{"checkpointed":380,"current":400,"high":900,"lag":500,
            "low":100,"partition":3,"topic":"t","lag_seconds":12.345,"consume_rate":250.5,
            "produce_rate":0,"eta_seconds":2,"health":"data_loss",
            "health_since_ms":1764000000123,"lost":17}]})")
        << judged;
}

void TestValues::offsetsRoundTrip() {
    QFETCH(QByteArray, json);
    QFETCH(OffsetsReply, offsets);
    const QJsonObject wire = parse(json);
    QCOMPARE(offsets.toJson(), wire);
    const auto read = OffsetsReply::fromJson(wire);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(read.value(), offsets);
}

void TestValues::kafkaLagSumsTheOffsets() {
    QCOMPARE(mtga::KafkaLag::of(OffsetsReply{}), (mtga::KafkaLag{0, 0, 0}));
    OffsetsReply three;
    three.partitions = {PartitionRow::of(QStringLiteral("a"), 0, 0, 5210, 5100, 5000),
                        PartitionRow::of(QStringLiteral("a"), 1, -1, -1, -1, -1),
                        PartitionRow::of(QStringLiteral("b"), 0, 0, 10, 3, 3)};
    const mtga::KafkaLag lag = mtga::KafkaLag::of(three);
    QCOMPARE(lag, (mtga::KafkaLag{117, 3, 1}));
    const QJsonObject wire = parse(R"({"lag":117,"partitions":3,"unknown":1})");
    QCOMPARE(lag.toJson(), wire);
    const auto read = mtga::KafkaLag::fromJson(wire);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(read.value(), lag);
    checkEveryKeyIsRequired(wire, QStringLiteral("kafka_lag"), readerOf<mtga::KafkaLag>());
}

void TestValues::helloRoundTrips_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<HelloReply>("hello");

    HelloReply hello{1,
                     QStringLiteral("mtga"),
                     QStringLiteral("0.1.0"),
                     4242,
                     QStringList{QStringLiteral("hello"), QStringLiteral("status")},
                     false};
    QTest::newRow("reader")
        << QByteArray(R"({"admin":false,"commands":["hello","status"],"pid":4242,"protocol":1,
            "server":"mtga","version":"0.1.0"})")
        << hello;
    hello.admin = true;
    hello.commands.clear();
    QTest::newRow("admin, no commands")
        << QByteArray(R"({"admin":true,"commands":[],"pid":4242,"protocol":1,"server":"mtga",
            "version":"0.1.0"})")
        << hello;
}

void TestValues::helloRoundTrips() {
    QFETCH(QByteArray, json);
    QFETCH(HelloReply, hello);
    const QJsonObject wire = parse(json);
    QCOMPARE(hello.toJson(), wire);
    const auto read = HelloReply::fromJson(wire);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    QCOMPARE(read.value(), hello);
}

void TestValues::everyKeyIsRequired() {
    checkEveryKeyIsRequired(sampleStatus().toJson(), QStringLiteral("status"),
                            readerOf<WorkerStatus>());
    OffsetsReply offsets;
    offsets.partitions = {PartitionRow::of(QStringLiteral("t"), 0, 0, 10, 5, 5)};
    checkEveryKeyIsRequired(offsets.toJson(), QStringLiteral("offsets"), readerOf<OffsetsReply>());
    const HelloReply hello{1,
                           QStringLiteral("mtga"),
                           QStringLiteral("0.1.0"),
                           1,
                           QStringList{QStringLiteral("hello")},
                           true};
    checkEveryKeyIsRequired(hello.toJson(), QStringLiteral("hello"), readerOf<HelloReply>());
}

void TestValues::wrongValuesAreNamed_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    const QByteArray row = R"("checkpointed":1,"current":1,"high":1,"low":0,"topic":"t",)"
                           R"("lag_seconds":0,"consume_rate":null,"produce_rate":null,)"
                           R"("eta_seconds":0,"health":"ok","health_since_ms":0,"lost":0)";
    QTest::newRow("fractional offset")
        << QByteArray(R"({"partitions":[{"partition":0,"lag":0.5,)" + row + "}]}")
        << QStringLiteral("offsets.partitions[0].lag must be an integer or null, not 0.5");
    QTest::newRow("partition beyond 32 bits")
        << QByteArray(R"({"partitions":[{"partition":4294967296,"lag":0,)" + row + "}]}")
        << QStringLiteral(
               "offsets.partitions[0].partition must be a 32-bit integer, not "
               "4294967296");
    QTest::newRow("a row that is no object")
        << QByteArray(R"({"partitions":[7]})")
        << QStringLiteral("offsets.partitions[0] must be an object, not 7");
    QTest::newRow("the second row")
        << QByteArray(R"({"partitions":[{"partition":0,"lag":0,)" + row +
                      R"(},{"partition":"1","lag":0,)" + row + "}]}")
        << QStringLiteral("offsets.partitions[1].partition must be a 32-bit integer, not string");
}

void TestValues::wrongValuesAreNamed() {
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const auto read = OffsetsReply::fromJson(parse(json));
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::BadReply);
    QCOMPARE(read.error().message, error);
}

void TestValues::lagOf_data() {
    QTest::addColumn<qint64>("high");
    QTest::addColumn<qint64>("current");
    QTest::addColumn<qint64>("lag");  // -1: none

    QTest::newRow("behind") << qint64{5210} << qint64{5100} << qint64{110};
    QTest::newRow("caught up") << qint64{10} << qint64{10} << qint64{0};
    QTest::newRow("never negative") << qint64{10} << qint64{12} << qint64{0};
    QTest::newRow("high unknown") << qint64{-1} << qint64{12} << qint64{-1};
    QTest::newRow("current unknown") << qint64{10} << qint64{-1} << qint64{-1};
}

void TestValues::lagOf() {
    QFETCH(qint64, high);
    QFETCH(qint64, current);
    QFETCH(qint64, lag);
    QCOMPARE(PartitionRow::lagOf(high, current).value_or(-1), lag);
}

void TestValues::protocolDocIsTheWireFormat() {
    // The examples read as the values, with no key the values do not know...
    const QString statusSection = docSection(QStringLiteral("### `status` (read)"));
    const auto status = WorkerStatus::fromJson(parse(jsonExample(statusSection)));
    QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
    QVERIFY(status->extra.isEmpty() && status->counts.extra.isEmpty());
    QCOMPARE(status->toJson(), parse(jsonExample(statusSection)));

    const QString offsetsSection = docSection(QStringLiteral("### `offsets` (read)"));
    const auto offsets = OffsetsReply::fromJson(parse(jsonExample(offsetsSection)));
    QVERIFY2(offsets, qPrintable(offsets ? QString() : offsets.error().message));
    QVERIFY(!offsets->partitions.empty());
    QCOMPARE(offsets->toJson(), parse(jsonExample(offsetsSection)));

    // (hello's block is a request line, then the reply)
    const QByteArray helloBlock =
        jsonExample(docSection(QStringLiteral("## `hello` and versioning")));
    const QJsonObject helloReply = parse(helloBlock.mid(helloBlock.indexOf('\n') + 1))
                                       .value(QLatin1String("result"))
                                       .toObject();
    const auto hello = HelloReply::fromJson(helloReply);
    QVERIFY2(hello, qPrintable(hello ? QString() : hello.error().message));
    QCOMPARE(hello->toJson(), helloReply);

    // ... and the field tables name every key the values write, and no other.
    QCOMPARE(documentedFields(statusSection), writtenFields(sampleStatus().toJson()));
    QStringList offsetFields = writtenFields(offsets->partitions.front().toJson());
    offsetFields << QStringLiteral("partitions");
    offsetFields.sort();
    QCOMPARE(documentedFields(offsetsSection), offsetFields);
}

QTEST_GUILESS_MAIN(TestValues)
#include "tests/support/qtestprinters.h"
#include "tst_values.moc"
