#pragma once

// DesktopNotifier: decides when the desktop should speak about a worker: when it turns bad (a
// partition in a bad health state, or unreachable for longer than a reconnect takes) and when it
// recovers, once per change; never for a restart's brief reconnect, never for a muted worker.
// The tray shows what it says (and the activity list keeps it).

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>

namespace mtga::gui {

class WorkerList;
class WorkerSession;

class DesktopNotifier : public QObject {
    Q_OBJECT

public:
    struct Options {
        int unreachableAfterMs = 15'000;  // shorter outages are reconnects, not news
    };

    DesktopNotifier(WorkerList* workers, Options options, QObject* parent = nullptr);

Q_SIGNALS:
    // `bad`: it turned bad (false: it recovered).
    void notify(const QString& worker, const QString& text, bool bad);

private:
    struct Seen {
        bool bad = false;
        QString problem;  // what was announced
        QElapsedTimer unreachableSince;
    };
    void check(WorkerSession* session);
    void checkAll();
    // What is wrong now, or empty; `unreachable` says whether it is the connection.
    QString problemOf(const WorkerSession& session, bool* unreachable) const;

    WorkerList* m_workers;
    Options m_options;
    std::map<const WorkerSession*, Seen> m_seen;
    QTimer m_timer;
};

}  // namespace mtga::gui
