#include "worker/cli/terminal.h"

#include <QProcessEnvironment>
#include <QTextStream>

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
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

int outputWidth() {
    constexpr int kDefaultWidth = 120;
    winsize size{};
    if (::isatty(STDOUT_FILENO) != 0 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
        size.ws_col > 0) {
        return size.ws_col;
    }
    bool ok = false;
    const int columns =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("COLUMNS")).toInt(&ok);
    return ok && columns > 0 ? columns : kDefaultWidth;
}

QString oneLine(QString text) {
    for (QChar& c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t')) {
            c = QLatin1Char(' ');
        }
    }
    return text;
}

QString cut(const QString& text, qsizetype width) {
    if (text.size() <= width) {
        return text;
    }
    return text.left(std::max<qsizetype>(width - 1, 0)) + QChar(0x2026);  // …
}

}  // namespace mtga::cli
