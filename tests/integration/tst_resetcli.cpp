// `mtga reset_offsets` as the real binary, against a ControlServer in this process with fixed
// answers: the arguments each flag combination of kafka-consumer-groups.sh --reset-offsets'
// grammar sends, the table, --json and --export CSV against the golden files
// tests/data/cli/reset-*, a refused partition (exit 1), --execute and its timeout, a worker's
// error. The usage errors, `mtga undo_reset` and `mtga reset_journal`: tst_resetjournalcli.

#include "shared/values/offsetresetreply.h"
#include "tests/support/controltest.h"
#include "tests/support/goldenfile.h"
#include "tests/support/resettest.h"
#include "worker/control/controlreply.h"
#include "worker/control/controlserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <memory>
#include <optional>
#include <vector>

using namespace mtga;
using namespace mtga::test;

namespace {

const QString kTopic = QStringLiteral("mulog_clean_24");

ResetRow rowOf(int partition, qint64 low, qint64 high, qint64 current, qint64 next,
               const char* clamped = "") {
    return resetRowOf(kTopic, partition, low, high, current, next, clamped);
}

ResetRow refusedOf(const QString& topic, int partition, qint64 low, qint64 high, qint64 current,
                   const char* code, const QString& message) {
    ResetRow row;
    row.topic = topic;
    row.partition = partition;
    row.low = low;
    row.high = high;
    row.current = current;
    row.refusedCode = QString::fromLatin1(code);
    row.refusedMessage = message;
    return row;
}

// What `--to-offset 1000 --all-topics` answers: one partition back, one forwards, one whose log
// begins after 1000 (clamped to Low) and one that ends before it (clamped to High), whose
// position is not known yet.
OffsetResetReply sampleReply() {
    OffsetResetReply reply;
    reply.target = QStringLiteral("offset");
    reply.partitions = {rowOf(0, 0, 1200, 1150, 1000), rowOf(1, 500, 1300, 600, 1000),
                        rowOf(2, 1100, 1400, 1200, 1100, "low"),
                        rowOf(10, 0, 900, -1, 900, "high")};
    return reply;
}

// The same with --strict: partition 2 refused, and a partition of another member named.
OffsetResetReply refusedReply() {
    OffsetResetReply reply;
    reply.target = QStringLiteral("offset");
    reply.partitions = {
        rowOf(0, 0, 1200, 1150, 1000),
        refusedOf(kTopic, 2, 1100, 1400, 1200, "out_of_range",
                  QStringLiteral("mulog_clean_24:2: offset 1000 is outside the log [1100, 1400] "
                                 "(without --strict it would be clamped)")),
        refusedOf(QStringLiteral("mulog_clean_25"), 0, -1, -1, -1, "not_owned",
                  QStringLiteral("mulog_clean_25:0 is not assigned to this worker (another member "
                                 "of the group has it, or it is not in the worker's topics): "
                                 "reset it where it is consumed"))};
    return reply;
}

QString normalised(QString text, const QString& dir) {
    text.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    text.replace(dir, QStringLiteral("<dir>"));
    return text;
}

}  // namespace

class TestResetCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void argumentsSent_data();
    void argumentsSent();
    void tableMatchesGolden();
    void refusedRowIsExit1();
    void executeApplies();
    void workerErrorIsExit1();
    void executeHonoursTimeout();
    void datetimeWithoutZoneIsUtcAsKafka();

private:
    std::unique_ptr<ControlServer> startServer();
    CliRun run(const QStringList& arguments) {
        return runMtga(arguments + QStringList{QStringLiteral("--socket"), m_socketPath});
    }
    QString writeFile(const QString& name, const QByteArray& contents);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
    std::vector<QJsonObject> m_resetArgs;
    std::optional<Result<QJsonObject>> m_resetAnswer;  // unset: sampleReply() as asked
    std::vector<ControlReply> m_unanswered;            // when m_silent
    bool m_silent = false;
};

void TestResetCli::initTestCase() {
    // A date-time without a zone is local time to mtga (see datetimeWithoutZoneIsUtcAsKafka).
    qputenv("TZ", "UTC");
}

void TestResetCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("mtga.sock"));
    m_resetArgs.clear();
    m_resetAnswer.reset();
    m_silent = false;
}

void TestResetCli::cleanup() {
    m_unanswered.clear();
    m_dir.reset();
}

QString TestResetCli::writeFile(const QString& name, const QByteArray& contents) {
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()) {
        qWarning("cannot write %s", qPrintable(path));
    }
    return path;
}

