// mtga: the headless worker and the ops CLI in one binary.

#include "shared/translator.h"
#include "shared/version.h"
#include "worker/cli/commandline.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mtga"));
    QCoreApplication::setApplicationVersion(QLatin1String(mtga::kVersion));
    mtga::installTranslators(app);
    // A file-size limit or a full quota must fail the write (EFBIG), which the sink handles and
    // retries, instead of killing the worker.
    std::signal(SIGXFSZ, SIG_IGN);
#ifdef MTGA_NEEDS_AVX2
    // The transform is built for AVX2 (see worker/CMakeLists.txt): say so instead of dying on
    // an illegal instruction.
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("bmi2") ||
        !__builtin_cpu_supports("pclmul")) {
        std::fputs(qUtf8Printable(QCoreApplication::translate(
                       "main",
                       "mtga: this build needs a CPU with AVX2, BMI2 and PCLMUL; rebuild "
                       "with -DMTGA_PORTABLE=ON for this machine.\n")),
                   stderr);
        return 1;
    }
#endif
    return mtga::cli::runCommandLine(QCoreApplication::arguments());
}
