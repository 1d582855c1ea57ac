// `mtga transform` as operators run it: the real binary, real files, golden output.

#include "tests/support/processrunner.h"
#include "tests/support/snappystreams.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runTransform(const QStringList& arguments, const QByteArray& input) {
    QProcess process;
    process.start(QStringLiteral(MTGA_BINARY),
                  QStringList{QStringLiteral("transform")} + arguments);
    CliRun run;
    if (!process.waitForStarted(10'000)) {
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished(5000);
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestTransformCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sampleGivesGoldenLine();
    void reportsDropsAndFailuresOnStderr();
    void payloadFileWithSnappy();
    void badSettingsExitTwoWithLocation();
};

void TestTransformCli::sampleGivesGoldenLine() {
    const CliRun run = runTransform(
        {QStringLiteral("--settings"), QStringLiteral(MTGA_SOURCE_DIR "/resources/settings"),
         QStringLiteral("--partition"), QStringLiteral("3"), QStringLiteral("--offset"),
         QStringLiteral("6197511494")},
        readFile(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.input.json")));
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, readFile(QStringLiteral(MTGA_TEST_DATA_DIR "/log_item.expected.json")));
    QVERIFY(run.err.contains("transform: 1 message(s), 1 event(s) written, 0 filtered, 0 failed"));
}

void TestTransformCli::reportsDropsAndFailuresOnStderr() {
    const QByteArray input =
        R"({"headers":{"app_id":24,"log_name":"log_item"},"logs":{"role_id":7,"mtime":1608184243}})"
        "\n"
        R"({"headers":{"app_id":24,"log_name":"log_debug"},"logs":{"role_id":7}})"
        "\n"
        R"({"headers":{"app_id":24,"log_name":"log_item"},"logs":{"role_id":7,"is_internal":1}})"
        "\r\n"
        R"({"headers":{"app_id":99,"log_name":"log_item"},"logs":{"role_id":7}})"
        "\n"
        "{not json\n";
    const CliRun run = runTransform(
        {QStringLiteral("--settings"), QStringLiteral(MTGA_SOURCE_DIR "/resources/settings"),
         QStringLiteral("--offset"), QStringLiteral("100")},
        input);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.count('\n'), 1);
    QVERIFY(run.out.startsWith(R"({"#account_id":"7","#event_name":"t_log_item")"));

    QList<QJsonObject> reports;
    for (const QByteArray& line : run.err.split('\n')) {
        if (line.startsWith('{')) {
            reports << QJsonDocument::fromJson(line).object();
        }
    }
    QCOMPARE(reports.size(), 4);
    QCOMPARE(reports[0].value(QStringLiteral("outcome")).toString(), QStringLiteral("filtered"));
    QCOMPARE(reports[0].value(QStringLiteral("rule")).toString(), QStringLiteral("log_names.deny"));
    QCOMPARE(reports[0].value(QStringLiteral("input_line")).toInt(), 2);
    QCOMPARE(reports[0].value(QStringLiteral("offset")).toInt(), 101);
    QCOMPARE(reports[1].value(QStringLiteral("rule")).toString(),
             QStringLiteral("internal_accounts"));
    QCOMPARE(reports[2].value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
    QCOMPARE(reports[2].value(QStringLiteral("code")).toString(), QStringLiteral("unknown_app"));
    QCOMPARE(reports[2].value(QStringLiteral("field")).toString(),
             QStringLiteral("headers.app_id"));
    QCOMPARE(reports[3].value(QStringLiteral("code")).toString(), QStringLiteral("invalid_json"));
    QVERIFY(run.err.contains("transform: 5 message(s), 1 event(s) written, 2 filtered, 2 failed"));
    QVERIFY(run.err.contains("filtered by internal_accounts: 1"));
    QVERIFY(run.err.contains("failed with unknown_app: 1"));
}

void TestTransformCli::payloadFileWithSnappy() {
    QTemporaryDir dir;
    const std::string records =
        R"({"headers":{"app_id":24,"log_name":"log_item"},"logs":{"role_id":1}})"
        "\n"
        R"({"headers":{"app_id":24,"log_name":"log_login"},"logs":{"role_id":2}})"
        "\n";
    QFile payload(dir.filePath(QStringLiteral("payload.bin")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write(mtga::test::Frame().compressed(records).bytes());
    payload.close();
    const CliRun run = runTransform(
        {QStringLiteral("--settings"), QStringLiteral(MTGA_SOURCE_DIR "/resources/settings"),
         QStringLiteral("--payload-codec"), QStringLiteral("snappy"),
         QStringLiteral("--payload-file"), payload.fileName(), QStringLiteral("--now"),
         QStringLiteral("1608184243000")},
        {});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[1].contains(R"("#event_name":"t_log_login")"));
    QVERIFY(lines[1].contains(R"("#time":"2020-12-17 13:50:43.000")"));
}

void TestTransformCli::badSettingsExitTwoWithLocation() {
    QTemporaryDir dir;
    QFile metadata(dir.filePath(QStringLiteral("metadata.24.json")));
    QVERIFY(metadata.open(QIODevice::WriteOnly));
    metadata.write(
        "{\n  // app 24\n  \"identity\": {\"account_id\": \"role_id\"},\n  \"uuid\": "
        "\"yes\",\n}\n");
    metadata.close();
    const CliRun run = runTransform({QStringLiteral("--settings"), dir.path()}, "{}\n");
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("metadata.24.json:4:3: \"uuid\": expected true or false"),
             run.err.constData());
    QVERIFY(run.out.isEmpty());
    const CliRun codec = runTransform({QStringLiteral("--settings"), dir.path(),
                                       QStringLiteral("--payload-codec"), QStringLiteral("lz4")},
                                      {});
    QCOMPARE(codec.exitCode, 2);
    QVERIFY(codec.err.contains("--payload-codec must be none, snappy or auto"));
}

QTEST_GUILESS_MAIN(TestTransformCli)
#include "tst_transformcli.moc"
