#include "worker/cli/signalwatcher.h"

#include <QLoggingCategory>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <csignal>

#include <array>
#include <cerrno>
#include <cstring>

Q_LOGGING_CATEGORY(lcSignals, "mtga.signals", QtInfoMsg)

namespace mtga {
namespace {

// The handler may touch nothing but these two descriptors.
int g_signalFds[2] = {-1, -1};

constexpr std::array<int, 3> kWatchedSignals{SIGINT, SIGTERM, SIGHUP};

extern "C" void writeSignalNumber(int signalNumber) {
    const int savedErrno = errno;
    const auto byte = static_cast<unsigned char>(signalNumber);
    // If the pair is full the signal is dropped, which is fine: one pending SIGTERM is enough.
    [[maybe_unused]] const ssize_t written = ::write(g_signalFds[0], &byte, 1);
    errno = savedErrno;
}

}  // namespace

SignalWatcher::SignalWatcher(QObject* parent) : QObject(parent) {
    if (g_signalFds[0] != -1) {
        qCWarning(lcSignals, "a SignalWatcher already exists; this one stays inactive");
        return;
    }
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, g_signalFds) != 0) {
        qCCritical(lcSignals, "cannot create the signal socket pair: %s", strerror(errno));
        g_signalFds[0] = g_signalFds[1] = -1;
        return;
    }
    m_notifier = std::make_unique<QSocketNotifier>(g_signalFds[1], QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &SignalWatcher::readSignals);

    struct sigaction action {};
    action.sa_handler = writeSignalNumber;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : kWatchedSignals) {
        ::sigaction(signalNumber, &action, nullptr);
    }
}

SignalWatcher::~SignalWatcher() {
    if (!m_notifier) {
        return;
    }
    for (const int signalNumber : kWatchedSignals) {
        ::signal(signalNumber, SIG_DFL);
    }
    m_notifier.reset();
    ::close(g_signalFds[0]);
    ::close(g_signalFds[1]);
    g_signalFds[0] = g_signalFds[1] = -1;
}

void SignalWatcher::readSignals() {
    std::array<unsigned char, 16> buffer{};
    ssize_t count = 0;
    while ((count = ::read(g_signalFds[1], buffer.data(), buffer.size())) > 0) {
        for (ssize_t i = 0; i < count; ++i) {
            Q_EMIT signalReceived(buffer[static_cast<size_t>(i)]);
        }
    }
}

}  // namespace mtga
