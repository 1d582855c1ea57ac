#pragma once

// Line output for the CLI: stdout for results (what scripts read), stderr for progress and errors.

#include <QString>

namespace mtga::cli {

void printLine(const QString& text);
void printError(const QString& text);

}  // namespace mtga::cli
