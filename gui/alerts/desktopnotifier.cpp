#include "gui/alerts/desktopnotifier.h"

#include "gui/session/workerlist.h"
#include "shared/healthstate.h"

#include <map>

namespace mtga::gui {

DesktopNotifier::DesktopNotifier(WorkerList* workers, Options options, QObject* parent)
    : QObject(parent), m_workers(workers), m_options(options) {
    connect(workers, &WorkerList::sessionChanged, this,
            [this](int index) { check(m_workers->at(index)); });
    connect(workers, &WorkerList::removed, this, [this] {
        // Forget the sessions that are gone.
        std::map<const WorkerSession*, Seen> kept;
        for (int i = 0; i < m_workers->count(); ++i) {
            const auto it = m_seen.find(m_workers->at(i));
            if (it != m_seen.end()) {
                kept.insert(*it);
            }
        }
        m_seen.swap(kept);
    });
    // An outage becomes news once it has lasted: look again every second.
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &DesktopNotifier::checkAll);
    m_timer.start();
}

void DesktopNotifier::checkAll() {
    for (int i = 0; i < m_workers->count(); ++i) {
        check(m_workers->at(i));
    }
}

QString DesktopNotifier::problemOf(const WorkerSession& session, bool* unreachable) const {
    *unreachable = false;
    switch (session.light()) {
        case WorkerSession::Light::Unreachable:
        case WorkerSession::Light::NoAnswer:
            *unreachable = true;
            return session.lightText();
        case WorkerSession::Light::Degraded:
            break;
        case WorkerSession::Light::Connected:
        case WorkerSession::Light::Connecting:
            return {};
    }
    // Which partitions, by state: "stall: events:0, events:1".
    std::map<QString, QStringList> byState;
    if (session.stats()) {
        for (const PartitionRow& row : session.stats()->offsets) {
            const auto state = parseHealthState(QStringView(row.health));
            if (state && isBadHealth(*state)) {
                byState[row.health] << QStringLiteral("%1:%2").arg(row.topic).arg(row.partition);
            }
        }
    }
    QStringList parts;
    for (const auto& [state, partitions] : byState) {
        const QStringList shown = partitions.mid(0, 5);
        parts << tr("%1 on %n partition(s): %2", nullptr, static_cast<int>(partitions.size()))
                     .arg(state,
                          shown.join(QStringLiteral(", ")) +
                              (partitions.size() > shown.size() ? QStringLiteral("…") : QString()));
    }
    return parts.isEmpty() ? session.lightText() : parts.join(QStringLiteral("; "));
}

void DesktopNotifier::check(WorkerSession* session) {
    if (!session) {
        return;
    }
    Seen& seen = m_seen[session];
    bool unreachable = false;
    const QString problem = problemOf(*session, &unreachable);
    if (problem.isEmpty()) {
        seen.unreachableSince.invalidate();
        if (seen.bad) {
            seen.bad = false;
            seen.problem.clear();
            if (!session->muted()) {
                Q_EMIT notify(session->spec().name, tr("recovered: %1").arg(session->lightText()),
                              false);
            }
        }
        return;
    }
    if (unreachable) {
        if (!seen.unreachableSince.isValid()) {
            seen.unreachableSince.start();
        }
        if (seen.unreachableSince.elapsed() < m_options.unreachableAfterMs) {
            return;
        }
        // The reason's text changes with each attempt ("no answer for 12 s"): one notice per
        // outage.
        if (seen.bad && seen.problem == QLatin1String("unreachable")) {
            return;
        }
        seen.problem = QStringLiteral("unreachable");
    } else {
        seen.unreachableSince.invalidate();
        if (seen.bad && seen.problem == problem) {
            return;
        }
        seen.problem = problem;
    }
    seen.bad = true;
    if (!session->muted()) {
        Q_EMIT notify(session->spec().name, problem, true);
    }
}

}  // namespace mtga::gui
