// `mtga undo_reset` and `mtga reset_journal` as the real binary, against a ControlServer in this
// process with fixed answers (the tables against golden files in tests/data/cli/, --json, the
// arguments sent), and the usage errors of the three reset commands: exit 2, with the reason,
// and nothing sent to the worker. `mtga reset_offsets` itself: tst_resetcli.

#include "shared/values/offsetresetreply.h"
#include "tests/support/controltest.h"
#include "tests/support/goldenfile.h"
#include "tests/support/resettest.h"
#include "worker/control/controlreply.h"
#include "worker/control/controlserver.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <memory>
#include <vector>

using namespace mtga;
using namespace mtga::test;

namespace {

const QString kTopic = QStringLiteral("mulog_clean_24");

ResetRow rowOf(int partition, qint64 low, qint64 high, qint64 current, qint64 next,
               const char* clamped = "") {
    return resetRowOf(kTopic, partition, low, high, current, next, clamped);
}

// `undo_reset` of journal entry 4 (a reset to offset 1000, applied): partition 0 back to 1150.
OffsetResetReply undoReply() {
    OffsetResetReply reply;
    reply.target = QStringLiteral("offsets");
    reply.undoes = 4;
    reply.partitions = {rowOf(0, 0, 1200, 1000, 1150)};
    return reply;
}

ResetJournal sampleJournal() {
    const auto moved = [](const char* topic, int partition, qint64 before, qint64 after) {
        return ResetJournalPartition{QString::fromLatin1(topic), partition, before, after};
    };
    ResetJournalEntry undo{5, 1'764'680'000'000, 1000, 4242, QStringLiteral("offsets"), {}, 4, {}};
    undo.request = QJsonObject{{QStringLiteral("id"), 4}};
    undo.partitions = {moved("mulog_clean_24", 0, 1000, 1150)};
    ResetJournalEntry offset{4, 1'764'679'000'000, 0, 4100, QStringLiteral("offset"), {}, {}, {}};
    offset.request = QJsonObject{{QStringLiteral("to"), QStringLiteral("offset")},
                                 {QStringLiteral("offset"), 1000},
                                 {QStringLiteral("all_topics"), true},
                                 {QStringLiteral("dry_run"), false}};
    offset.partitions = {moved("mulog_clean_24", 0, 1150, 1000),
                         moved("mulog_clean_24", 1, 600, 1000),
                         moved("mulog_clean_24", 2, 1200, 1100)};
    // A peer the worker did not know, and a partition whose position was not known yet.
    ResetJournalEntry shift{3, 1'764'600'000'123, -1, -1, QStringLiteral("shift"), {}, {}, {}};
    shift.partitions = {moved("mulog_clean_25", 0, -1, 5)};
    return ResetJournal{{undo, offset, shift}};
}

QString normalised(QString text, const QString& dir) {
    text.replace(QStringLiteral(MTGA_BINARY), QStringLiteral("mtga"));
    text.replace(dir, QStringLiteral("<dir>"));
    return text;
}

}  // namespace

class TestResetJournalCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void undoReset();
    void resetJournal();
    void usageErrors_data();
    void usageErrors();
    void unreadableFile();

private:
    std::unique_ptr<ControlServer> startServer();
    CliRun run(const QStringList& arguments) {
        return runMtga(arguments + QStringList{QStringLiteral("--socket"), m_socketPath});
    }
    QString writeFile(const QString& name, const QByteArray& contents);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_socketPath;
    std::vector<QJsonObject> m_resetArgs;
    std::vector<QJsonObject> m_undoArgs;
    std::vector<QJsonObject> m_journalArgs;
};

void TestResetJournalCli::initTestCase() {
    // The journal shows local times.
    qputenv("TZ", "UTC");
}

void TestResetJournalCli::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_socketPath = m_dir->filePath(QStringLiteral("mtga.sock"));
    m_resetArgs.clear();
    m_undoArgs.clear();
    m_journalArgs.clear();
}

void TestResetJournalCli::cleanup() {
    m_dir.reset();
}

QString TestResetJournalCli::writeFile(const QString& name, const QByteArray& contents) {
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size()) {
        qWarning("cannot write %s", qPrintable(path));
    }
    return path;
}

