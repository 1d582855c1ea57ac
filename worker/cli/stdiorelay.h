#pragma once

// StdioRelay: carries bytes between this process's standard input and output and a connected
// control socket, unchanged, so that `ssh host mtga control-stdio` speaks the control protocol
// to a worker on another machine without opening a port. Event-driven: it waits in the event
// loop for either side, reads what is there (a partial line, or a line of any size, is just
// bytes), and stops reading standard input while the socket has not taken what it was given.

#include <QCoreApplication>
#include <QEventLoop>
#include <QLocalSocket>
#include <QSocketNotifier>
#include <QTimer>

#include <chrono>

namespace mtga::cli {

class StdioRelay {
    Q_DECLARE_TR_FUNCTIONS(StdioRelay)

public:
    // `socket` is connected. When standard input ends, the relay sends what it still holds and
    // goes on relaying until a line has come back for every request line it sent (the protocol
    // answers each exactly once), the worker closes, or `drainTimeout` passed. (A half close
    // would say "no more requests" more simply, but the worker drops the replies it has not yet
    // flushed when it reads the end of its input.)
    StdioRelay(QLocalSocket& socket, std::chrono::milliseconds drainTimeout);

    // Relays until either side closes: 0 on a clean end, 1 on an I/O error (printed).
    int run();

private:
    void readInput();
    void readSocket();
    void socketWritten();
    void countRequests(const char* data, qsizetype size);
    void finishWhenAnswered();
    void finish(int exitCode);

    QLocalSocket& m_socket;
    QSocketNotifier m_input;
    QTimer m_drain;
    QEventLoop m_loop;
    bool m_inputEnded = false;
    bool m_draining = false;
    qint64 m_requests = 0;  // complete request lines sent (blank lines get no reply)
    qint64 m_replies = 0;   // lines received
    bool m_lineHasContent = false;
    bool m_done = false;
    int m_exitCode = 0;
};

}  // namespace mtga::cli
