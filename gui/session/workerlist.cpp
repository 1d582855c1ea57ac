#include "gui/session/workerlist.h"

namespace mtga::gui {

namespace {

int badness(WorkerSession::Light light) {
    switch (light) {
        case WorkerSession::Light::Connected:
            return 0;
        case WorkerSession::Light::Connecting:
            return 1;
        case WorkerSession::Light::Degraded:
            return 2;
        case WorkerSession::Light::NoAnswer:
            return 3;
        case WorkerSession::Light::Unreachable:
            return 4;
    }
    return 0;
}

}  // namespace

WorkerList::WorkerList(WorkerSession::Options options, QObject* parent)
    : QObject(parent), m_options(options) {}

void WorkerList::load(QSettings& settings) {
    const int size = settings.beginReadArray(QStringLiteral("workers"));
    std::vector<std::pair<WorkerSpec, bool>> loaded;
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        Result<WorkerSpec> spec =
            WorkerSpec::parse(settings.value(QStringLiteral("target")).toString(),
                              settings.value(QStringLiteral("name")).toString());
        if (spec) {
            loaded.emplace_back(spec.value(), settings.value(QStringLiteral("muted")).toBool());
        }
    }
    settings.endArray();
    for (const auto& [spec, muted] : loaded) {
        at(add(spec))->setMuted(muted);
    }
}

void WorkerList::save(QSettings& settings) const {
    settings.beginWriteArray(QStringLiteral("workers"));
    int i = 0;
    for (const Entry& entry : m_sessions) {
        if (!entry.remembered) {
            continue;
        }
        settings.setArrayIndex(i++);
        settings.setValue(QStringLiteral("target"), entry.session->spec().target);
        settings.setValue(QStringLiteral("name"), entry.session->spec().name);
        settings.setValue(QStringLiteral("muted"), entry.session->muted());
    }
    settings.endArray();
}

int WorkerList::add(const WorkerSpec& spec, bool remember) {
    auto* session = new WorkerSession(spec, m_options, this);
    m_sessions.push_back({session, remember});
    connect(session, &WorkerSession::changed, this, [this, session] {
        const int index = indexOf(session);
        if (index >= 0) {
            Q_EMIT sessionChanged(index);
        }
    });
    const int index = count() - 1;
    Q_EMIT added(index);
    session->start();
    return index;
}

void WorkerList::remove(int index) {
    if (index < 0 || index >= count()) {
        return;
    }
    WorkerSession* session = m_sessions[static_cast<std::size_t>(index)].session;
    m_sessions.erase(m_sessions.begin() + index);
    Q_EMIT removed(index);
    session->deleteLater();
}

WorkerSession* WorkerList::at(int index) const {
    return index >= 0 && index < count() ? m_sessions[static_cast<std::size_t>(index)].session
                                         : nullptr;
}

int WorkerList::indexOf(const WorkerSession* session) const {
    for (std::size_t i = 0; i < m_sessions.size(); ++i) {
        if (m_sessions[i].session == session) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

WorkerSession::Light WorkerList::worstLight() const {
    WorkerSession::Light worst = WorkerSession::Light::Connected;
    if (m_sessions.empty()) {
        return WorkerSession::Light::Connecting;
    }
    for (const Entry& entry : m_sessions) {
        if (badness(entry.session->light()) > badness(worst)) {
            worst = entry.session->light();
        }
    }
    return worst;
}

}  // namespace mtga::gui
