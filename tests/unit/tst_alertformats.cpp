// The webhook bodies: the generic JSON carries every field of the alert and its text; each chat
// robot's format is the shape its API documents (WeCom and DingTalk markdown, Feishu text,
// Slack-compatible text); the text says the state, worker, host, what, the partitions (at most
// ten named), the lag and what to run next.

#include "worker/alerts/alertformats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace mtga;

namespace {

Alert sampleAlert() {
    Alert alert;
    alert.id = 7;
    alert.key = QStringLiteral("health:stall");
    alert.kind = QStringLiteral("health");
    alert.status = QString(Alert::kFiring);
    alert.severity = QString(Alert::kWarning);
    alert.worker = QStringLiteral("node-7");
    alert.host = QStringLiteral("ta-01");
    alert.summary =
        QStringLiteral("2 partition(s) stalled: data waits and the position does not move");
    alert.partitions = {QStringLiteral("mulog_clean_24[0]"), QStringLiteral("mulog_clean_24[3]")};
    alert.health = QStringLiteral("stall");
    alert.lag = 1200;
    alert.lagSeconds = 75.3;
    alert.hint = QStringLiteral("mtga status -c /etc/mtga/mtga.yml");
    alert.timeMs = 1764000000000;
    return alert;
}

const char* kText =
    "[FIRING] node-7 (ta-01): 2 partition(s) stalled: data waits and the position does not move\n"
    "partitions: mulog_clean_24[0], mulog_clean_24[3]\n"
    "lag: 1200 message(s), 75.3 s\n"
    "next: mtga status -c /etc/mtga/mtga.yml";

}  // namespace

class TestAlertFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void textSaysWhatToDo();
    void bodies_data();
    void bodies();
    void genericCarriesTheAlert();
    void longListsAreCut();
    void formatNames();
};

void TestAlertFormats::textSaysWhatToDo() {
    QCOMPARE(AlertFormats::text(sampleAlert()), QString::fromUtf8(kText));
    Alert resolved = sampleAlert();
    resolved.status = QString(Alert::kResolved);
    resolved.lag.reset();
    resolved.partitions.clear();
    resolved.hint.clear();
    resolved.summary = QStringLiteral("no partition is stall any more");
    QCOMPARE(AlertFormats::text(resolved),
             QStringLiteral("[RESOLVED] node-7 (ta-01): no partition is stall any more"));
}

void TestAlertFormats::bodies_data() {
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("expected");
    const QString text = QString::fromUtf8(kText);
    const auto json = [](const QJsonObject& object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QTest::newRow("wecom") << int(AlertFormat::WeCom)
                           << json({{QStringLiteral("msgtype"), QStringLiteral("markdown")},
                                    {QStringLiteral("markdown"),
                                     QJsonObject{{QStringLiteral("content"), text}}}});
    QTest::newRow("dingtalk") << int(AlertFormat::DingTalk)
                              << json(
                                     {{QStringLiteral("msgtype"), QStringLiteral("markdown")},
                                      {QStringLiteral("markdown"),
                                       QJsonObject{{QStringLiteral("title"), sampleAlert().summary},
                                                   {QStringLiteral("text"), text}}}});
    QTest::newRow("feishu") << int(AlertFormat::Feishu)
                            << json({{QStringLiteral("msg_type"), QStringLiteral("text")},
                                     {QStringLiteral("content"),
                                      QJsonObject{{QStringLiteral("text"), text}}}});
    QTest::newRow("slack") << int(AlertFormat::Slack) << json({{QStringLiteral("text"), text}});
}

void TestAlertFormats::bodies() {
    QFETCH(int, format);
    QFETCH(QByteArray, expected);
    QCOMPARE(AlertFormats::body(static_cast<AlertFormat>(format), sampleAlert()), expected);
}

void TestAlertFormats::genericCarriesTheAlert() {
    const QJsonObject body =
        QJsonDocument::fromJson(AlertFormats::body(AlertFormat::Generic, sampleAlert())).object();
    QCOMPARE(body.value(QLatin1String("text")).toString(), QString::fromUtf8(kText));
    const auto back = Alert::fromJson(body, QStringLiteral("body"));
    QVERIFY2(back, qPrintable(back ? QString() : back.error().message));
    QCOMPARE(back.value(), sampleAlert());
}

void TestAlertFormats::longListsAreCut() {
    Alert alert = sampleAlert();
    alert.partitions.clear();
    for (int p = 0; p < 25; ++p) {
        alert.partitions << QStringLiteral("t[%1]").arg(p);
    }
    const QString text = AlertFormats::text(alert);
    QVERIFY(text.contains(QLatin1String("t[9], and 15 more")));
    QVERIFY(!text.contains(QLatin1String("t[10]")));
}

void TestAlertFormats::formatNames() {
    for (const char* name : {"generic", "wecom", "dingtalk", "feishu", "slack"}) {
        const auto format = parseAlertFormat(name);
        QVERIFY(format.has_value());
        QCOMPARE(alertFormatName(*format), std::string_view(name));
    }
    QVERIFY(!parseAlertFormat("https").has_value());
}

QTEST_GUILESS_MAIN(TestAlertFormats)
#include "tst_alertformats.moc"
