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

QString spanText(double seconds) {
    if (seconds <= 0) {
        return QStringLiteral("0s");
    }
    if (seconds < 10) {
        return QStringLiteral("%1s").arg(seconds, 0, 'f', 1);
    }
    const auto whole = static_cast<qint64>(seconds);
    const auto two = [](qint64 value) {
        return QStringLiteral("%1").arg(value, 2, 10, QLatin1Char('0'));
    };
    if (whole < 60) {
        return QStringLiteral("%1s").arg(whole);
    }
    if (whole < 3600) {
        return QStringLiteral("%1m%2s").arg(whole / 60).arg(two(whole % 60));
    }
    if (whole < 86400) {
        return QStringLiteral("%1h%2m").arg(whole / 3600).arg(two(whole % 3600 / 60));
    }
    return QStringLiteral("%1d%2h").arg(whole / 86400).arg(two(whole % 86400 / 3600));
}

}  // namespace mtga::cli
