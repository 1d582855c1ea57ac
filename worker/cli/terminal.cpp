#include "worker/cli/terminal.h"

#include <QTextStream>

#include <cstdio>

namespace mtga::cli {

void printLine(const QString& text) {
    static QTextStream out(stdout);
    out << text << Qt::endl;  // flushed: a supervising process reads it line by line
}

void printError(const QString& text) {
    static QTextStream err(stderr);
    err << text << Qt::endl;
}

}  // namespace mtga::cli
