#include "tests/support/goldenfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace mtga::test {
namespace {

QStringList linesOf(const QString& text) {
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.constLast().isEmpty()) {
        lines.removeLast();  // the final newline ends the last line, it does not start one
    }
    return lines;
}

struct Edit {
    char kind;  // ' ' same, '-' only expected, '+' only actual
    qsizetype expectedLine;
    qsizetype actualLine;
};

// The edit script of a longest common subsequence: outputs of a CLI are a few dozen lines, so
// the quadratic table is small.
std::vector<Edit> editScript(const QStringList& a, const QStringList& b) {
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<int>> common(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1
                                        : std::max(common[i + 1][j], common[i][j + 1]);
        }
    }
    std::vector<Edit> edits;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            edits.push_back({' ', i++, j++});
        } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
            edits.push_back({'-', i++, j});  // removals first, as diff -u shows them
        } else {
            edits.push_back({'+', i, j++});
        }
    }
    return edits;
}

}  // namespace

QString unifiedDiff(const QString& expected, const QString& actual, const QString& expectedName,
                    const QString& actualName) {
    if (expected == actual) {
        return {};
    }
    const QStringList a = linesOf(expected);
    const QStringList b = linesOf(actual);
    const std::vector<Edit> edits = editScript(a, b);
    constexpr qsizetype kContext = 3;
    QString diff = QStringLiteral("--- %1\n+++ %2\n").arg(expectedName, actualName);
    if (a == b) {
        // Same lines, different bytes: only the final newline can differ.
        return diff + QStringLiteral("(the texts differ only in their final newline)\n");
    }
    const auto size = static_cast<qsizetype>(edits.size());
    qsizetype at = 0;
    while (at < size) {
        if (edits[at].kind == ' ') {
            ++at;
            continue;
        }
        // A hunk: this change and those within 2 * context lines of it, with context around.
        const qsizetype begin = std::max<qsizetype>(at - kContext, 0);
        qsizetype end = at;
        qsizetype same = 0;
        while (end < size && same <= 2 * kContext) {
            same = edits[end].kind == ' ' ? same + 1 : 0;
            ++end;
        }
        end = std::min(end - std::max<qsizetype>(same - kContext, 0), size);
        qsizetype expectedCount = 0;
        qsizetype actualCount = 0;
        QString body;
        for (qsizetype k = begin; k < end; ++k) {
            const Edit& edit = edits[k];
            if (edit.kind != '+') {
                ++expectedCount;
            }
            if (edit.kind != '-') {
                ++actualCount;
            }
            body += QLatin1Char(edit.kind) +
                    (edit.kind == '+' ? b[edit.actualLine] : a[edit.expectedLine]) +
                    QLatin1Char('\n');
        }
        diff += QStringLiteral("@@ -%1,%2 +%3,%4 @@\n")
                    .arg(edits[begin].expectedLine + 1)
                    .arg(expectedCount)
                    .arg(edits[begin].actualLine + 1)
                    .arg(actualCount) +
                body;
        at = end;
    }
    return diff;
}

bool matchesGolden(const QString& relativePath, const QString& actual, QString* why) {
    const QString path = QStringLiteral(MTGA_SOURCE_DIR "/tests/data/") + relativePath;
    if (qEnvironmentVariableIntValue("MTGA_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(actual.toUtf8()) != actual.toUtf8().size()) {
            *why = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            return false;
        }
        qInfo("MTGA_UPDATE_GOLDEN: wrote %s", qPrintable(path));
        return true;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral(
                   "no golden file %1 (MTGA_UPDATE_GOLDEN=1 writes it); the output "
                   "was:\n%2")
                   .arg(path, actual);
        return false;
    }
    const QString expected = QString::fromUtf8(file.readAll());
    if (expected == actual) {
        return true;
    }
    *why = QStringLiteral("the output differs from %1 (MTGA_UPDATE_GOLDEN=1 rewrites it):\n%2")
               .arg(path, unifiedDiff(expected, actual, QStringLiteral("expected/") + relativePath,
                                      QStringLiteral("actual/") + relativePath));
    return false;
}

}  // namespace mtga::test
