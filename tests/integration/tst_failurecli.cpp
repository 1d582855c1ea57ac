// `mtga failure_queue_count`, `mtga clear_failure_queue` and `mtga failures list` as the real
// binary, against a ControlServer in this process with fixed answers: the output byte for byte
// against the golden files in tests/data/cli/ (the number, the table by reason, the list's
// table and JSON lines), the pages the list asks for, the filters it sends, and a clear without
// --yes on a standard input that is not a terminal, which asks nothing and removes nothing.

#include "shared/values/failurequeue.h"
#include "tests/support/controltest.h"
#include "tests/support/goldenfile.h"
#include "worker/control/controlserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using mtga::ControlServer;
using mtga::Error;
using mtga::ErrorCode;
using mtga::FailureCounts;
using mtga::FailurePage;
using mtga::FailureRecord;
using mtga::Result;
using namespace mtga::test;

namespace {

constexpr qint64 kPageSize = 2;  // what the fake worker serves at most, so that the CLI pages

FailureCounts sampleCounts() {
    FailureCounts counts;
    counts.total = 7;
    counts.byReason = {{QStringLiteral("bad_time"), 2},
                       {QStringLiteral("invalid_json"), 4},
                       {QStringLiteral("unknown_app"), 1}};
    return counts;
}

std::vector<FailureRecord> sampleEntries() {
    const auto record = [](const char* topic, int partition, qint64 offset, const char* stage,
                           const char* reason, const QString& message, qint64 attempts,
                           qint64 firstMs, QByteArray payload) {
        FailureRecord entry;
        entry.topic = QString::fromLatin1(topic);
        entry.partition = partition;
        entry.offset = offset;
        entry.appId = 24;
        entry.logName = QStringLiteral("log_login");
        entry.stage = QString::fromLatin1(stage);
        entry.reason = QString::fromLatin1(reason);
        entry.message = message;
        entry.attempts = attempts;
        entry.firstTimeMs = firstMs;
        entry.lastTimeMs = firstMs + 1000 * (attempts - 1);
        entry.payload = std::move(payload);
        return entry;
    };
    return {
        record("mulog_clean_24", 0, 17, "parse", "invalid_json",
               QStringLiteral("unexpected end of input at 57"), 1, 1'764'680'000'000,
               QByteArray("{\"headers\":{\"app_id\":24,\"log_na")),
        record("mulog_clean_24", 0, 1203, "transform", "bad_time",
               QStringLiteral("logs[0].time \"2026-13-01 00:00:00\" is not a date-time (expected "
                              "yyyy-MM-dd HH:mm:ss or epoch ms); the event cannot be placed in "
                              "a daily file"),
               1, 1'764'680'060'123, QByteArray("{\"logs\":[{\"time\":\"2026-13-01 00:00:00\"}]}")),
        record("mulog_clean_24", 3, 9, "route", "unknown_app",
               QStringLiteral("no settings for app 31\n(metadata.31.json)"), 1, 1'764'683'600'000,
               QByteArray("{\"headers\":{\"app_id\":31}}")),
        record("mulog_clean_24", 11, 123456789, "sink", "sink_rejected",
               QStringLiteral("the output refused the line"), 12, 1'764'700'000'000,
               QByteArray("\xff\xfe binary", 9)),
        record("mulog_clean_25", 2, 5, "decode", "payload_decode",
               QStringLiteral("snappy: corrupt input"), 1, 1'764'766'400'000,
               QByteArray("\x00\x01\x02", 3)),
    };
}

QString normalised(QString text, const QString& dir) {
    text.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    text.replace(dir, QStringLiteral("<dir>"));
    return text;
}

}  // namespace

class TestFailureCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void countMatchesGolden();
    void countWithFiltersPrintsMatching();
    void listMatchesGolden();
    void listStopsAtTheLimit();
    void clearWithoutYesOnAPipeRefuses();
    void clearWithYesRemoves();
    void clearRefusedByTheWorker();
    void usageErrors_data();
    void usageErrors();

