#pragma once

// StatsDecoder: reads stats event lines (JSON, then StatsEvent) on a thread of its own, so that
// a worker's 2,000-partition events (about 0.5 MB a second) never hold the window up; each
// decoded event is handed back, in order, to a function on the receiver's thread.

#include "shared/result.h"
#include "shared/values/statsevent.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace mtga::gui {

class StatsDecoder : public QObject {
    Q_OBJECT

public:
    // Takes the event: it may move it out.
    using Delivery = std::function<void(Result<StatsEvent>&)>;

    // `deliver` runs on `receiver`'s thread, not at all once `receiver` is gone.
    StatsDecoder(QObject* receiver, Delivery deliver);
    ~StatsDecoder() override;

    // Queues a line (thread-safe; returns at once).
    void decode(const QByteArray& line);

    // The line as an event, on the calling thread (what the decoder thread runs).
    static Result<StatsEvent> decodeLine(const QByteArray& line);

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker;  // lives in m_thread
};

}  // namespace mtga::gui
