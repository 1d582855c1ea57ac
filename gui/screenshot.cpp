#include "gui/screenshot.h"

#include "gui/actions/workeractions.h"
#include "gui/dialogs/clearfailuresdialog.h"
#include "gui/dialogs/resetoffsetsdialog.h"
#include "gui/mainwindow.h"
#include "gui/panels/failurespanel.h"

#include <QTabWidget>

#include <QApplication>
#include <QDialog>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace mtga::gui {

namespace {

constexpr int kPollMs = 200;
// After the data is in: the chart gets a few more points and a dialog its dry run.
constexpr int kSettleMs = 2500;

}  // namespace

QStringList Screenshot::dialogNames() {
    return {QStringLiteral("reset"), QStringLiteral("failures"), QStringLiteral("clear")};
}

Screenshot::Screenshot(MainWindow* window, QString file, QString dialog, int waitMs)
    : QObject(window),
      m_window(window),
      m_file(std::move(file)),
      m_dialog(std::move(dialog)),
      m_waitMs(waitMs) {}

void Screenshot::start() {
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll] {
        m_waited += kPollMs;
        const WorkerSession* session = m_window->currentSession();
        if ((session && session->stats()) || m_waited >= m_waitMs) {
            poll->stop();
            QTimer::singleShot(kSettleMs, this, &Screenshot::capture);
        }
    });
    poll->start(kPollMs);
}

void Screenshot::capture() {
    if (m_dialog.isEmpty()) {
        save(m_window);
        return;
    }
    if (m_dialog == QLatin1String("failures")) {
        // The failure browser is a tab: show it, let its first page come, grab the window.
        m_window->tabs()->setCurrentWidget(m_window->failuresPanel());
        QTimer::singleShot(kSettleMs, this, [this] { save(m_window); });
        return;
    }
    QDialog* dialog = nullptr;
    if (m_dialog == QLatin1String("reset")) {
        dialog = m_window->actions()->openResetOffsets();
    } else if (m_dialog == QLatin1String("clear")) {
        dialog = m_window->actions()->openClearFailures();
    }
    if (!dialog) {
        std::fprintf(stderr, "mtga-console: no worker to open the %s dialog on\n",
                     qPrintable(m_dialog));
        QCoreApplication::exit(1);
        return;
    }
    QTimer::singleShot(kSettleMs, this, [this, dialog] { save(dialog); });
}

void Screenshot::save(QWidget* widget) {
    const QPixmap pixmap = widget->grab();
    if (pixmap.isNull() || !pixmap.save(m_file, "PNG")) {
        std::fprintf(stderr, "mtga-console: cannot write %s\n", qPrintable(m_file));
        QCoreApplication::exit(1);
        return;
    }
    std::printf("%s\n", qPrintable(m_file));
    std::fflush(stdout);
    QCoreApplication::exit(0);
}

}  // namespace mtga::gui