private:
    // The fake worker: counts, a paged list of sampleEntries() and a clear that is counted.
    std::unique_ptr<ControlServer> startServer();
    CliRun run(const QStringList& arguments) {
        return runMtga(arguments + QStringList{QStringLiteral("--socket"), m_socketPath});
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
    std::vector<QJsonObject> m_countArgs;
    std::vector<QJsonObject> m_listArgs;
    std::vector<QJsonObject> m_clearArgs;
    std::optional<Error> m_clearError;
};

void TestFailureCli::initTestCase() {
    // The table shows local times and fits $COLUMNS when stdout is not a terminal.
    qputenv("TZ", "UTC");
    qputenv("COLUMNS", "140");
}

void TestFailureCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("mtga.sock"));
    m_countArgs.clear();
    m_listArgs.clear();
    m_clearArgs.clear();
    m_clearError.reset();
}

void TestFailureCli::cleanup() {
    m_dir.reset();
}

std::unique_ptr<ControlServer> TestFailureCli::startServer() {
    auto server = startTestServer(controlConfig(m_socketPath, {::getuid()}));
    if (!server) {
        return nullptr;
    }
    server->registerCommand(QStringLiteral("failure_queue_count"),
                            [this](const QJsonObject& args) -> Result<QJsonObject> {
                                m_countArgs.push_back(args);
                                FailureCounts counts = sampleCounts();
                                if (!args.isEmpty()) {
                                    counts.matching = 4;
                                }
                                return counts.toJson();
                            });
    server->registerCommand(
        QStringLiteral("failure_queue_list"),
        [this](const QJsonObject& args) -> Result<QJsonObject> {
            m_listArgs.push_back(args);
            const std::vector<FailureRecord> entries = sampleEntries();
            const auto from = static_cast<size_t>(
                args.value(QLatin1String("cursor")).toString().mid(1).toLongLong());
            const auto count = static_cast<size_t>(
                std::min(args.value(QLatin1String("limit")).toInteger(100), kPageSize));
            FailurePage page;
            for (size_t i = from; i < std::min(entries.size(), from + count); ++i) {
                page.entries.push_back(entries[i]);
            }
            if (from + count < entries.size()) {
                page.nextCursor = QStringLiteral("c%1").arg(from + count);
            }
            return page.toJson();
        });
    server->registerCommand(QStringLiteral("clear_failure_queue"),
                            [this](const QJsonObject& args) -> Result<QJsonObject> {
                                m_clearArgs.push_back(args);
                                if (m_clearError) {
                                    return *m_clearError;
                                }
                                mtga::FailureClearReply reply;
                                reply.removed = 4;
                                reply.before = sampleCounts();
                                reply.after = sampleCounts();
                                reply.after.total = 3;
                                reply.after.byReason.erase(QStringLiteral("invalid_json"));
                                return reply.toJson();
                            });
    return server;
}

