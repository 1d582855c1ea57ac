// `--topic NAME:PARTITIONS` parsing of dev-kafka.

#include "tests/support/qtestprinters.h"
#include "worker/devtools/embeddedkafka.h"

#include <QtTest>

class TestTopicSpec : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
};

void TestTopicSpec::parse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("partitions");
    QTest::newRow("name and count")
        << QStringLiteral("mulog_clean_24:6") << true << QStringLiteral("mulog_clean_24") << 6;
    QTest::newRow("name only") << QStringLiteral("events") << true << QStringLiteral("events") << 1;
    QTest::newRow("spaces trimmed")
        << QStringLiteral(" t : 12 ") << true << QStringLiteral("t") << 12;
    QTest::newRow("zero partitions") << QStringLiteral("t:0") << false << QString() << 0;
    QTest::newRow("negative") << QStringLiteral("t:-3") << false << QString() << 0;
    QTest::newRow("not a number") << QStringLiteral("t:six") << false << QString() << 0;
    QTest::newRow("empty name") << QStringLiteral(":6") << false << QString() << 0;
    QTest::newRow("two colons") << QStringLiteral("a:1:2") << false << QString() << 0;
    QTest::newRow("too many partitions") << QStringLiteral("t:10001") << false << QString() << 0;
}

void TestTopicSpec::parse() {
    QFETCH(QString, text);
    QFETCH(bool, valid);
    const auto spec = mtga::TopicSpec::parse(text);
    QCOMPARE(spec.ok(), valid);
    if (valid) {
        QFETCH(QString, name);
        QFETCH(int, partitions);
        QCOMPARE(QString::fromStdString(spec->name), name);
        QCOMPARE(spec->partitions, partitions);
    } else {
        QCOMPARE(spec.error().code, mtga::ErrorCode::InvalidArgument);
        QVERIFY(spec.error().message.contains(text));
    }
}

QTEST_GUILESS_MAIN(TestTopicSpec)
#include "tst_topicspec.moc"
