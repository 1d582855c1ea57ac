#pragma once

// Screenshot: `mtga-console --screenshot FILE [--dialog reset|clear]` renders the main window
// (or one of its dialogs, opened on the current worker) to a PNG once the worker's data is in,
// so docs and reviews show what users see. It waits for the first stats of the current worker
// (at most `waitMs`), lets the dialog fetch what it shows, grabs, and quits the application
// with 0, or 1 when the file could not be written.

#include <QObject>
#include <QString>

namespace mtga::gui {

class MainWindow;

class Screenshot : public QObject {
    Q_OBJECT

public:
    // The dialogs `--dialog` takes.
    static QStringList dialogNames();

    Screenshot(MainWindow* window, QString file, QString dialog, int waitMs);
    void start();

private:
    void capture();
    void save(QWidget* widget);

    MainWindow* m_window;
    QString m_file;
    QString m_dialog;
    int m_waitMs;
    int m_waited = 0;
};

}  // namespace mtga::gui
