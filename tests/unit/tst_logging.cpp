// The worker's own log: text and JSON lines, levels, rotation by size and by day with retention.

#include "shared/logging.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QtTest>

Q_LOGGING_CATEGORY(lcTest, "mtga.test", QtInfoMsg)

using mtga::Logging;
using mtga::LogOptions;

namespace {

QByteArrayList readLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QByteArrayList lines = file.readAll().split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

}  // namespace

class TestLogging : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Logging::uninstall(); }
    void jsonLinesWithLevelAndCategory();
    void levels_data();
    void levels();
    void rotatesBySizeKeepingN();
    void rotatesDaily();
    void unwritableFileIsAnError();
};

void TestLogging::jsonLinesWithLevelAndCategory() {
    QTemporaryDir dir;
    LogOptions options;
    options.format = LogOptions::Format::Json;
    options.file = dir.filePath(QStringLiteral("logs/mtga.log"));
    QVERIFY(Logging::install(options).ok());
    qCInfo(lcTest, "started with %d worker(s)", 2);
    qCWarning(lcTest, "disk \"full\"");
    Logging::uninstall();
    const QByteArrayList lines = readLines(options.file);
    QCOMPARE(lines.size(), 2);
    const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
    QCOMPARE(first.value(QStringLiteral("level")).toString(), QStringLiteral("info"));
    QCOMPARE(first.value(QStringLiteral("category")).toString(), QStringLiteral("mtga.test"));
    QCOMPARE(first.value(QStringLiteral("message")).toString(),
             QStringLiteral("started with 2 worker(s)"));
    QVERIFY(QDateTime::fromString(first.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs)
                .isValid());
    const QJsonObject second = QJsonDocument::fromJson(lines[1]).object();
    QCOMPARE(second.value(QStringLiteral("message")).toString(), QStringLiteral("disk \"full\""));
    QCOMPARE(second.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
}

void TestLogging::levels_data() {
    QTest::addColumn<int>("level");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("debug") << int(LogOptions::Level::Debug)
                           << QStringList{QStringLiteral("d"), QStringLiteral("i"),
                                          QStringLiteral("w"), QStringLiteral("e")};
    QTest::newRow("info") << int(LogOptions::Level::Info)
                          << QStringList{QStringLiteral("i"), QStringLiteral("w"),
                                         QStringLiteral("e")};
    QTest::newRow("warning") << int(LogOptions::Level::Warning)
                             << QStringList{QStringLiteral("w"), QStringLiteral("e")};
    QTest::newRow("error") << int(LogOptions::Level::Error) << QStringList{QStringLiteral("e")};
}

void TestLogging::levels() {
    QFETCH(int, level);
    QFETCH(QStringList, expected);
    QTemporaryDir dir;
    LogOptions options;
    options.level = static_cast<LogOptions::Level>(level);
    options.file = dir.filePath(QStringLiteral("mtga.log"));
    QVERIFY(Logging::install(options).ok());
    qCDebug(lcTest, "d");
    qCInfo(lcTest, "i");
    qCWarning(lcTest, "w");
    qCCritical(lcTest, "e");
    Logging::uninstall();
    QStringList messages;
    for (const QByteArray& line : readLines(options.file)) {
        messages << QString::fromUtf8(line.mid(line.lastIndexOf(' ') + 1));
        QVERIFY(line.contains(" mtga.test: "));
    }
    QCOMPARE(messages, expected);
}

void TestLogging::rotatesBySizeKeepingN() {
    QTemporaryDir dir;
    LogOptions options;
    options.file = dir.filePath(QStringLiteral("mtga.log"));
    options.rotate = LogOptions::Rotate::Size;
    options.maxBytes = 1000;
    options.keep = 3;
    QVERIFY(Logging::install(options).ok());
    for (int i = 0; i < 200; ++i) {
        qCInfo(lcTest, "message number %d with some padding to fill the file", i);
    }
    Logging::uninstall();
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files, (QStringList{QStringLiteral("mtga.log"), QStringLiteral("mtga.log.1"),
                                 QStringLiteral("mtga.log.2"), QStringLiteral("mtga.log.3")}));
    for (const QString& name : files) {
        QVERIFY(QFileInfo(dir.filePath(name)).size() <= 1000);
    }
    QVERIFY(readLines(options.file)
                .last()
                .endsWith("message number 199 with some padding to fill the file"));
}

void TestLogging::rotatesDaily() {
    QTemporaryDir dir;
    qint64 nowMs = QDateTime(QDate(2026, 11, 25), QTime(23, 59)).toMSecsSinceEpoch();
    LogOptions options;
    options.file = dir.filePath(QStringLiteral("mtga.log"));
    options.rotate = LogOptions::Rotate::Daily;
    options.keep = 2;
    options.clock = [&nowMs] { return nowMs; };
    QVERIFY(Logging::install(options).ok());
    for (int day = 0; day < 4; ++day) {
        qCInfo(lcTest, "day %d", day);
        nowMs += 24 * 3600 * 1000;
    }
    Logging::uninstall();
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files, (QStringList{QStringLiteral("mtga.log"), QStringLiteral("mtga.log.2026-11-26"),
                                 QStringLiteral("mtga.log.2026-11-27")}));
    QVERIFY(readLines(options.file).first().endsWith("day 3"));
}

void TestLogging::unwritableFileIsAnError() {
    QTemporaryDir dir;
    LogOptions options;
    options.file = dir.path();  // a folder
    const auto installed = Logging::install(options);
    QVERIFY(!installed.ok());
    QVERIFY(installed.error().message.contains(dir.path()));
}

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
