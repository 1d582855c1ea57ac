#pragma once

// What the tests of `--ssh` share: the environment variables a test sets for the mtga it runs
// (restored after it), the stand-in ssh, and a worker that answers fixed values and counts the
// mutating calls that reach it.

#include "worker/control/controlserver.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace mtga::test {

// Sets variables of this process's environment, which the processes it starts inherit, and
// puts back what was there when it goes.
class ScopedEnvironment {
public:
    ScopedEnvironment() = default;
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
    ~ScopedEnvironment();

    void set(const char* name, const QString& value);

private:
    std::vector<std::pair<QByteArray, std::optional<QByteArray>>> m_saved;
};

// tests/data/ssh/standin-ssh.sh: takes ssh's arguments and runs the remote command here.
QString standinSsh();

// A ControlServer on `socket` that answers as a worker does with fixed values: `status`
// (sampleStatus()), `offsets` (sampleOffsets()), `kafka_lag` (theirs), and the mutating `reload`
// and `restart` (apps 24), which count their calls. Whoever runs the tests is its admin.
class SampleWorker {
public:
    explicit SampleWorker(const QString& socket);
    bool listening() const { return m_server != nullptr; }
    int calls(const QString& command) const;

private:
    std::shared_ptr<std::map<QString, int>> m_calls;
    std::unique_ptr<ControlServer> m_server;
};

}  // namespace mtga::test
