// AlertCenter with a scripted clock: a firing key is sent once and not again while it stays the
// same (a reminder after repeat_interval), changes within min_interval go out together once it
// has passed, a problem that came and went within it is kept but not sent, a resolved notice
// follows a firing one, log notices are rate-limited and never resolved, and every change is in
// the history with the worker and host.

#include "worker/alerts/alertcenter.h"

#include <QtTest>

using namespace mtga;
using namespace std::chrono_literals;

namespace {

struct Bench {
    int64_t now = 1'000'000;
    std::vector<Alert> sent;
    std::vector<Alert> kept;
    AlertCenter center;

    explicit Bench(AlertOptions options)
        : center(
              options, QStringLiteral("node-7"), QStringLiteral("ta-01"),
              [this](const Alert& alert) { sent.push_back(alert); },
              [this](Alert& alert) {
                  alert.id = static_cast<qint64>(kept.size()) + 1;
                  kept.push_back(alert);
              },
              [this] { return now; }) {}
};

AlertOptions options() {
    AlertOptions o;
    o.minInterval = 10s;
    o.repeatInterval = 1h;
    return o;
}

Alert alertOf(const char* key, const char* summary) {
    Alert alert;
    alert.key = QString::fromLatin1(key);
    alert.kind = QStringLiteral("health");
    alert.severity = QString(Alert::kWarning);
    alert.summary = QString::fromLatin1(summary);
    return alert;
}

}  // namespace

class TestAlertCenter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void firingOnceThenResolved();
    void changesWithinTheIntervalGoOutTogether();
    void cameAndWentIsKeptNotSent();
    void remindersWhileFiring();
    void logNoticesAreRateLimited();
    void resolveWithoutFiringIsNothing();
};

void TestAlertCenter::firingOnceThenResolved() {
    Bench bench(options());
    bench.center.raise(alertOf("health:stall", "2 stalled"));
    bench.now += 1000;
    bench.center.raise(alertOf("health:stall", "2 stalled"));  // the same: nothing new
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(1));
    QCOMPARE(bench.sent[0].status, QString(Alert::kFiring));
    QCOMPARE(bench.sent[0].worker, QStringLiteral("node-7"));
    QCOMPARE(bench.sent[0].host, QStringLiteral("ta-01"));
    QCOMPARE(bench.sent[0].timeMs, 1'000'000);
    QCOMPARE(bench.sent[0].id, 1);
    QVERIFY(bench.center.isFiring(QStringLiteral("health:stall")));
    bench.now += 20'000;
    bench.center.resolve(alertOf("health:stall", "no partition is stall any more"));
    QCOMPARE(bench.sent.size(), size_t(2));
    QCOMPARE(bench.sent[1].status, QString(Alert::kResolved));
    QVERIFY(!bench.center.isFiring(QStringLiteral("health:stall")));
    QCOMPARE(bench.kept.size(), size_t(2));
    QCOMPARE(bench.center.recent(10).front().status, QString(Alert::kResolved));
}

void TestAlertCenter::changesWithinTheIntervalGoOutTogether() {
    Bench bench(options());
    bench.center.raise(alertOf("health:stall", "1 stalled"));
    bench.now += 2000;
    bench.center.raise(alertOf("health:stall", "2 stalled"));
    bench.now += 2000;
    bench.center.raise(alertOf("health:stall", "3 stalled"));
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(1));  // within min_interval of the first
    QCOMPARE(bench.kept.size(), size_t(3));  // but every change is in the history
    bench.now += 6000;
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(2));
    QCOMPARE(bench.sent[1].summary, QStringLiteral("3 stalled"));  // the newest only
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(2));
}

void TestAlertCenter::cameAndWentIsKeptNotSent() {
    Bench bench(options());
    bench.center.raise(alertOf("health:stall", "1 stalled"));
    bench.center.resolve(alertOf("health:stall", "gone"));
    bench.now += 1000;
    bench.center.raise(alertOf("health:stall", "1 stalled again"));  // waits for the interval
    bench.now += 1000;
    bench.center.resolve(alertOf("health:stall", "gone again"));  // came and went within it
    bench.now += 60'000;
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(2));  // the first firing and its resolve only
    QCOMPARE(bench.kept.size(), size_t(4));
}

void TestAlertCenter::remindersWhileFiring() {
    Bench bench(options());
    bench.center.raise(alertOf("failure_queue", "passed 1000"));
    bench.now += 59 * 60'000;
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(1));
    bench.now += 60'000;
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(2));
    QCOMPARE(bench.sent[1].summary, QStringLiteral("passed 1000"));
    QCOMPARE(bench.kept.size(), size_t(1));  // a reminder is no new history
}

void TestAlertCenter::logNoticesAreRateLimited() {
    Bench bench(options());
    Alert line = alertOf("log:mtga.sink", "cannot write");
    line.kind = QStringLiteral("log");
    for (int i = 0; i < 100; ++i) {
        bench.center.notify(line);
        bench.now += 100;
    }
    QCOMPARE(bench.sent.size(), size_t(1));
    bench.now += 10'000;
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(2));  // what came meanwhile, once
    bench.now += 2 * 3'600'000;
    bench.center.tick();
    QCOMPARE(bench.sent.size(), size_t(2));  // no reminders for log lines
}

void TestAlertCenter::resolveWithoutFiringIsNothing() {
    Bench bench(options());
    bench.center.resolve(alertOf("self_check:store", "passes again"));
    QVERIFY(bench.sent.empty());
    QVERIFY(bench.kept.empty());
}

QTEST_APPLESS_MAIN(TestAlertCenter)
#include "tst_alertcenter.moc"
