// Alerts end to end against a real `mtga run` on the embedded Kafka and local HTTP receivers:
// a stopped output raises stall and stopped alerts (partitions, lag, what to run next) and a
// resolved notice when it returns; `mtga alerts` lists the history and `mtga alerts test`
// reports each receiver. Receivers that are down, hang past the timeout or answer 500 never
// slow the pipeline (every event written once), retries back off, and what waits is bounded.

#include "shared/controlclient.h"
#include "tests/support/processrunner.h"
#include "tests/support/resettest.h"
#include "tests/support/webhookreceiver.h"
#include "worker/alerts/webhooksender.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QtTest>

using namespace mtga;
using namespace mtga::test;

namespace {

QString alertsSection(const QStringList& hooks, const QString& more = {}) {
    QStringList quoted;
    for (const QString& hook : hooks) {
        quoted << QLatin1Char('"') + hook + QLatin1Char('"');
    }
    return QStringLiteral(
               "health:\n"
               "  sample_interval: 200ms\n"
               "  window: 5\n"
               "  stall_after: 2s\n"
               "  stopped_after: 5s\n"
               "alerts:\n"
               "  name: alert-test\n"
               "  webhooks: [%1]\n"
               "  min_interval: 0\n"
               "  timeout: 1s\n")
               .arg(quoted.join(QStringLiteral(", "))) +
           more;
}

// The generic bodies with this key and status.
QList<QJsonObject> alertsOf(const WebhookReceiver& receiver, const QString& key,
                            const QString& status) {
    QList<QJsonObject> found;
    for (const QJsonObject& body : receiver.json()) {
        if (body.value(QLatin1String("key")).toString() == key &&
            body.value(QLatin1String("status")).toString() == status) {
            found << body;
        }
    }
    return found;
}

QString bodies(const WebhookReceiver& receiver) {
    QStringList all;
    for (const auto& request : receiver.requests()) {
        all << QString::fromUtf8(request.body);
    }
    return all.join(QLatin1Char('\n'));
}

struct Cli {
    int exitCode = -1;
    QString out;
};

// Runs the CLI while this process's event loop goes on: the receivers live here too.
Cli runMtga(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(MTGA_BINARY), arguments);
    QSignalSpy finished(&process, &QProcess::finished);
    Cli run;
    if (!finished.wait(60'000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    return run;
}

}  // namespace

class TestAlerts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stoppedOutputAlertsAndResolves();
    void alertsTestReportsEachReceiver();
    void badReceiversNeverHoldThePipeline();
    void whatWaitsIsBounded();
    void httpsReceiversAreVerified();
};