std::unique_ptr<ControlServer> TestResetCli::startServer() {
    auto server = startTestServer(controlConfig(m_socketPath, {::getuid()}));
    if (!server) {
        return nullptr;
    }
    // As the worker registers them: deferred, answered when the reset is done.
    server->registerDeferredCommand(
        QStringLiteral("reset_offsets"), [this](const QJsonObject& args, ControlReply reply) {
            m_resetArgs.push_back(args);
            if (m_silent) {
                m_unanswered.push_back(reply);
                return;
            }
            if (m_resetAnswer) {
                reply.send(*m_resetAnswer);
                return;
            }
            OffsetResetReply answer = sampleReply();
            answer.dryRun = args.value(QLatin1String("dry_run")).toBool(true);
            if (!answer.dryRun) {
                answer.journalId = 4;
            }
            reply.send(answer.toJson());
        });
    return server;
}

void TestResetCli::argumentsSent_data() {
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QByteArray>("args");
    QTest::addColumn<QByteArray>("csv");  // --from-file's contents

    const auto row = [](const char* name, const QString& flags, const char* args,
                        const char* csv = "") {
        QTest::newRow(name) << flags.split(QLatin1Char(' ')) << QByteArray(args) << QByteArray(csv);
    };
    row("earliest, all topics", QStringLiteral("--to-earliest --all-topics"),
        R"({"to":"earliest","dry_run":true,"all_topics":true})");
    row("latest, a topic", QStringLiteral("--to-latest --topic mulog_clean_24"),
        R"({"to":"latest","dry_run":true,"topics":["mulog_clean_24"]})");
    row("two topics", QStringLiteral("--to-latest --topic a --topic b"),
        R"({"to":"latest","dry_run":true,"topics":["a","b"]})");
    row("offset, partitions", QStringLiteral("--to-offset 42 --topic t:0,1"),
        R"({"to":"offset","offset":42,"dry_run":true,"partitions":["t:0","t:1"]})");
    row("partitions of two --topic", QStringLiteral("--to-offset=7 --topic t:2 --topic u:0"),
        R"({"to":"offset","offset":7,"dry_run":true,"partitions":["t:2","u:0"]})");
    row("shift back", QStringLiteral("--shift-by -100 --topic mulog_clean_24:0"),
        R"({"to":"shift","shift":-100,"dry_run":true,"partitions":["mulog_clean_24:0"]})");
    row("shift forwards with a sign", QStringLiteral("--shift-by +5 --all-topics"),
        R"({"to":"shift","shift":5,"dry_run":true,"all_topics":true})");
    // Kafka's format; TZ=UTC here (see datetimeWithoutZoneIsUtcAsKafka).
    row("datetime", QStringLiteral("--to-datetime 2026-12-01T08:00:00.000 --all-topics"),
        R"({"to":"datetime","timestamp_ms":1796112000000,"dry_run":true,"all_topics":true})");
    row("datetime Z", QStringLiteral("--to-datetime 2026-12-01T08:00:00.123Z --all-topics"),
        R"({"to":"datetime","timestamp_ms":1796112000123,"dry_run":true,"all_topics":true})");
    row("datetime +08:00",
        QStringLiteral("--to-datetime 2026-12-01T16:00:00.000+08:00 --all-topics"),
        R"({"to":"datetime","timestamp_ms":1796112000000,"dry_run":true,"all_topics":true})");
    row("datetime -05:30",
        QStringLiteral("--to-datetime 2026-12-01T02:30:00.000-05:30 --all-topics"),
        R"({"to":"datetime","timestamp_ms":1796112000000,"dry_run":true,"all_topics":true})");
    row("datetime without ms", QStringLiteral("--to-datetime 2026-12-01T08:00:00 --all-topics"),
        R"({"to":"datetime","timestamp_ms":1796112000000,"dry_run":true,"all_topics":true})");
    // java.time.Duration's ISO-8601, upper or lower case.
    row("duration PT1H", QStringLiteral("--by-duration PT1H --all-topics"),
        R"({"to":"duration","duration_ms":3600000,"dry_run":true,"all_topics":true})");
    row("duration P1DT12H", QStringLiteral("--by-duration P1DT12H --all-topics"),
        R"({"to":"duration","duration_ms":129600000,"dry_run":true,"all_topics":true})");
    row("duration PT30M", QStringLiteral("--by-duration PT30M --all-topics"),
        R"({"to":"duration","duration_ms":1800000,"dry_run":true,"all_topics":true})");
    row("duration PT0.5S", QStringLiteral("--by-duration PT0.5S --all-topics"),
        R"({"to":"duration","duration_ms":500,"dry_run":true,"all_topics":true})");
    row("duration P2D", QStringLiteral("--by-duration P2D --all-topics"),
        R"({"to":"duration","duration_ms":172800000,"dry_run":true,"all_topics":true})");
    row("duration lower case", QStringLiteral("--by-duration pt1h2m3s --all-topics"),
        R"({"to":"duration","duration_ms":3723000,"dry_run":true,"all_topics":true})");
    // kafka-consumer-groups --export's lines; blank lines, spaces and CRLF are forgiven.
    row("from file", QStringLiteral("--from-file <file>"),
        R"({"to":"offsets","dry_run":true,"offsets":[{"topic":"mulog_clean_24","partition":0,)"
        R"("offset":1000},{"topic":"mulog_clean_24","partition":10,"offset":0}]})",
        "mulog_clean_24,0,1000\r\n\n mulog_clean_24 , 10 , 0 \n");
    row("execute", QStringLiteral("--to-latest --all-topics --execute"),
        R"({"to":"latest","dry_run":false,"all_topics":true})");
    row("dry run said", QStringLiteral("--to-latest --all-topics --dry-run"),
        R"({"to":"latest","dry_run":true,"all_topics":true})");
    row("strict", QStringLiteral("--to-offset 5 --topic t --strict --execute"),
        R"({"to":"offset","offset":5,"dry_run":false,"topics":["t"],"strict":true})");
}

