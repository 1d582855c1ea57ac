// PrometheusText: HELP and TYPE before a family's samples, label values escaped as the text
// format says (backslash, double quote, line feed), integers with every digit, fractions as they
// are; MetricsServer's addresses: a port alone binds 127.0.0.1.

#include "worker/metrics/metricsserver.h"
#include "worker/metrics/prometheustext.h"

#include <QtTest>

using namespace mtga;

class TestPrometheusText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void familiesAndSamples();
    void labelValuesAreEscaped_data();
    void labelValuesAreEscaped();
    void addresses_data();
    void addresses();
};

void TestPrometheusText::familiesAndSamples() {
    PrometheusText out;
    out.family("mtga_partition_high_offset", "gauge", QStringLiteral("High.\nThe end \\ of it."));
    out.sample("mtga_partition_high_offset",
               {{QStringLiteral("topic"), QStringLiteral("t")},
                {QStringLiteral("partition"), QStringLiteral("3")}},
               6197511755.0);
    out.sample("mtga_partition_high_offset", 0.25);
    QCOMPARE(out.text(),
             QByteArray("# HELP mtga_partition_high_offset High.\\nThe end \\\\ of it.\n"
                        "# TYPE mtga_partition_high_offset gauge\n"
                        "mtga_partition_high_offset{topic=\"t\",partition=\"3\"} "
                        "6197511755\n"
                        "mtga_partition_high_offset 0.25\n"));
}

void TestPrometheusText::labelValuesAreEscaped_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("escaped");
    QTest::newRow("plain") << QStringLiteral("mulog_clean_24") << QByteArray("mulog_clean_24");
    QTest::newRow("quote") << QStringLiteral("a\"b") << QByteArray("a\\\"b");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QByteArray("a\\\\b");
    QTest::newRow("line feed") << QStringLiteral("a\nb") << QByteArray("a\\nb");
    QTest::newRow("UTF-8") << QStringLiteral("名字") << QString(QStringLiteral("名字")).toUtf8();
}

void TestPrometheusText::labelValuesAreEscaped() {
    QFETCH(QString, value);
    QFETCH(QByteArray, escaped);
    QCOMPARE(PrometheusText::escapeLabel(value), escaped);
}

void TestPrometheusText::addresses_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("port only") << QStringLiteral("9464") << true << QStringLiteral("127.0.0.1")
                               << 9464;
    QTest::newRow("all interfaces")
        << QStringLiteral("0.0.0.0:9464") << true << QStringLiteral("0.0.0.0") << 9464;
    QTest::newRow("localhost") << QStringLiteral("localhost:0") << true
                               << QStringLiteral("localhost") << 0;
    QTest::newRow("a name") << QStringLiteral("metrics.example:80") << false << QString() << 0;
    QTest::newRow("no port") << QStringLiteral("127.0.0.1:") << false << QString() << 0;
    QTest::newRow("too large") << QStringLiteral("70000") << false << QString() << 0;
}

void TestPrometheusText::addresses() {
    QFETCH(QString, address);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString parsedHost;
    quint16 parsedPort = 0;
    QCOMPARE(MetricsServer::parse(address, &parsedHost, &parsedPort), valid);
    if (valid) {
        QCOMPARE(parsedHost, host);
        QCOMPARE(int(parsedPort), port);
    }
}

QTEST_GUILESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
