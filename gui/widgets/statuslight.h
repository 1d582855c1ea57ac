#pragma once

// The status light of a worker (the list, the tray): a coloured dot per WorkerSession::Light,
// green connected, amber degraded, grey no answer / connecting, red unreachable.

#include "gui/session/workersession.h"

#include <QColor>
#include <QIcon>

namespace mtga::gui {

QColor lightColour(WorkerSession::Light light);
QIcon lightIcon(WorkerSession::Light light, int size = 16);

}  // namespace mtga::gui
