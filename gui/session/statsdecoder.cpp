#include "gui/session/statsdecoder.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPointer>

#include <memory>

namespace mtga::gui {

class StatsDecoder::Worker : public QObject {
public:
    Worker(QObject* receiver, Delivery deliver)
        : m_receiver(receiver), m_deliver(std::move(deliver)) {}

    void decode(const QByteArray& line) {
        auto decoded = std::make_shared<Result<StatsEvent>>(decodeLine(line));
        if (!m_receiver) {
            return;
        }
        // Queued to the receiver: delivered in order, dropped when it is gone.
        QMetaObject::invokeMethod(
            m_receiver.data(), [deliver = m_deliver, decoded] { deliver(*decoded); },
            Qt::QueuedConnection);
    }

private:
    QPointer<QObject> m_receiver;
    Delivery m_deliver;
};

StatsDecoder::StatsDecoder(QObject* receiver, Delivery deliver)
    : m_worker(new Worker(receiver, std::move(deliver))) {
    m_thread.setObjectName(QStringLiteral("mtga-stats-decoder"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StatsDecoder::~StatsDecoder() {
    m_thread.quit();
    m_thread.wait();
}

void StatsDecoder::decode(const QByteArray& line) {
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, line] { worker->decode(line); }, Qt::QueuedConnection);
}

Result<StatsEvent> StatsDecoder::decodeLine(const QByteArray& line) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return Error::of(ErrorCode::BadReply,
                         QCoreApplication::translate("mtga::gui::StatsDecoder",
                                                     "a stats event that is not JSON: %1")
                             .arg(error.errorString()));
    }
    return StatsEvent::fromJson(document.object());
}

}  // namespace mtga::gui
