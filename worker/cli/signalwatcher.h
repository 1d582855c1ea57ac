#pragma once

// SignalWatcher: turns SIGINT, SIGTERM and SIGHUP into a Qt signal in the event loop. The handler
// only writes the signal number to a socket pair (the self-pipe trick); all work happens later in
// the event loop, where it is safe.

#include <QObject>
#include <QSocketNotifier>

#include <memory>

namespace mtga {

class SignalWatcher : public QObject {
    Q_OBJECT

public:
    // Only one watcher may exist at a time; it restores the default handlers when destroyed.
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    void readSignals();

    std::unique_ptr<QSocketNotifier> m_notifier;
};

}  // namespace mtga