void TestResetCli::argumentsSent() {
    QFETCH(QStringList, flags);
    QFETCH(QByteArray, args);
    QFETCH(QByteArray, csv);
    const auto server = startServer();
    QVERIFY(server);
    flags.replaceInStrings(QStringLiteral("<file>"), writeFile(QStringLiteral("offsets.csv"), csv));
    const CliRun done = run(QStringList{QStringLiteral("reset_offsets")} + flags);
    QVERIFY2(done.exitCode == 0, qPrintable(done.err));
    QCOMPARE(m_resetArgs.size(), size_t(1));
    QCOMPARE(m_resetArgs.front(), QJsonDocument::fromJson(args).object());
}

void TestResetCli::tableMatchesGolden() {
    const auto server = startServer();
    QVERIFY(server);
    const QStringList flags{QStringLiteral("reset_offsets"), QStringLiteral("--to-offset"),
                            QStringLiteral("1000"), QStringLiteral("--all-topics")};
    const CliRun table = run(flags);
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/reset-dry-run.txt"), table.out);
    QCOMPARE(normalised(table.err, m_dir->path()),
             QStringLiteral("mtga reset_offsets: dry run, nothing changed; add --execute to apply "
                            "it\n"));

    const CliRun json = run(flags + QStringList{QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/reset-dry-run.json"), json.out);
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(), sampleReply().toJson());

    // What --from-file reads back: the new offsets, in kafka-consumer-groups --export's form.
    const CliRun csv = run(flags + QStringList{QStringLiteral("--export")});
    QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/reset-export.csv"), csv.out);
    const QString exported = writeFile(QStringLiteral("export.csv"), csv.out.toUtf8());
    const CliRun again =
        run({QStringLiteral("reset_offsets"), QStringLiteral("--from-file"), exported});
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QJsonArray offsets = m_resetArgs.back().value(QLatin1String("offsets")).toArray();
    QCOMPARE(offsets.size(), 4);
    QCOMPARE(offsets.at(2).toObject(), (QJsonObject{{QStringLiteral("topic"), kTopic},
                                                    {QStringLiteral("partition"), 2},
                                                    {QStringLiteral("offset"), 1100}}));
}

void TestResetCli::refusedRowIsExit1() {
    const auto server = startServer();
    QVERIFY(server);
    m_resetAnswer = refusedReply().toJson();
    const QStringList flags{QStringLiteral("reset_offsets"), QStringLiteral("--to-offset"),
                            QStringLiteral("1000"), QStringLiteral("--all-topics"),
                            QStringLiteral("--strict")};
    const CliRun table = run(flags);
    QCOMPARE(table.exitCode, 1);
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/reset-refused.txt"), table.out);
    QCOMPARE(normalised(table.err, m_dir->path()),
             QStringLiteral("mtga reset_offsets: 2 partition(s) cannot be reset (see NOTE): "
                            "nothing would change\n"));
    // The export leaves out what cannot be reset, and still fails.
    const CliRun csv = run(flags + QStringList{QStringLiteral("--export")});
    QCOMPARE(csv.exitCode, 1);
    QCOMPARE(csv.out, QStringLiteral("mulog_clean_24,0,1000\n"));
    const CliRun json = run(flags + QStringList{QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 1);
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(), refusedReply().toJson());
}

void TestResetCli::executeApplies() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun applied =
        run({QStringLiteral("reset_offsets"), QStringLiteral("--to-offset"), QStringLiteral("1000"),
             QStringLiteral("--all-topics"), QStringLiteral("--execute")});
    QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
    QCOMPARE(m_resetArgs.back().value(QLatin1String("dry_run")), QJsonValue(false));
    QVERIFY2(applied.err.contains(QLatin1String("applied (journal entry 4; `mtga undo_reset` "
                                                "restores the offsets before it)")),
             qPrintable(applied.err));
    QVERIFY(!applied.err.contains(QLatin1String("dry run")));

    // Applied, but the group did not take the commit: still done (exit 0), and said.
    OffsetResetReply uncommitted = sampleReply();
    uncommitted.dryRun = false;
    uncommitted.journalId = 6;
    uncommitted.groupCommitError = QStringLiteral("Broker: Unknown member");
    m_resetAnswer = uncommitted.toJson();
    const CliRun late = run({QStringLiteral("reset_offsets"), QStringLiteral("--to-latest"),
                             QStringLiteral("--all-topics"), QStringLiteral("--execute")});
    QVERIFY2(late.exitCode == 0, qPrintable(late.err));
    QVERIFY2(late.err.contains(QLatin1String("journal entry 6")), qPrintable(late.err));
    QVERIFY2(late.err.contains(QLatin1String("the group did not take the commit yet (the next "
                                             "checkpoint commits again): Broker: Unknown member")),
             qPrintable(late.err));
}

