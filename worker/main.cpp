// mtga: the headless worker and the ops CLI in one binary.

#include "shared/translator.h"
#include "shared/version.h"
#include "worker/cli/commandline.h"

#include <QCoreApplication>

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mtga"));
    QCoreApplication::setApplicationVersion(QLatin1String(mtga::kVersion));
    mtga::installTranslators(app);
    return mtga::cli::runCommandLine(QCoreApplication::arguments());
}
