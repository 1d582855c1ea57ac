#pragma once

// WorkerList: the workers the console watches, in the order the operator added them, each a
// WorkerSession; the ones added in the console are remembered (QSettings, "workers"), the ones
// given with --connect only for this run.

#include "gui/session/workersession.h"

#include <QObject>
#include <QSettings>

#include <vector>

namespace mtga::gui {

class WorkerList : public QObject {
    Q_OBJECT

public:
    explicit WorkerList(WorkerSession::Options options = {}, QObject* parent = nullptr);

    // The remembered workers, started.
    void load(QSettings& settings);
    void save(QSettings& settings) const;

    // A new worker, started; `remember`: kept across runs. Its index.
    int add(const WorkerSpec& spec, bool remember = true);
    void remove(int index);
    int count() const { return static_cast<int>(m_sessions.size()); }
    WorkerSession* at(int index) const;
    int indexOf(const WorkerSession* session) const;
    // The worst light of all workers (the tray's colour); Connecting without any.
    WorkerSession::Light worstLight() const;

Q_SIGNALS:
    void added(int index);
    void removed(int index);
    void sessionChanged(int index);

private:
    struct Entry {
        WorkerSession* session;  // child
        bool remembered;
    };
    WorkerSession::Options m_options;
    std::vector<Entry> m_sessions;
};

}  // namespace mtga::gui