void TestResetCli::workerErrorIsExit1() {
    const auto server = startServer();
    QVERIFY(server);
    m_resetAnswer = Error::of(ErrorCode::Busy, QStringLiteral("another offset reset is running"));
    const CliRun busy = run({QStringLiteral("reset_offsets"), QStringLiteral("--to-latest"),
                             QStringLiteral("--all-topics"), QStringLiteral("--execute")});
    QCOMPARE(busy.exitCode, 1);
    QCOMPARE(busy.out, QString());
    QVERIFY2(busy.err.contains(QLatin1String("another offset reset is running [busy]")),
             qPrintable(busy.err));

    // No worker at all: exit 3, as every command that talks to one.
    const CliRun none = runMtga({QStringLiteral("reset_offsets"), QStringLiteral("--to-latest"),
                                 QStringLiteral("--all-topics"), QStringLiteral("--socket"),
                                 m_dir->filePath(QStringLiteral("nobody.sock"))});
    QCOMPARE(none.exitCode, 3);
}

void TestResetCli::executeHonoursTimeout() {
    // --execute waits 60 s for the reset unless --timeout says otherwise.
    const auto server = startServer();
    QVERIFY(server);
    m_silent = true;
    QElapsedTimer timer;
    timer.start();
    const CliRun late = run({QStringLiteral("reset_offsets"), QStringLiteral("--to-latest"),
                             QStringLiteral("--all-topics"), QStringLiteral("--execute"),
                             QStringLiteral("--timeout"), QStringLiteral("1")});
    QCOMPARE(late.exitCode, 4);
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(m_resetArgs.size(), size_t(1));
}

void TestResetCli::datetimeWithoutZoneIsUtcAsKafka() {
    // kafka-consumer-groups.sh reads a date-time without a zone as UTC (Utils.getDateTime
    // appends "Z"): so does mtga, also in Shanghai.
    const auto server = startServer();
    QVERIFY(server);
    const QByteArray zone = qgetenv("TZ");
    qputenv("TZ", "CST-8");
    const CliRun done =
        run({QStringLiteral("reset_offsets"), QStringLiteral("--to-datetime"),
             QStringLiteral("2026-12-01T08:00:00.000"), QStringLiteral("--all-topics")});
    qputenv("TZ", zone);
    QVERIFY2(done.exitCode == 0, qPrintable(done.err));
    QCOMPARE(m_resetArgs.size(), size_t(1));
    QCOMPARE(m_resetArgs.front().value(QLatin1String("timestamp_ms")).toInteger(),
             qint64(1'796'112'000'000));
}

QTEST_GUILESS_MAIN(TestResetCli)
#include "tst_resetcli.moc"