std::unique_ptr<ControlServer> TestResetJournalCli::startServer() {
    auto server = startTestServer(controlConfig(m_socketPath, {::getuid()}));
    if (!server) {
        return nullptr;
    }
    // As the worker registers them: the resets deferred, answered when done.
    server->registerDeferredCommand(QStringLiteral("reset_offsets"),
                                    [this](const QJsonObject& args, ControlReply reply) {
                                        m_resetArgs.push_back(args);
                                        reply.send(OffsetResetReply{}.toJson());
                                    });
    server->registerDeferredCommand(QStringLiteral("undo_reset"),
                                    [this](const QJsonObject& args, ControlReply reply) {
                                        m_undoArgs.push_back(args);
                                        reply.send(undoReply().toJson());
                                    });
    server->registerCommand(QStringLiteral("reset_journal"),
                            [this](const QJsonObject& args) -> Result<QJsonObject> {
                                m_journalArgs.push_back(args);
                                return sampleJournal().toJson();
                            });
    return server;
}

void TestResetJournalCli::undoReset() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun preview = run({QStringLiteral("undo_reset")});
    QVERIFY2(preview.exitCode == 0, qPrintable(preview.err));
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/reset-undo.txt"), preview.out);
    QCOMPARE(normalised(preview.err, m_dir->path()),
             QStringLiteral("mtga undo_reset: undoing journal entry 4\n"
                            "mtga undo_reset: dry run, nothing changed; add --execute to apply "
                            "it\n"));
    QCOMPARE(m_undoArgs.back(), (QJsonObject{{QStringLiteral("dry_run"), true}}));

    const CliRun json =
        run({QStringLiteral("undo_reset"), QStringLiteral("--id"), QStringLiteral("4"),
             QStringLiteral("--execute"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    QCOMPARE(m_undoArgs.back(),
             (QJsonObject{{QStringLiteral("dry_run"), false}, {QStringLiteral("id"), 4}}));
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(), undoReply().toJson());
    QVERIFY2(!json.err.contains(QLatin1String("undoing")), qPrintable(json.err));
}

void TestResetJournalCli::resetJournal() {
    const auto server = startServer();
    QVERIFY(server);
    const CliRun table = run({QStringLiteral("reset_journal")});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    QCOMPARE(table.err, QString());
    MTGA_COMPARE_GOLDEN(QStringLiteral("cli/reset-journal.txt"), table.out);
    QCOMPARE(m_journalArgs.back(), (QJsonObject{{QStringLiteral("limit"), 20}}));

    const CliRun json = run({QStringLiteral("reset_journal"), QStringLiteral("--limit"),
                             QStringLiteral("3"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    QCOMPARE(m_journalArgs.back(), (QJsonObject{{QStringLiteral("limit"), 3}}));
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object(), sampleJournal().toJson());
}

void TestResetJournalCli::usageErrors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<QByteArray>("csv");  // written to <file>

    const auto row = [](const char* name, const QString& arguments, const char* mentions,
                        const char* csv = "") {
        QTest::newRow(name) << arguments.split(QLatin1Char(' ')) << QString::fromUtf8(mentions)
                            << QByteArray(csv);
    };
    const char* oneTarget =
        "give exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime, "
        "--by-duration, --shift-by, --from-file";
    row("no target", QStringLiteral("reset_offsets --all-topics"), oneTarget);
    row("two targets", QStringLiteral("reset_offsets --to-earliest --to-latest --all-topics"),
        oneTarget);
    row("a shift and a file", QStringLiteral("reset_offsets --shift-by 1 --from-file <file>"),
        oneTarget, "t,0,1\n");
    row("no scope", QStringLiteral("reset_offsets --to-earliest"),
        "say which partitions: --all-topics, or --topic (repeatable)");
    row("two scopes", QStringLiteral("reset_offsets --to-earliest --all-topics --topic t"),
        "say which partitions");
    row("topics and partitions",
        QStringLiteral("reset_offsets --to-earliest --topic t --topic u:0"),
        "give either whole topics (--topic T) or partitions (--topic T:0,1), not both");
    row("file and a scope", QStringLiteral("reset_offsets --from-file <file> --topic t"),
        "--from-file names its partitions: give no --topic or --all-topics", "t,0,1\n");
    row("bad partition", QStringLiteral("reset_offsets --to-earliest --topic t:0,x"),
        "--topic t:0,x: give TOPIC or TOPIC:P1,P2,... with partition numbers");
    row("no partition", QStringLiteral("reset_offsets --to-earliest --topic t:"), "--topic t:");
    row("no topic", QStringLiteral("reset_offsets --to-earliest --topic :0"), "--topic :0");
    row("negative offset", QStringLiteral("reset_offsets --to-offset -5 --all-topics"),
        "--to-offset needs an offset >= 0, not \"-5\"");
    row("offset not a number", QStringLiteral("reset_offsets --to-offset 1e3 --all-topics"),
        "--to-offset needs an offset >= 0, not \"1e3\"");
    row("shift not a number", QStringLiteral("reset_offsets --shift-by back --all-topics"),
        "--shift-by needs a number, not \"back\"");
    row("date only", QStringLiteral("reset_offsets --to-datetime 2026-12-01 --all-topics"),
        "--to-datetime needs YYYY-MM-DDTHH:mm:SS.sss, not \"2026-12-01\"");
    row("epoch ms", QStringLiteral("reset_offsets --to-datetime 1796112000000 --all-topics"),
        "--to-datetime needs");
    row("month 13",
        QStringLiteral("reset_offsets --to-datetime 2026-13-01T08:00:00.000 --all-topics"),
        "--to-datetime needs");
    row("duration without P", QStringLiteral("reset_offsets --by-duration 1H --all-topics"),
        "--by-duration needs an ISO-8601 duration such as PT1H, not \"1H\"");
    row("duration PT", QStringLiteral("reset_offsets --by-duration PT --all-topics"),
        "--by-duration needs");
    row("duration P", QStringLiteral("reset_offsets --by-duration P --all-topics"),
        "--by-duration needs");
    row("duration fraction of hours",
        QStringLiteral("reset_offsets --by-duration PT1.5H --all-topics"), "--by-duration needs");
    row("minutes before hours", QStringLiteral("reset_offsets --by-duration PT1M1H --all-topics"),
        "--by-duration needs");
    row("execute and dry run",
        QStringLiteral("reset_offsets --to-latest --all-topics --execute --dry-run"),
        "--execute and --dry-run exclude each other");
    row("bad csv line", QStringLiteral("reset_offsets --from-file <file>"),
        "<dir>/offsets.csv:3: expected topic,partition,offset, not \"mulog_clean_24,x,5\"",
        "mulog_clean_24,0,5\n\nmulog_clean_24,x,5\n");
    row("csv with a group column", QStringLiteral("reset_offsets --from-file <file>"),
        "<dir>/offsets.csv:1: expected topic,partition,offset, not \"g,t,0,5\"", "g,t,0,5\n");
    row("csv negative offset", QStringLiteral("reset_offsets --from-file <file>"),
        "<dir>/offsets.csv:2: expected", "t,0,5\nt,1,-1\n");
    row("empty csv", QStringLiteral("reset_offsets --from-file <file>"),
        "<dir>/offsets.csv: no topic,partition,offset line in it", "\n\n");
    row("undo id 0", QStringLiteral("undo_reset --id 0"), "--id needs a journal entry's number");
    row("undo id not a number", QStringLiteral("undo_reset --id last"), "--id needs");
    row("journal limit 0", QStringLiteral("reset_journal --limit 0"),
        "--limit needs a number >= 1");
    row("unknown flag", QStringLiteral("reset_offsets --to-latest --all-topics --yes"), "yes");
}

void TestResetJournalCli::usageErrors() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QFETCH(QByteArray, csv);
    const auto server = startServer();
    QVERIFY(server);
    arguments.replaceInStrings(QStringLiteral("<file>"),
                               writeFile(QStringLiteral("offsets.csv"), csv));
    const CliRun failed = run(arguments);
    QCOMPARE(failed.exitCode, 2);
    QCOMPARE(failed.out, QString());
    const QString err = normalised(failed.err, m_dir->path());
    QVERIFY2(err.contains(mentions), qPrintable(err));
    QVERIFY(m_resetArgs.empty());
    QVERIFY(m_undoArgs.empty());
    QVERIFY(m_journalArgs.empty());
}

void TestResetJournalCli::unreadableFile() {
    // Not a usage error: the file is named right, it cannot be read (exit 1, [io_error]).
    const auto server = startServer();
    QVERIFY(server);
    const CliRun failed = run({QStringLiteral("reset_offsets"), QStringLiteral("--from-file"),
                               m_dir->filePath(QStringLiteral("missing.csv"))});
    QCOMPARE(failed.exitCode, 1);
    const QString err = normalised(failed.err, m_dir->path());
    QVERIFY2(err.contains(QLatin1String("<dir>/missing.csv: cannot read it")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("[io_error]")), qPrintable(err));
    QVERIFY(m_resetArgs.empty());
}

QTEST_GUILESS_MAIN(TestResetJournalCli)
#include "tst_resetjournalcli.moc"