void TestFailureCli::countMatchesGolden() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun number = run({QStringLiteral("failure_queue_count")});
    QVERIFY2(number.exitCode == 0, qPrintable(number.err));
    QCOMPARE(number.err, QString());
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/failures-count.txt"), number.out);
    QCOMPARE(number.out, QStringLiteral("7\n"));  // one number, for scripts

    const CliRun byReason =
        run({QStringLiteral("failure_queue_count"), QStringLiteral("--by-reason")});
    QVERIFY2(byReason.exitCode == 0, qPrintable(byReason.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/failures-count-by-reason.txt"), byReason.out);

    const CliRun json = run({QStringLiteral("failure_queue_count"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/failures-count.json"), json.out);
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(), sampleCounts().toJson());
    QCOMPARE(m_countArgs, (std::vector<QJsonObject>(3)));  // no filters sent
}

void TestFailureCli::countWithFiltersPrintsMatching() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun number = run({QStringLiteral("failure_queue_count"), QStringLiteral("--reason"),
                               QStringLiteral("invalid_json"), QStringLiteral("--topic"),
                               QStringLiteral("mulog_clean_24:0,3"), QStringLiteral("--since"),
                               QStringLiteral("1764680000000"), QStringLiteral("--until"),
                               QStringLiteral("2025-12-02T13:00:00Z")});
    QVERIFY2(number.exitCode == 0, qPrintable(number.err));
    QCOMPARE(number.out, QStringLiteral("4\n"));
    QCOMPARE(m_countArgs.size(), size_t(1));
    QCOMPARE(m_countArgs.front(),
             (QJsonObject{{QStringLiteral("reason"), QStringLiteral("invalid_json")},
                          {QStringLiteral("topic"), QStringLiteral("mulog_clean_24")},
                          {QStringLiteral("partitions"), QJsonArray{0, 3}},
                          {QStringLiteral("since_ms"), qint64(1'764'680'000'000)},
                          {QStringLiteral("until_ms"), qint64(1'764'680'400'000)}}));
}

void TestFailureCli::listMatchesGolden() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun table = run({QStringLiteral("failures"), QStringLiteral("list")});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    QCOMPARE(table.err, QString());
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/failures-list.txt"), table.out);
    // Every line fits the width; the long message is cut.
    for (const QString& line : table.out.split(QLatin1Char('\n'))) {
        QVERIFY2(line.size() <= 140, qPrintable(line));
    }
    // The pages followed the cursor to the end, each asking for what is left of --limit.
    QCOMPARE(m_listArgs.size(), size_t(3));
    QCOMPARE(m_listArgs[0], (QJsonObject{{QStringLiteral("limit"), 100}}));
    QCOMPARE(m_listArgs[1], (QJsonObject{{QStringLiteral("limit"), 98},
                                         {QStringLiteral("cursor"), QStringLiteral("c2")}}));

    const CliRun json =
        run({QStringLiteral("failures"), QStringLiteral("list"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/failures-list.json"), json.out);
    const QStringList lines = json.out.trimmed().split(QLatin1Char('\n'));
    const std::vector<FailureRecord> entries = sampleEntries();
    QCOMPARE(lines.size(), static_cast<qsizetype>(entries.size()));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto record =
            FailureRecord::fromJson(QJsonDocument::fromJson(lines[i].toUtf8()).object(), {});
        QVERIFY(record);
        QCOMPARE(record.value(), entries[static_cast<size_t>(i)]);  // payloads too, binary ones
    }
}

void TestFailureCli::listStopsAtTheLimit() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun json =
        run({QStringLiteral("failures"), QStringLiteral("list"), QStringLiteral("--json"),
             QStringLiteral("--limit"), QStringLiteral("3"), QStringLiteral("--stage"),
             QStringLiteral("parse")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    QCOMPARE(json.out.count(QLatin1Char('\n')), 3);
    QVERIFY2(json.err.contains(QLatin1String("more entries match than --limit 3 shows")),
             qPrintable(json.err));
    QCOMPARE(m_listArgs.size(), size_t(2));
    QCOMPARE(m_listArgs[0], (QJsonObject{{QStringLiteral("stage"), QStringLiteral("parse")},
                                         {QStringLiteral("limit"), 3}}));
    QCOMPARE(m_listArgs[1].value(QLatin1String("limit")).toInteger(), 1);
}

void TestFailureCli::clearWithoutYesOnAPipeRefuses() {
    const auto server = startServer();
    QVERIFY(server);
    // runMtga's standard input is a pipe, not a terminal: nobody could answer.
    const CliRun refused = run({QStringLiteral("clear_failure_queue"), QStringLiteral("--reason"),
                                QStringLiteral("invalid_json")});
    QCOMPARE(refused.exitCode, 2);
    QCOMPARE(refused.out, QString());
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/failures-clear-refused.txt"),
                        normalised(refused.err, m_dir->path()));
    QVERIFY(refused.err.contains(QLatin1String("--yes")));
    // It counted what it would remove, and removed nothing.
    QCOMPARE(m_countArgs.size(), size_t(1));
    QCOMPARE(m_countArgs.front(),
             (QJsonObject{{QStringLiteral("reason"), QStringLiteral("invalid_json")}}));
    QVERIFY(m_clearArgs.empty());
}

void TestFailureCli::clearWithYesRemoves() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun done = run({QStringLiteral("clear_failure_queue"), QStringLiteral("--reason"),
                             QStringLiteral("invalid_json"), QStringLiteral("--yes")});
    QVERIFY2(done.exitCode == 0, qPrintable(done.err));
    QCOMPARE(done.out, QStringLiteral("removed 4 (3 left)\n"));
    QVERIFY2(done.err.contains(QLatin1String("this removes 4 of the 7 entries")),
             qPrintable(done.err));
    QCOMPARE(m_clearArgs.size(), size_t(1));
    QCOMPARE(m_clearArgs.front(),
             (QJsonObject{{QStringLiteral("reason"), QStringLiteral("invalid_json")}}));

    const CliRun all = run({QStringLiteral("clear_failure_queue"), QStringLiteral("--all"),
                            QStringLiteral("-y"), QStringLiteral("--json")});
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    QCOMPARE(QJsonDocument::fromJson(all.out.toUtf8()).object().value(QLatin1String("removed")),
             QJsonValue(4));
    QCOMPARE(m_clearArgs.size(), size_t(2));
    QCOMPARE(m_clearArgs.back(), (QJsonObject{{QStringLiteral("all"), true}}));
}

void TestFailureCli::clearRefusedByTheWorker() {
    const auto server = startServer();
    QVERIFY(server);
    m_clearError = Error::of(ErrorCode::Forbidden, QStringLiteral("only for admins"));
    const CliRun refused = run(
        {QStringLiteral("clear_failure_queue"), QStringLiteral("--all"), QStringLiteral("--yes")});
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.out, QString());
    QVERIFY2(refused.err.contains(QLatin1String("only for admins [forbidden]")),
             qPrintable(refused.err));
}

void TestFailureCli::usageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("clear: neither --all nor filters")
        << QStringList{QStringLiteral("clear_failure_queue"), QStringLiteral("--yes")}
        << QStringLiteral("give --all, or filters");
    QTest::newRow("clear: --all and filters")
        << QStringList{QStringLiteral("clear_failure_queue"), QStringLiteral("--all"),
                       QStringLiteral("--stage"), QStringLiteral("parse")}
        << QStringLiteral("without filters");
    QTest::newRow("unknown reason")
        << QStringList{QStringLiteral("failure_queue_count"), QStringLiteral("--reason"),
                       QStringLiteral("nope")}
        << QStringLiteral("\"nope\" is not a failure reason");
    QTest::newRow("bad partition")
        << QStringList{QStringLiteral("failures"), QStringLiteral("list"),
                       QStringLiteral("--topic"), QStringLiteral("t:0,x")}
        << QStringLiteral("\"x\" is not a partition");
    QTest::newRow("bad time") << QStringList{QStringLiteral("failures"), QStringLiteral("list"),
                                             QStringLiteral("--since"), QStringLiteral("today")}
                              << QStringLiteral("--since");
    QTest::newRow("limit 0") << QStringList{QStringLiteral("failures"), QStringLiteral("list"),
                                            QStringLiteral("--limit"), QStringLiteral("0")}
                             << QStringLiteral("--limit");
    QTest::newRow("no action") << QStringList{QStringLiteral("failures")} << QStringLiteral("list");
    QTest::newRow("unknown action")
        << QStringList{QStringLiteral("failures"), QStringLiteral("frob")}
        << QStringLiteral("\"frob\"");
}

void TestFailureCli::usageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const auto server = startServer();
    QVERIFY(server);
    const CliRun failed = run(arguments);
    QCOMPARE(failed.exitCode, 2);
    QVERIFY2(failed.err.contains(mentions), qPrintable(failed.err));
    QVERIFY(m_clearArgs.empty());
}

QTEST_GUILESS_MAIN(TestFailureCli)
#include "tst_failurecli.moc"
