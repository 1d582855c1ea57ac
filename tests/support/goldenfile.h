#pragma once

// Golden files: text a test's output must equal byte for byte, kept in tests/data/. A mismatch
// fails with a unified diff of expected (the file) against actual; MTGA_UPDATE_GOLDEN=1 writes
// the actual text into the file instead and passes, for a deliberate change of output (review
// the diff of the files before committing them).

#include <QString>

namespace mtga::test {

// Whether `actual` equals the golden file `relativePath` (under tests/data/). On a mismatch,
// `why` gets the diff, or says the file is missing.
bool matchesGolden(const QString& relativePath, const QString& actual, QString* why);

// A unified diff (3 lines of context) from `expected` to `actual`, empty when they are equal.
QString unifiedDiff(const QString& expected, const QString& actual, const QString& expectedName,
                    const QString& actualName);

}  // namespace mtga::test

// QVERIFY that `actual` matches the golden file, printing the diff when it does not.
#define MTGA_COMPARE_GOLDEN(relativePath, actual)                           \
    do {                                                                    \
        QString goldenDiff;                                                 \
        const bool matchesGoldenFile =                                      \
            ::mtga::test::matchesGolden(relativePath, actual, &goldenDiff); \
        QVERIFY2(matchesGoldenFile, qPrintable(goldenDiff));                \
    } while (false)
