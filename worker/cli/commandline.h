#pragma once

// The `mtga` command line: finds the subcommand named by the first argument and runs it.

#include <QStringList>

namespace mtga::cli {

// Runs `mtga <command> [options]` and returns the process exit code.
int runCommandLine(const QStringList& arguments);

}  // namespace mtga::cli
