// The real `mtga` binary end to end: dev-kafka as its own process, generate into it, read back
// with kcat (a real Kafka client), inject a fault on stdin, and stop on SIGTERM; the demo runs
// and stops cleanly on Ctrl-C (SIGINT).

#include "tests/support/processrunner.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using mtga::test::ProcessRunner;

class TestDevKafka : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void devKafkaServesGenerateAndKcat();
    void demoShowsTrafficAndStopsOnCtrlC();
    void badArgumentsExitWithUsageError_data();
    void badArgumentsExitWithUsageError();
};

void TestDevKafka::devKafkaServesGenerateAndKcat() {
    ProcessRunner kafka({QStringLiteral("dev-kafka"), QStringLiteral("--brokers"),
                         QStringLiteral("2"), QStringLiteral("--topic"),
                         QStringLiteral("events:3")});
    QVERIFY(kafka.start());
    const QString line = kafka.waitForLine(QStringLiteral("bootstrap.servers="), 20'000);
    QVERIFY2(!line.isEmpty(), qPrintable(kafka.standardError()));
    const QString bootstrap = line.section(QLatin1Char('='), 1);
    QCOMPARE(bootstrap.split(QLatin1Char(',')).size(), 2);

    int exitCode = -1;
    const QString generated = mtga::test::runToCompletion(
        QStringLiteral(MTGA_BINARY),
        {QStringLiteral("generate"), QStringLiteral("--brokers"), bootstrap,
         QStringLiteral("--topic"), QStringLiteral("events"), QStringLiteral("--count"),
         QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("5")},
        60'000, &exitCode);
    QCOMPARE(exitCode, 0);
    QVERIFY2(generated.contains(QLatin1String("produced 3000, acknowledged 3000, failed 0")),
             qPrintable(generated));

    const QString kcat = QStandardPaths::findExecutable(QStringLiteral("kcat"));
    QVERIFY2(!kcat.isEmpty(), "kcat is not installed (installer/setup.sh installs it)");
    const QString consumed = mtga::test::runToCompletion(
        kcat,
        {QStringLiteral("-C"), QStringLiteral("-b"), bootstrap, QStringLiteral("-t"),
         QStringLiteral("events"), QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-f"),
         QStringLiteral("%s\\n")},
        60'000, &exitCode);
    QCOMPARE(exitCode, 0);
    const QStringList values = consumed.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(values.size(), 3000);
    QVERIFY(values.first().startsWith(QLatin1String("{\"headers\":{\"app_id\":24,")));

    kafka.write("down 2\n");
    QVERIFY(!kafka.waitForLine(QStringLiteral("ok down 2"), 10'000).isEmpty());
    kafka.write("up 2\nnonsense\n");
    QVERIFY(!kafka.waitForLine(QStringLiteral("ok up 2"), 10'000).isEmpty());

    kafka.sendSignal(SIGTERM);
    QVERIFY(kafka.waitForExit(15'000));
    QCOMPARE(kafka.exitStatus(), QProcess::NormalExit);
    QCOMPARE(kafka.exitCode(), 0);
    QVERIFY(kafka.standardError().contains(QLatin1String("unknown command \"nonsense\"")));
}

void TestDevKafka::demoShowsTrafficAndStopsOnCtrlC() {
    QTemporaryDir data;
    const QString dataPath = data.filePath(QStringLiteral("demo"));
    ProcessRunner demo({QStringLiteral("demo"), QStringLiteral("--rate"), QStringLiteral("2000"),
                        QStringLiteral("--data"), dataPath});
    QVERIFY(demo.start());
    const QString line = demo.waitForLine(QStringLiteral("bootstrap.servers="), 20'000);
    QVERIFY2(!line.isEmpty(), qPrintable(demo.standardError()));
    QVERIFY(!demo.waitForLine(QStringLiteral("See the events with kcat:  kcat -C -b "), 5000)
                 .isEmpty());
    // Progress lines on stderr show traffic flowing, and the pipeline writing it.
    QTRY_VERIFY_WITH_TIMEOUT(demo.standardError().contains(QLatin1String("acknowledged by Kafka")),
                             20'000);
    const QString files = dataPath + QStringLiteral("/ta/24");
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(files).entryList(QDir::Files).isEmpty(), 30'000);
    QTest::qWait(1500);
    demo.sendSignal(SIGINT);
    QVERIFY(demo.waitForExit(20'000));
    QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
    QCOMPARE(demo.exitCode(), 0);
    const QString stopped = demo.waitForLine(QStringLiteral("Demo stopped: "), 1000);
    QVERIFY2(!stopped.isEmpty(), qPrintable(demo.standardOutput()));
    // "Demo stopped: P events produced, W written to TA files, F in the failure queue."
    const QStringList words = stopped.split(QLatin1Char(' '));
    const qint64 produced = words.value(2).toLongLong();
    const qint64 written = words.value(5).toLongLong();
    const qint64 failed = words.value(10).toLongLong();
    QVERIFY2(produced > 1000 && written > 0 && failed > 0, qPrintable(stopped));
    QVERIFY2(written + failed <= produced, qPrintable(stopped));
    qint64 lines = 0;
    for (const QString& name : QDir(files).entryList(QDir::Files)) {
        QFile file(files + QLatin1Char('/') + name);
        QVERIFY(file.open(QIODevice::ReadOnly));
        lines += file.readAll().count('\n');
    }
    QCOMPARE(lines, written);
}

void TestDevKafka::badArgumentsExitWithUsageError_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command \"frobnicate\"");
    QTest::newRow("bad broker count")
        << QStringList{QStringLiteral("dev-kafka"), QStringLiteral("--brokers"),
                       QStringLiteral("0")}
        << QStringLiteral("--brokers must be a whole number from 1 to 16");
    QTest::newRow("bad topic") << QStringList{QStringLiteral("dev-kafka"),
                                              QStringLiteral("--topic"), QStringLiteral("x:y")}
                               << QStringLiteral("Invalid topic \"x:y\"");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("demo"), QStringLiteral("--nope")}
                                    << QStringLiteral("Unknown option 'nope'");
    QTest::newRow("generate without brokers")
        << QStringList{QStringLiteral("generate")} << QStringLiteral("--brokers is required");
    QTest::newRow("generate bad apps")
        << QStringList{QStringLiteral("generate"), QStringLiteral("--brokers"),
                       QStringLiteral("127.0.0.1:1"), QStringLiteral("--apps"),
                       QStringLiteral("24,x")}
        << QStringLiteral("--apps takes app ids");
}

void TestDevKafka::badArgumentsExitWithUsageError() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    ProcessRunner process(arguments);
    QVERIFY(process.start());
    QVERIFY(process.waitForExit(20'000));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(process.standardError().contains(message), qPrintable(process.standardError()));
}

QTEST_GUILESS_MAIN(TestDevKafka)
#include "tst_devkafka.moc"
