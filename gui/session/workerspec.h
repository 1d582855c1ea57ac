#pragma once

// WorkerSpec: how the operator named a worker when adding it: a control socket's path, a
// configuration file (its control.socket is looked up by `mtga config check`), or
// ssh://[user@]host[:port]/path/to/mtga.sock. It is what the console remembers across runs.

#include "shared/controlendpoint.h"
#include "shared/result.h"

#include <QCoreApplication>
#include <QString>

namespace mtga::gui {

struct WorkerSpec {
    Q_DECLARE_TR_FUNCTIONS(WorkerSpec)

public:
    enum class Kind { Socket, Config, Ssh };

    Kind kind = Kind::Socket;
    QString target;  // the absolute path, the configuration file's absolute path, or the URL
    QString name;    // shown in the list; defaults to a short form of the target

    // From what the operator typed: ssh://... is remote, a *.yml / *.yaml file a configuration,
    // anything else a socket path (relative ones from the current folder). invalid_argument,
    // saying what is wrong, for an empty text or an ssh URL without a host or a path.
    static Result<WorkerSpec> parse(const QString& text, const QString& name = {});

    // The endpoint, for Socket and Ssh (a Config's is known once looked up).
    ControlEndpoint endpoint() const;
    QString kindName() const;
    bool operator==(const WorkerSpec&) const = default;
};

}  // namespace mtga::gui
