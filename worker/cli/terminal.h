#pragma once

// Line output for the CLI: stdout for results (what scripts read), stderr for progress and errors.

#include <QString>

namespace mtga::cli {

void printLine(const QString& text);
void printError(const QString& text);

// The terminal's width when stdout is one, else $COLUMNS, else 120: piped output stays the same
// from one run to the next.
int outputWidth();
// Tabs and line breaks as spaces: one table cell or one line of output.
QString oneLine(QString text);
// `text` cut to `width` characters, the last one an ellipsis when it was longer.
QString cut(const QString& text, qsizetype width);
// A span of seconds as operators read it at a glance: 0.8s, 42s, 12m05s, 3h02m, 2d03h.
QString spanText(double seconds);

}  // namespace mtga::cli
