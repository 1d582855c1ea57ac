#include "worker/cli/stdiorelay.h"

#include "worker/cli/terminal.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace mtga::cli {
namespace {

constexpr int kStdin = 0;
constexpr int kStdout = 1;
constexpr qsizetype kChunkBytes = 64 * 1024;
// Above this much not yet taken by the socket, standard input waits: a worker that reads slowly
// slows the sender down instead of growing this process without bound.
constexpr qint64 kHighWaterBytes = 4 * 1024 * 1024;

// Blocking, so a slow reader of standard output holds the socket back the same way.
bool writeAll(const char* data, qsizetype size) {
    while (size > 0) {
        const ssize_t written = ::write(kStdout, data, static_cast<size_t>(size));
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data += written;
        size -= written;
    }
    return true;
}

}  // namespace

StdioRelay::StdioRelay(QLocalSocket& socket, std::chrono::milliseconds drainTimeout)
    : m_socket(socket), m_input(kStdin, QSocketNotifier::Read) {
    m_drain.setSingleShot(true);
    m_drain.setInterval(drainTimeout);
    QObject::connect(&m_drain, &QTimer::timeout, [this] { finish(0); });
    QObject::connect(&m_input, &QSocketNotifier::activated, [this] { readInput(); });
    QObject::connect(&m_socket, &QLocalSocket::readyRead, [this] { readSocket(); });
    QObject::connect(&m_socket, &QLocalSocket::bytesWritten, [this] { socketWritten(); });
    QObject::connect(&m_socket, &QLocalSocket::disconnected, [this] {
        readSocket();
        finish(0);
    });
    QObject::connect(&m_socket, &QLocalSocket::errorOccurred,
                     [this](QLocalSocket::LocalSocketError error) {
                         if (error == QLocalSocket::PeerClosedError) {
                             return;  // `disconnected` follows: a clean end
                         }
                         printError(tr("mtga control-stdio: the control socket failed: %1")
                                        .arg(m_socket.errorString()));
                         finish(1);
                     });
}

int StdioRelay::run() {
    readSocket();
    if (!m_done) {
        m_loop.exec();
    }
    return m_exitCode;
}

void StdioRelay::readInput() {
    QByteArray buffer(kChunkBytes, Qt::Uninitialized);
    const ssize_t size = ::read(kStdin, buffer.data(), static_cast<size_t>(buffer.size()));
    if (size < 0) {
        if (errno == EINTR || errno == EAGAIN) {
            return;
        }
        printError(tr("mtga control-stdio: cannot read standard input: %1")
                       .arg(QString::fromLocal8Bit(std::strerror(errno))));
        finish(1);
        return;
    }
    if (size == 0) {
        m_inputEnded = true;
        m_input.setEnabled(false);
        socketWritten();
        return;
    }
    countRequests(buffer.constData(), size);
    m_socket.write(buffer.constData(), size);
    if (m_socket.bytesToWrite() > kHighWaterBytes) {
        m_input.setEnabled(false);
    }
}

void StdioRelay::socketWritten() {
    if (!m_inputEnded) {
        if (m_socket.bytesToWrite() <= kHighWaterBytes / 2) {
            m_input.setEnabled(true);
        }
        return;
    }
    if (m_draining || m_socket.bytesToWrite() > 0) {
        return;
    }
    m_draining = true;
    m_drain.start();
    finishWhenAnswered();
}

void StdioRelay::countRequests(const char* data, qsizetype size) {
    for (qsizetype i = 0; i < size; ++i) {
        const char c = data[i];
        if (c == '\n') {
            m_requests += m_lineHasContent ? 1 : 0;
            m_lineHasContent = false;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            m_lineHasContent = true;
        }
    }
}

void StdioRelay::finishWhenAnswered() {
    if (m_draining && m_replies >= m_requests) {
        finish(0);
    }
}

void StdioRelay::readSocket() {
    if (m_done) {
        return;
    }
    const QByteArray data = m_socket.readAll();
    if (!data.isEmpty() && !writeAll(data.constData(), data.size())) {
        // Whoever read our output has gone (the ssh session ended): the session is over.
        finish(errno == EPIPE ? 0 : 1);
        return;
    }
    m_replies += data.count('\n');
    finishWhenAnswered();
}

void StdioRelay::finish(int exitCode) {
    if (m_done) {
        return;
    }
    m_done = true;
    m_exitCode = exitCode;
    m_input.setEnabled(false);
    m_drain.stop();
    m_loop.exit(exitCode);
}

}  // namespace mtga::cli