void TestAlerts::stoppedOutputAlertsAndResolves() {
    WebhookReceiver receiver;
    QVERIFY(receiver.listen());
    ResetBench bench(QStringLiteral("alerted"), 2);
    QVERIFY(bench.startKafka());
    QVERIFY(bench.produce(6000));
    bench.configure([&](mtga::test::WorkerConfig& config) {
        config.sections = alertsSection({receiver.url()});
        config.pipeline = QStringLiteral("  queue_max_messages: 100\n");
        config.sink = QStringLiteral("  batch_bytes: 16KiB\n");
    });
    QVERIFY(bench.startWorker(2));
    QVERIFY(bench.waitCaughtUp(60'000));
    QVERIFY(
        limitFileSize(bench.worker().processId(), QString::number(largestOutputFile(bench.out()))));
    QVERIFY(bench.produce(4000));
    QTRY_VERIFY2_WITH_TIMEOUT(
        !alertsOf(receiver, QStringLiteral("health:stopped"), QStringLiteral("firing")).isEmpty(),
        qPrintable(bodies(receiver)), 40'000);
    const QList<QJsonObject> stalled =
        alertsOf(receiver, QStringLiteral("health:stall"), QStringLiteral("firing"));
    QVERIFY2(!stalled.isEmpty(), qPrintable(bodies(receiver)));
    const QJsonObject stopped =
        alertsOf(receiver, QStringLiteral("health:stopped"), QStringLiteral("firing")).last();
    QCOMPARE(stopped.value(QLatin1String("worker")).toString(), QStringLiteral("alert-test"));
    QVERIFY(!stopped.value(QLatin1String("host")).toString().isEmpty());
    QCOMPARE(stopped.value(QLatin1String("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(stopped.value(QLatin1String("health")).toString(), QStringLiteral("stopped"));
    const QJsonArray partitions = stopped.value(QLatin1String("partitions")).toArray();
    QVERIFY2(partitions.contains(QStringLiteral("alerted[0]")) ||
                 partitions.contains(QStringLiteral("alerted[1]")),
             qPrintable(bodies(receiver)));
    QVERIFY(stopped.value(QLatin1String("lag")).toInteger() > 0);
    QVERIFY(stopped.value(QLatin1String("lag_seconds")).toDouble() > 0);
    QVERIFY(stopped.value(QLatin1String("hint"))
                .toString()
                .contains(QLatin1String("mtga offset_checker -c ")));
    QVERIFY(stopped.value(QLatin1String("text")).toString().startsWith(QLatin1String("[FIRING]")));

    QVERIFY(limitFileSize(bench.worker().processId(), QStringLiteral("unlimited")));
    QVERIFY(bench.waitCaughtUp(60'000));
    QTRY_VERIFY2_WITH_TIMEOUT(
        !alertsOf(receiver, QStringLiteral("health:stopped"), QStringLiteral("resolved")).isEmpty(),
        qPrintable(bodies(receiver)), 30'000);
    // Deduplicated: a firing notice when a partition joins the state (at most one per
    // partition), however many samples saw it, and none when one leaves before the last.
    QVERIFY2(
        alertsOf(receiver, QStringLiteral("health:stopped"), QStringLiteral("firing")).size() <= 2,
        qPrintable(bodies(receiver)));
    QCOMPARE(
        alertsOf(receiver, QStringLiteral("health:stopped"), QStringLiteral("resolved")).size(), 1);

    const Cli history = runMtga(
        {QStringLiteral("alerts"), QStringLiteral("-c"), bench.config(), QStringLiteral("--json")});
    QCOMPARE(history.exitCode, 0);
    const auto reply =
        AlertsReply::fromJson(QJsonDocument::fromJson(history.out.toUtf8()).object());
    QVERIFY2(reply, qPrintable(history.out));
    QVERIFY(reply->alerts.size() >= 4);
    QCOMPARE(reply->alerts.front().status, QStringLiteral("resolved"));  // newest first
    QVERIFY(reply->alerts.front().id > reply->alerts.back().id);
    const Cli table = runMtga({QStringLiteral("alerts"), QStringLiteral("-c"), bench.config()});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(QLatin1String("firing    critical  2 partition(s) stopped")) ||
                 table.out.contains(QLatin1String("firing    critical  1 partition(s) stopped")),
             qPrintable(table.out));
    QVERIFY(stopCleanly(bench.worker(), 60'000));
    QVERIFY(writtenTimes(bench.out(), bench.onceEach()));
}

void TestAlerts::alertsTestReportsEachReceiver() {
    WebhookReceiver good;
    WebhookReceiver failing(WebhookReceiver::Mode::Error);
    QVERIFY(good.listen());
    QVERIFY(failing.listen());
    const QString down = WebhookReceiver::downUrl();
    ResetBench bench(QStringLiteral("tested"), 1);
    QVERIFY(bench.startKafka());
    bench.configure([&](mtga::test::WorkerConfig& config) {
        config.sections =
            alertsSection({QStringLiteral("slack:") + good.url(QStringLiteral("s?token=secret")),
                           failing.url(), down});
    });
    QVERIFY(bench.startWorker(1));
    const Cli run = runMtga({QStringLiteral("alerts"), QStringLiteral("test"), QStringLiteral("-c"),
                             bench.config(), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 1);  // two of three failed
    const auto reply = AlertTestReply::fromJson(QJsonDocument::fromJson(run.out.toUtf8()).object());
    QVERIFY2(reply, qPrintable(run.out));
    QCOMPARE(reply->receivers.size(), size_t(3));
    QVERIFY2(reply->receivers[0].ok, qPrintable(run.out));
    QCOMPARE(reply->receivers[0].httpStatus, 200);
    QCOMPARE(reply->receivers[0].format, QStringLiteral("slack"));
    QVERIFY2(!reply->receivers[0].receiver.contains(QLatin1String("secret")),
             "the token in the query is not shown");
    QVERIFY(!reply->receivers[1].ok);
    QCOMPARE(reply->receivers[1].httpStatus, 500);
    QVERIFY(!reply->receivers[2].ok);
    QVERIFY(!reply->receivers[2].error.isEmpty());
    QCOMPARE(reply->receivers[2].attempts, 1);  // a test is not retried
    QCOMPARE(good.requests().size(), size_t(1));
    const QJsonObject slack = QJsonDocument::fromJson(good.requests().front().body).object();
    QVERIFY(slack.value(QLatin1String("text")).toString().contains(QLatin1String("test alert")));
    QVERIFY(stopCleanly(bench.worker(), 60'000));
}

void TestAlerts::badReceiversNeverHoldThePipeline() {
    WebhookReceiver hanging(WebhookReceiver::Mode::Hang);
    WebhookReceiver failing(WebhookReceiver::Mode::Error);
    QVERIFY(hanging.listen());
    QVERIFY(failing.listen());
    ResetBench bench(QStringLiteral("storm"), 4);
    QVERIFY(bench.startKafka());
    // Every invalid event goes to the failure queue: past the threshold of 1 at once, an alert
    // to three receivers that will not take it, while 20,000 events stream.
    bench.configure([&](mtga::test::WorkerConfig& config) {
        config.sections = alertsSection({hanging.url(), failing.url(), WebhookReceiver::downUrl()},
                                        QStringLiteral("  retries: 4\n"
                                                       "  retry_backoff: 300ms\n"
                                                       "  failure_queue_threshold: 1\n"));
    });
    QVERIFY(bench.startWorker(4));
    Traffic traffic = trafficOf(bench.topic().toStdString(), 20'000, 20);
    traffic.first = 1'000'000;
    const Expected expected = produce(bench.kafka().bootstrap(), traffic);
    QVERIFY(!expected.pids.empty());
    QTRY_VERIFY_WITH_TIMEOUT(scanOutput(bench.out()).lines >= expected.pids.size(), 120'000);
    // The failing receiver saw the alert again and again, each time later.
    QTRY_VERIFY_WITH_TIMEOUT(failing.requests().size() >= 5, 30'000);
    const auto& seen = failing.requests();
    QVERIFY2(seen.size() == 5, "the first attempt and four retries, no more");
    // Each retry waits at least its backoff, 300 ms doubling: a busy machine only adds to the
    // gaps, so they are checked against the schedule, not against each other.
    qint64 backoff = 300;
    for (size_t i = 1; i < seen.size(); ++i, backoff *= 2) {
        const qint64 gap = seen[i].timeMs - seen[i - 1].timeMs;
        QVERIFY2(gap >= backoff - 50,
                 qPrintable(QStringLiteral("retry %1 came %2 ms after the attempt before it; the "
                                           "backoff is %3 ms")
                                .arg(i)
                                .arg(gap)
                                .arg(backoff)));
    }
    QVERIFY(hanging.requests().size() >= 1);
    QVERIFY(stopCleanly(bench.worker(), 60'000));
    QVERIFY(writtenExactlyOnce(scanOutput(bench.out()), expected.pids));
    QVERIFY(bench.worker().standardError().contains(
        QLatin1String("was not delivered after 5 attempt(s)")));
}

void TestAlerts::whatWaitsIsBounded() {
    WebhookReceiver hanging(WebhookReceiver::Mode::Hang);
    QVERIFY(hanging.listen());
    AlertOptions options;
    options.webhooks = {{QUrl(hanging.url()), AlertFormat::Generic}};
    options.timeout = std::chrono::milliseconds(60'000);
    options.maxPending = 20;
    WebhookSender sender(options);
    Alert alert;
    alert.key = QStringLiteral("flood");
    alert.summary = QStringLiteral("one of many");
    for (int i = 0; i < 5000; ++i) {
        sender.send(alert);
    }
    // Qt opens at most six connections to one host; the sender has eight requests in flight.
    QTRY_VERIFY_WITH_TIMEOUT(hanging.requests().size() >= 6, 10'000);
    QTest::qWait(500);
    const WebhookStats stats = sender.stats();
    QVERIFY2(stats.pending <= 20, qPrintable(QString::number(stats.pending)));
    QCOMPARE(stats.dropped + stats.pending, qint64(5000));
    QVERIFY(hanging.requests().size() <= 8);
}

void TestAlerts::httpsReceiversAreVerified() {
    // A certificate of its own for 127.0.0.1, which no CA store trusts.
    QTemporaryDir dir;
    const QString certificate = dir.filePath(QStringLiteral("receiver.pem"));
    const QString key = dir.filePath(QStringLiteral("receiver.key"));
    int exitCode = -1;
    runToCompletion(QStringLiteral("openssl"),
                    {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                     QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                     QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                     QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate},
                    30'000, &exitCode);
    QCOMPARE(exitCode, 0);
    WebhookReceiver receiver;
    QVERIFY(receiver.listen(certificate, key));
    QVERIFY(receiver.url().startsWith(QLatin1String("https://")));
    AlertOptions options;
    options.webhooks = {{QUrl(receiver.url()), AlertFormat::Feishu}};
    options.timeout = std::chrono::milliseconds(5000);
    Alert alert;
    alert.key = QStringLiteral("test");
    alert.summary = QStringLiteral("over TLS");
    const auto sendTest = [&] {
        WebhookSender sender(options);
        std::optional<AlertTestReply> result;
        sender.sendTest(alert, [&](const AlertTestReply& reply) {
            QMetaObject::invokeMethod(qApp, [&result, reply] { result = reply; });
        });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10'000)) {
            return AlertTestReply{};
        }
        return *result;
    };
    // Not trusted: refused, and the test says why.
    const AlertTestReply untrusted = sendTest();
    QCOMPARE(untrusted.receivers.size(), size_t(1));
    QVERIFY(!untrusted.receivers[0].ok);
    QVERIFY2(
        untrusted.receivers[0].error.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
        qPrintable(untrusted.receivers[0].error));
    QVERIFY(receiver.requests().empty());
    // Trusted by the CA store the sender verifies against (the process's default, which is the
    // system's): delivered over TLS.
    QFile pem(certificate);
    QVERIFY(pem.open(QIODevice::ReadOnly));
    QSslConfiguration trusted = QSslConfiguration::defaultConfiguration();
    trusted.addCaCertificates(QSslCertificate::fromData(pem.readAll(), QSsl::Pem));
    QSslConfiguration::setDefaultConfiguration(trusted);
    const AlertTestReply delivered = sendTest();
    QVERIFY2(delivered.receivers.size() == 1 && delivered.receivers[0].ok,
             qPrintable(delivered.receivers.empty() ? QString() : delivered.receivers[0].error));
    QCOMPARE(receiver.requests().size(), size_t(1));
    const QJsonObject body = QJsonDocument::fromJson(receiver.requests().front().body).object();
    QCOMPARE(body.value(QLatin1String("msg_type")).toString(), QStringLiteral("text"));
}

QTEST_GUILESS_MAIN(TestAlerts)
#include "tst_alerts.moc"
