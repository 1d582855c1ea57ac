// mtga-console: the operators' desktop client.

#include "gui/mainwindow.h"
#include "gui/screenshot.h"
#include "gui/widgets/languagemenu.h"
#include "shared/translator.h"
#include "shared/version.h"

#include <QApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <memory>

namespace {

int usage(const QString& message) {
    std::fprintf(stderr, "mtga-console: %s\n", qPrintable(message));
    return 2;
}

}  // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("mtga"));
    QApplication::setApplicationName(QStringLiteral("mtga-console"));
    QApplication::setApplicationVersion(QLatin1String(mtga::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("mtga-console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mtga.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main",
        "The mtga operators' console: watch workers' lag and failure queues, and steer "
        "them."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectOption(
        QStringLiteral("connect"),
        QApplication::translate("main",
                                "Watch this worker for this run (a socket path, a "
                                "configuration file or ssh://[user@]host[:port]/path); "
                                "may be repeated; the first is shown."),
        QStringLiteral("WORKER"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Render the window to this PNG file once the worker's "
                                "data is in, and exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption dialogOption(
        QStringLiteral("dialog"),
        QApplication::translate("main", "With --screenshot: render this dialog instead (%1).")
            .arg(mtga::gui::Screenshot::dialogNames().join(QStringLiteral(", "))),
        QStringLiteral("NAME"));
    const QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QApplication::translate("main",
                                "Keep the console's settings in this file instead of "
                                "the user's."),
        QStringLiteral("FILE"));
    parser.addOptions({connectOption, screenshotOption, dialogOption, settingsOption});
    parser.process(app);

    mtga::gui::MainWindow::Options options;
    options.settingsFile = parser.value(settingsOption);
    const bool screenshot = parser.isSet(screenshotOption);
    // A screenshot shows what --connect names, not this user's list.
    options.loadRemembered = !screenshot;
    {
        const auto settings =
            options.settingsFile.isEmpty()
                ? std::make_unique<QSettings>()
                : std::make_unique<QSettings>(options.settingsFile, QSettings::IniFormat);
        mtga::gui::LanguageMenu::applyLanguage(*settings);
    }
    mtga::installTranslators(app);

    const QString dialog = parser.value(dialogOption);
    if (!dialog.isEmpty() && !mtga::gui::Screenshot::dialogNames().contains(dialog)) {
        return usage(
            QApplication::translate("main", "--dialog takes one of %1, not \"%2\"")
                .arg(mtga::gui::Screenshot::dialogNames().join(QStringLiteral(", ")), dialog));
    }
    std::vector<mtga::gui::WorkerSpec> specs;
    for (const QString& text : parser.values(connectOption)) {
        mtga::Result<mtga::gui::WorkerSpec> spec = mtga::gui::WorkerSpec::parse(text);
        if (!spec) {
            return usage(spec.error().message);
        }
        specs.push_back(spec.value());
    }

    mtga::gui::MainWindow window(options);
    for (const auto& spec : specs) {
        window.addWorker(spec, false);
    }
    if (!specs.empty()) {
        window.setCurrentWorker(window.workers()->count() - static_cast<int>(specs.size()));
    }
    window.show();
    if (screenshot) {
        auto* shot =
            new mtga::gui::Screenshot(&window, parser.value(screenshotOption), dialog, 15'000);
        shot->start();
    }
    return QApplication::exec();
}
