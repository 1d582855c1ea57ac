#include "gui/widgets/statuslight.h"

#include <QPainter>
#include <QPixmap>

namespace mtga::gui {

QColor lightColour(WorkerSession::Light light) {
    switch (light) {
        case WorkerSession::Light::Connected:
            return {46, 160, 67};
        case WorkerSession::Light::Degraded:
            return {219, 145, 0};
        case WorkerSession::Light::Unreachable:
            return {207, 34, 46};
        case WorkerSession::Light::Connecting:
        case WorkerSession::Light::NoAnswer:
            break;
    }
    return {140, 140, 140};
}

QIcon lightIcon(WorkerSession::Light light, int size) {
    QIcon icon;
    for (const int scale : {1, 2}) {
        QPixmap pixmap(size * scale, size * scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QColor colour = lightColour(light);
        painter.setPen(QPen(colour.darker(130), scale));
        painter.setBrush(colour);
        const qreal margin = size * scale * 0.2;
        painter.drawEllipse(
            QRectF(margin, margin, size * scale - 2 * margin, size * scale - 2 * margin));
        painter.end();
        pixmap.setDevicePixelRatio(scale);
        icon.addPixmap(pixmap);
    }
    return icon;
}

}  // namespace mtga::gui
