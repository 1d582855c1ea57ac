#include "gui/panels/activitypanel.h"

#include <QDateTime>
#include <QListWidget>
#include <QVBoxLayout>

namespace mtga::gui {

ActivityPanel::ActivityPanel(QWidget* parent) : QWidget(parent), m_list(new QListWidget(this)) {
    setObjectName(QStringLiteral("activityPanel"));
    m_list->setObjectName(QStringLiteral("activityList"));
    m_list->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_list);
}

void ActivityPanel::add(const QString& worker, const QString& text, bool ok) {
    auto* item = new QListWidgetItem(
        QStringLiteral("%1  %2: %3")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), worker, text),
        m_list);
    if (!ok) {
        item->setForeground(QColor(207, 34, 46));
    }
    while (m_list->count() > kMaxLines) {
        delete m_list->takeItem(0);
    }
    m_list->scrollToBottom();
}

QString ActivityPanel::last() const {
    return m_list->count() == 0 ? QString() : m_list->item(m_list->count() - 1)->text();
}

}  // namespace mtga::gui
