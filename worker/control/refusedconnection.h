#pragma once

// refuseConnection: how the control server turns away a connection it will not serve
// (too_many_connections), so that the client reads why instead of seeing a reset.

#include "shared/result.h"

class QLocalSocket;

namespace mtga {

// Writes `error` as the one reply line (id null) and ends the connection: at once when the line
// cannot be handed to the kernel whole, else by ending only the sending side and dropping what
// the client sends until it hangs up, or after two seconds. The socket deletes itself.
void refuseConnection(QLocalSocket* socket, const Error& error);

}  // namespace mtga
